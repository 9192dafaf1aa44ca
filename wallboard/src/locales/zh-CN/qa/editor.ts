/** QA workspace: editor. */
import type { MessageSchema } from '../../en';

export const editor: MessageSchema['qa']['editor'] = {};
