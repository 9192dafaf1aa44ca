/** QA workspace: evaluation. */
export const evaluation = {};
