/** The app shell and what every page shares: navigation, roles, errors, the language switch, scopes, pages still to come. */
export const app = {
  name: 'Callboard',
  nav: {
    label: 'Main',
    wallboard: 'Wallboard',
    trends: 'Trends',
    qa: 'QA',
    settings: 'Settings',
    admin: 'Admin',
    adminUsers: 'Users',
    adminKeys: 'API keys',
    adminKiosk: 'Kiosk displays',
    adminAudit: 'Audit log',
    account: 'Change password',
    login: 'Sign in',
    kiosk: 'Wall display',
  },
  demoBadge: 'DEMO DATA',
  demoHint: 'These figures come from the built-in call simulator, not from a phone system.',
  language: 'Language',
  user: {
    label: 'Signed in',
    changePassword: 'Change password',
    signOut: 'Sign out',
  },
};

export const roles = {
  admin: 'Administrator',
  manager: 'Manager',
  supervisor: 'Supervisor',
  qa_lead: 'QA lead',
  qa_reviewer: 'QA reviewer',
  agent: 'Agent',
  kiosk: 'Wall display',
  ingest: 'Ingest',
  metrics: 'Metrics',
};

export const errors = {
  forbidden: 'You are not allowed to do this. Ask an administrator if you need access.',
  network: 'Cannot reach the server. Check the connection and try again.',
  timeout: 'The server did not answer in time. Try again.',
  csrf: 'This page could not prove it is yours. Reload it and try again.',
  status: 'The server answered {status}: {message}',
};

export const language = {
  zhCN: '中文',
  en: 'English',
};

export const scope = {
  queues: 'Queues',
  teams: 'Teams',
  allQueues: 'All queues',
  allTeams: 'All teams',
  everything: 'All queues and teams',
  summaryQueues: 'Queues: {list}',
  summaryTeams: 'Teams: {list}',
  all: 'all',
  none: 'none',
  notApplicable: '—',
  other: 'Other',
  add: 'Add',
  noneKnown: 'None seen in the data yet.',
};

export const comingSoon = {
  badge: 'Coming soon',
};

/** Downloads of a table on screen. */
export const exports = {
  label: 'Export',
  csv: 'CSV',
  xlsx: 'Excel',
  failed: 'The export failed: {error}',
};
