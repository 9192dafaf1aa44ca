/** QA workspace: sampling. */
export const sampling = {};
