/** QA workspace: evaluation. */
import type { MessageSchema } from '../../en';

export const evaluation: MessageSchema['qa']['evaluation'] = {};
