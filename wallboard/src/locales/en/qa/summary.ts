/** QA workspace: summary. */
export const summary = {};
