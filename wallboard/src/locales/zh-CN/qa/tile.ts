/** QA workspace: tile. */
import type { MessageSchema } from '../../en';

export const tile: MessageSchema['qa']['tile'] = {};
