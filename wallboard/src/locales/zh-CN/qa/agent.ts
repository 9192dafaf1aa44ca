/** QA workspace: agent. */
import type { MessageSchema } from '../../en';

export const agent: MessageSchema['qa']['agent'] = {};
