import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ZERO_FIGURES, jsonResponse, todayFixture } from '../testing/today.fixture';
import type { TodayQueue } from '../api/today';
import { useTodayStore } from './today';

function queue(name: string): TodayQueue {
  return { ...ZERO_FIGURES, queue: name };
}

/** A fetch whose answer the test releases when it chooses. */
function deferredFetch() {
  let release: (response: Response) => void = () => {};
  const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (release = resolve)));
  return { fetchMock, release: (response: Response) => release(response) };
}

describe('today store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('has no data and is not empty before the first answer', () => {
    const today = useTodayStore();

    expect(today.hasData).toBe(false);
    expect(today.isEmpty).toBe(false);
    expect(today.queues).toEqual([]);
    expect(today.totals).toBeNull();
    expect(today.demo).toBe(false);
  });

  it('sorts queues by name, reading numbers as numbers', () => {
    const today = useTodayStore();

    today.receive(todayFixture({ queues: [queue('queue-10'), queue('queue-2'), queue('Billing'), queue('alpha')] }));

    expect(today.queues.map((q) => q.queue)).toEqual(['alpha', 'Billing', 'queue-2', 'queue-10']);
  });

  it('is empty once the API reports a day without queues', () => {
    const today = useTodayStore();

    today.receive(todayFixture({ queues: [], totals: ZERO_FIGURES }));

    expect(today.hasData).toBe(true);
    expect(today.isEmpty).toBe(true);
  });

  it('reports demo figures', () => {
    const today = useTodayStore();

    today.receive(todayFixture({ demo: true }));

    expect(today.demo).toBe(true);
  });

  it('stores the figures of a refresh and is loading only while it runs', async () => {
    const { fetchMock, release } = deferredFetch();
    vi.stubGlobal('fetch', fetchMock);
    const today = useTodayStore();

    const done = today.refresh();
    expect(today.loading).toBe(true);
    release(jsonResponse(todayFixture()));
    await done;

    expect(today.loading).toBe(false);
    expect(today.error).toBeNull();
    expect(today.totals?.offered).toBe(1621);
    expect(today.queues.map((q) => q.queue)).toEqual(['sales', 'support', 'vip']);
  });

  it('keeps the last figures when a refresh fails, and clears the error on the next success', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(todayFixture()))
      .mockResolvedValueOnce(jsonResponse({ message: 'boom' }, 500))
      .mockResolvedValueOnce(jsonResponse(todayFixture({ totals: { ...ZERO_FIGURES, offered: 1700 } })));
    vi.stubGlobal('fetch', fetchMock);
    const today = useTodayStore();

    await today.refresh();
    await today.refresh();

    expect(today.error?.status).toBe(500);
    expect(today.loading).toBe(false);
    expect(today.totals?.offered).toBe(1621);

    await today.refresh();

    expect(today.error).toBeNull();
    expect(today.totals?.offered).toBe(1700);
  });

  it('shares one request between refreshes made while it is under way', async () => {
    const { fetchMock, release } = deferredFetch();
    vi.stubGlobal('fetch', fetchMock);
    const today = useTodayStore();

    const first = today.refresh();
    const second = today.refresh();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    release(jsonResponse(todayFixture()));
    await Promise.all([first, second]);

    const third = today.refresh();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    release(jsonResponse(todayFixture()));
    await third;
  });
});
