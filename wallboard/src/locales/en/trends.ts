/** Trends and reports. */
export const trends = {
  title: 'Trends',
  summary: 'How the center is doing over time, in the center’s time zone.',
  items: {
    charts: 'Offered calls, three-ring rate, ASA and abandon rate by 15 minutes, hour, day, week or month.',
    filters: 'Per queue, call type or agent, with a comparison period.',
    counts: 'The raw counts behind every rate, so each figure can be checked.',
    report:
      'The monthly analysis report: volume by period and business type, problem types, results and satisfaction, for print or as CSV and PDF.',
  },
};
