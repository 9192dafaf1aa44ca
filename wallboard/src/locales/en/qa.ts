/** The QA workspace. */
export const qa = {
  title: 'Quality assurance',
  summary: 'Reviewing sampled calls against the etiquette checklist.',
  items: {
    queue: 'Your review queue of calls sampled each week per agent.',
    scoring: 'Scoring with the checklist: greeting, courtesy, handling, closing, record complete.',
    autoChecks: 'Transcript suggestions with evidence: greeting, forbidden phrases, closing.',
    workflow: 'Acknowledgements, disputes and calibration sessions between reviewers.',
  },
};
