/** QA workspace: form. */
export const form = {};
