/** QA workspace: tile. */
export const tile = {};
