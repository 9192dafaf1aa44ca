/** Input of the recordings route. */
import { z } from 'zod';
import { safeText } from '../../common/text.js';

export const recordingParamsSchema = z.object({
  callId: safeText(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')).meta({
    description: 'the call, as its events name it',
  }),
});
export type RecordingParams = z.infer<typeof recordingParamsSchema>;
