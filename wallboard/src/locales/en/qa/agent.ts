/** QA workspace: agent. */
export const agent = {};
