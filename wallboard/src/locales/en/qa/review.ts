/** QA workspace: review. */
export const review = {};
