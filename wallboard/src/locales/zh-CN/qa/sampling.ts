/** QA workspace: sampling. */
import type { MessageSchema } from '../../en';

export const sampling: MessageSchema['qa']['sampling'] = {};
