const en = {
  app: {
    name: 'Callboard',
    nav: {
      label: 'Main',
      wallboard: 'Wallboard',
      trends: 'Trends',
      qa: 'QA',
      settings: 'Settings',
    },
    demoBadge: 'DEMO DATA',
    demoHint: 'These figures come from the built-in call simulator, not from a phone system.',
    language: 'Language',
  },
  language: {
    zhCN: '中文',
    en: 'English',
  },
  wallboard: {
    title: 'Today',
    asOf: '{day} · as of {time} ({tz})',
    loading: 'Loading today’s figures…',
    empty: 'No calls yet today. Figures appear here as soon as the first call enters a queue.',
    errorNoData: 'Could not load today’s figures. Retrying every few seconds.',
    errorStale: 'Could not refresh the figures. Showing the last ones received ({time}). Retrying.',
    errorStatus: 'Server answered {status}.',
    tableCaption: 'Today’s calls per queue',
    totals: 'All queues',
    col: {
      queue: 'Queue',
      offered: 'Offered',
      answered: 'Answered',
      answeredInThreshold: 'Within 3 rings',
      abandoned: 'Abandoned (short)',
      timedOut: 'Timed out',
      waiting: 'Waiting',
      threeRingRate: '3-ring rate',
      asaS: 'ASA',
      abandonRate: 'Abandon rate',
    },
    hint: {
      offered: 'Calls that entered the queue today.',
      answered: 'Offered calls answered by an agent.',
      answeredInThreshold: 'Answered with a wait of at most three rings.',
      abandoned: 'Callers who hung up while waiting; in brackets, short abandons (hung up within a few seconds).',
      timedOut: 'Calls that left the queue unanswered (time-out, empty queue, key exit).',
      waiting: 'Calls in the queue now.',
      threeRingRate: 'Answered within three rings ÷ (answered + abandoned − short abandoned + timed out).',
      asaS: 'Average speed of answer: mean wait of answered calls.',
      abandonRate: '(Abandoned − short abandoned) ÷ (offered − short abandoned).',
    },
  },
  comingSoon: {
    badge: 'Coming soon',
  },
  trends: {
    title: 'Trends',
    summary: 'How the center is doing over time, in the center’s time zone.',
    items: {
      charts: 'Offered calls, three-ring rate, ASA and abandon rate by 15 minutes, hour, day, week or month.',
      filters: 'Per queue, call type or agent, with a comparison period.',
      counts: 'The raw counts behind every rate, so each figure can be checked.',
      report: 'The monthly analysis report: volume by period and business type, problem types, results and satisfaction, for print or as CSV and PDF.',
    },
  },
  qa: {
    title: 'Quality assurance',
    summary: 'Reviewing sampled calls against the etiquette checklist.',
    items: {
      queue: 'Your review queue of calls sampled each week per agent.',
      scoring: 'Scoring with the checklist: greeting, courtesy, handling, closing, record complete.',
      autoChecks: 'Transcript suggestions with evidence: greeting, forbidden phrases, closing.',
      workflow: 'Acknowledgements, disputes and calibration sessions between reviewers.',
    },
  },
  settings: {
    title: 'Settings',
    summary: 'How Callboard measures your center.',
    items: {
      thresholds: 'Per queue: rings and ring cycle behind the three-ring rate, and the short-abandon limit.',
      sla: 'Deadline policies for replies, complaints and call-backs, with the working-day calendar.',
      users: 'Users, roles and wallboard display tokens.',
      keys: 'API keys for the phone system to send call events.',
    },
  },
};

export type MessageSchema = typeof en;

export default en;
