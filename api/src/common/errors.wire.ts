/** The body of every failed request (`errors.ts`): what clients read to tell failures apart. */
import { z } from 'zod';

export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string().describe('stable machine-readable code'),
    message: z.string(),
    field: z.string().optional().describe('the field to blame, when there is one'),
  })
  .meta({ id: 'Error', description: 'A failed request' });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
