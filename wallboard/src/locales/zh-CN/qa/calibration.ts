/** QA workspace: calibration. */
import type { MessageSchema } from '../../en';

export const calibration: MessageSchema['qa']['calibration'] = {};
