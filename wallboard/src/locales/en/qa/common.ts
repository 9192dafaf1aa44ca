/** The QA workspace: its tabs and the words every QA screen shares. */
export const common = {
  title: 'Quality assurance',
  tabs: {
    label: 'QA',
    reviews: 'My reviews',
    mine: 'My results',
    disputes: 'Disputes',
    calibrations: 'Calibration',
    forms: 'Forms',
    sampling: 'Sampling',
    summary: 'Summary',
  },
  statuses: {
    assigned: 'Assigned',
    draft: 'Draft',
    submitted: 'Scored',
    acknowledged: 'Acknowledged',
    disputed: 'Disputed',
    resolved: 'Resolved',
  },
  outcomes: {
    upheld: 'Upheld',
    adjusted: 'Adjusted',
  },
  /** Why a call was sampled (SPEC §5 strata). */
  reasons: {
    random: 'Random',
    complaint: 'Complaint',
    dissatisfied: 'Dissatisfied follow-up',
    long_handle: 'Long handle time',
    transferred: 'Transferred',
  },
  loading: 'Loading…',
  empty: 'Nothing here yet.',
  points: '{score} / 100',
  marginOfError: '± {margin}',
};
