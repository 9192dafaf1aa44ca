/** QA workspace: disputes. */
import type { MessageSchema } from '../../en';

export const disputes: MessageSchema['qa']['disputes'] = {};
