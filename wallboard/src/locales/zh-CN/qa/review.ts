/** QA workspace: review. */
import type { MessageSchema } from '../../en';

export const review: MessageSchema['qa']['review'] = {};
