/** QA workspace: media. */
export const media = {};
