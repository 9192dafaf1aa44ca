/** QA workspace: media. */
import type { MessageSchema } from '../../en';

export const media: MessageSchema['qa']['media'] = {};
