import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, todayFixture } from '../testing/today.fixture';
import { ApiError, fetchToday } from './today';

describe('fetchToday', () => {
  it('asks the API for today with a relative URL and returns the body', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(todayFixture()));
    vi.stubGlobal('fetch', fetchMock);

    const today = await fetchToday();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/today');
    expect(today.tz).toBe('Asia/Shanghai');
    expect(today.queues.map((q) => q.queue)).toEqual(['support', 'vip', 'sales']);
  });

  it('rejects an error status with that status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ message: 'unavailable' }, 503)),
    );

    const error = await fetchToday().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
  });

  it('rejects a network failure without a status, keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(cause)),
    );

    const error = await fetchToday().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBeUndefined();
    expect((error as ApiError).cause).toBe(cause);
  });

  it('rejects a body that is not today’s figures', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ asOf: '2025-03-04T02:05:09Z', queues: 'none' })),
    );

    await expect(fetchToday()).rejects.toThrow('unexpected shape');
  });

  it('gives up on a request that never answers', async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal(
        'fetch',
        vi.fn(
          (_url: string, init: RequestInit) =>
            new Promise((_resolve, reject) => {
              init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            }),
        ),
      );
      const pending = fetchToday({ timeoutMs: 3_000 }).catch((e: unknown) => e);

      await vi.advanceTimersByTimeAsync(3_000);

      const error = await pending;
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
