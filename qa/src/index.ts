export const QA_VERSION = 1;
