/** QA workspace: calibration. */
export const calibration = {};
