import { describe, expect, it } from 'vitest';
import { errorResponse, fakeApi } from '../testing/session.fixture';
import { ApiError } from './http';
import { fetchLiveCalls, handleTimeS } from './liveCalls';

const ROUTE = 'GET /api/v1/live/calls';
const EMPTY = { figure: 'abandoned', total: 0, rows: [], next: null };

describe('fetchLiveCalls', () => {
  it('sends the figure, the filters given, the page size and the cursor', async () => {
    const api = fakeApi({ [ROUTE]: EMPTY });
    await fetchLiveCalls({ figure: 'abandoned', queue: 'sales', callType: 'billing', limit: 50, before: 'MTc3Mjo6YzE' });
    expect(api.calls(ROUTE).map((c) => c.url)).toEqual([
      '/api/v1/live/calls?figure=abandoned&queue=sales&callType=billing&limit=50&before=MTc3Mjo6YzE',
    ]);
  });

  it('joins several queues with commas and leaves out what is not given', async () => {
    const api = fakeApi({ [ROUTE]: EMPTY });
    await fetchLiveCalls({ figure: 'breached', queue: ['sales', 'support'] });
    await fetchLiveCalls({ figure: 'waiting', queue: null, callType: null, before: null });
    await fetchLiveCalls({ figure: 'offered', queue: [] });
    expect(api.calls(ROUTE).map((c) => c.url)).toEqual([
      '/api/v1/live/calls?figure=breached&queue=sales%2Csupport',
      '/api/v1/live/calls?figure=waiting',
      '/api/v1/live/calls?figure=offered',
    ]);
  });

  it('returns the page as the server sends it', async () => {
    fakeApi({ [ROUTE]: { ...EMPTY, total: 7, next: 'abc' } });
    await expect(fetchLiveCalls({ figure: 'abandoned' })).resolves.toEqual({ ...EMPTY, total: 7, next: 'abc' });
  });

  it('rejects with the server’s status and code', async () => {
    fakeApi({ [ROUTE]: errorResponse(403, 'FORBIDDEN') });
    const failure = fetchLiveCalls({ figure: 'abandoned', queue: 'support' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('handleTimeS', () => {
  it('adds talk, hold and wrap-up', () => {
    expect(handleTimeS({ talkS: 120, holdS: 10, wrapS: 25 })).toBe(155);
  });

  it('counts a wrap-up not yet ended as none so far, and has nothing before an answer', () => {
    expect(handleTimeS({ talkS: 60, holdS: 0, wrapS: null })).toBe(60);
    expect(handleTimeS({ talkS: null, holdS: 0, wrapS: null })).toBeNull();
  });
});
