import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { draftStatus, formatHourMinute, isRetryable } from './draftStatus';

describe('draftStatus', () => {
  it('tries again after a network failure, a server error or a rate limit, not after a refusal', () => {
    expect(isRetryable(new ApiError('offline', { code: 'NETWORK' }))).toBe(true);
    expect(isRetryable(new ApiError('boom', { status: 503 }))).toBe(true);
    expect(isRetryable(new ApiError('slow down', { status: 429 }))).toBe(true);
    expect(isRetryable(new ApiError('already submitted', { status: 409 }))).toBe(false);
    expect(isRetryable(new ApiError('bad answer', { status: 400 }))).toBe(false);
    expect(isRetryable(new Error('not from the API'))).toBe(false);
  });

  it('names the reason of a failed save', () => {
    expect(draftStatus({ kind: 'failed', error: new ApiError('Server unreachable', { code: 'NETWORK' }) })).toEqual({
      key: 'failed',
      reason: 'Server unreachable',
    });
    expect(draftStatus({ kind: 'failed', error: new ApiError('evaluation ev-1 is submitted', { status: 409 }) })).toEqual({
      key: 'failedFinal',
      reason: 'evaluation ev-1 is submitted',
    });
  });

  it('writes the time of a save in the center’s zone', () => {
    // 06:02 UTC is 14:02 in Shanghai (UTC+8)
    expect(formatHourMinute(new Date('2025-03-04T06:02:40Z'), 'Asia/Shanghai', 'en')).toBe('14:02');
  });
});
