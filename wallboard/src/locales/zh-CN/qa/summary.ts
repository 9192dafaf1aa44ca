/** QA workspace: summary. */
import type { MessageSchema } from '../../en';

export const summary: MessageSchema['qa']['summary'] = {};
