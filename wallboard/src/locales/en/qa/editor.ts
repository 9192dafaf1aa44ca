/** QA workspace: editor. */
export const editor = {};
