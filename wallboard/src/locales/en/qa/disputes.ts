/** QA workspace: disputes. */
export const disputes = {};
