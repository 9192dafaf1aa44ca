/**
 * `POST /api/v1/events` (SPEC §6): a batch of canonical events in, what became
 * of them out.
 */
import { z } from 'zod';
import { canonicalEvent } from '../events/event.schema.js';

export const MAX_EVENTS_PER_REQUEST = 5000;

export const eventSchema = canonicalEvent.meta({
  id: 'Event',
  description: 'A canonical event (SPEC §2). Payload fields may also be given beside the envelope instead of under `payload`.',
});

/** Items are validated one by one (`validate.ts`): the document shows what a valid item is. */
export const ingestBatchSchema = z.array(eventSchema).max(MAX_EVENTS_PER_REQUEST);

export const rejectionSchema = z
  .object({
    index: z.number().int().describe('position of the item in the batch'),
    error: z
      .string()
      .describe(
        '"<field path>: <reason>", or "refused by the database: <reason> (SQLSTATE <code>)" for a value the database does not store',
      ),
  })
  .meta({ id: 'Rejection', description: 'An item of the batch that was not accepted' });
export type Rejection = z.infer<typeof rejectionSchema>;

export const ingestResultSchema = z
  .object({
    accepted: z.number().int().describe('events newly in the log'),
    duplicates: z.number().int().describe('events whose id the log already held'),
    rejected: z.array(rejectionSchema),
  })
  .meta({ id: 'IngestResult', description: 'What became of a batch: valid items are accepted even when others are rejected' });
export type IngestResult = z.infer<typeof ingestResultSchema>;
