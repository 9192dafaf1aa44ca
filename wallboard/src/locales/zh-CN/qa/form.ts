/** QA workspace: form. */
import type { MessageSchema } from '../../en';

export const form: MessageSchema['qa']['form'] = {};
