/** A refusal of a sampling request placed at its field: `reviewers.2` belongs to the reviewers, `quotas.complaint` to its own input. */
import { ApiError } from '../../api/http';

export function serverFieldError(caught: unknown): { field: string; message: string } | null {
  if (!(caught instanceof ApiError) || !caught.field) return null;
  const field = /^reviewers\.\d+$/.test(caught.field) ? 'reviewers' : caught.field;
  const message = caught.message.startsWith(`${caught.field}: `) ? caught.message.slice(caught.field.length + 2) : caught.message;
  return { field, message };
}
