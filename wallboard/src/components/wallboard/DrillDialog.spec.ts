import type { LiveCallRow, LiveCallsPage } from '@callboard/api/wire';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../i18n';
import { errorResponse, fakeApi, type FakeRoutes } from '../../testing/session.fixture';
import { jsonResponse } from '../../testing/today.fixture';
import DrillDialog, { type DrillRequest } from './DrillDialog.vue';

const TZ = 'Asia/Shanghai';
const ROUTE = 'GET /api/v1/live/calls';

function call(callId: string, overrides: Partial<LiveCallRow> = {}): LiveCallRow {
  return {
    callId,
    queue: 'sales',
    callType: 'billing',
    caller: '*******1234',
    offeredAt: '2026-03-02T10:05:09.000+08:00',
    answeredAt: '2026-03-02T10:05:17.400+08:00',
    endedAt: '2026-03-02T10:07:27.400+08:00',
    outcome: 'answered',
    waitS: 8.4,
    talkS: 120,
    holdS: 10,
    wrapS: 25,
    agentId: 'a1',
    agentName: '张伟',
    slThresholdS: 15,
    answeredInThreshold: true,
    shortAbandon: false,
    transferred: false,
    transferTarget: null,
    category: 'inquiry',
    ...overrides,
  };
}

const page = (rows: LiveCallRow[], next: string | null = null, total = rows.length): LiveCallsPage => ({
  figure: 'answered',
  total,
  rows,
  next,
});

const mounted: VueWrapper[] = [];

function mountDialog(request: DrillRequest | null, { locale = 'en' }: { locale?: AppLocale } = {}) {
  const wrapper = mount(DrillDialog, {
    props: { request, timeZone: TZ },
    global: { plugins: [createAppI18n(locale)] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

function api(routes: FakeRoutes) {
  return fakeApi(routes);
}

const ANSWERED: DrillRequest = { figure: 'answered', queue: 'sales', callType: 'billing', title: 'Answered · sales' };

const texts = (w: VueWrapper, testid: string) => w.findAll(`[data-testid="drill-row"] [data-testid="${testid}"]`).map((c) => c.text());
const dialogEl = (w: VueWrapper) => w.get('[data-testid="drill-dialog"]').element as HTMLDialogElement;

afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  document.body.innerHTML = '';
});

describe('DrillDialog', () => {
  it('stays closed and asks nothing without a request', async () => {
    const fake = api({ [ROUTE]: page([]) });
    const w = mountDialog(null);
    await flushPromises();
    expect(dialogEl(w).open).toBe(false);
    expect(fake.fetchMock).not.toHaveBeenCalled();
  });

  it('asks for the figure, queue and call type, 50 calls at a time', async () => {
    const fake = api({ [ROUTE]: page([call('c1')]) });
    const w = mountDialog(ANSWERED);
    await flushPromises();
    expect(dialogEl(w).open).toBe(true);
    expect(fake.calls(ROUTE).map((c) => c.url)).toEqual(['/api/v1/live/calls?figure=answered&queue=sales&callType=billing&limit=50']);
  });

  it('leaves out the queue and call type when the figure covers the whole scope, and encodes what it sends', async () => {
    const fake = api({ [ROUTE]: page([]) });
    const w = mountDialog({ figure: 'waiting', queue: null, title: 'Waiting' });
    await flushPromises();
    await w.setProps({ request: { figure: 'abandoned', queue: 'sales,support', callType: 'a&b c', title: 'Abandoned' } });
    await flushPromises();
    expect(fake.calls(ROUTE).map((c) => c.url)).toEqual([
      '/api/v1/live/calls?figure=waiting&limit=50',
      '/api/v1/live/calls?figure=abandoned&queue=sales%2Csupport&callType=a%26b+c&limit=50',
    ]);
  });

  it('lists each call with its offer time in the center’s zone, the caller as sent, wait, agent, outcome and handle time', async () => {
    api({
      [ROUTE]: page([
        call('c2', {
          offeredAt: '2026-03-02T02:10:00.000Z', // 10:10:00 in Shanghai
          outcome: 'abandoned',
          caller: null,
          callType: null,
          waitS: 3.2,
          talkS: null,
          wrapS: null,
          holdS: 0,
          agentId: null,
          agentName: null,
          answeredInThreshold: false,
          shortAbandon: true,
        }),
        call('c1', { answeredInThreshold: false, waitS: 21 }),
      ]),
    });
    const w = mountDialog(ANSWERED);
    await flushPromises();

    expect(w.get('h2').text()).toBe('Answered · sales');
    expect(w.findAll('[data-testid="drill-row"]').map((r) => r.attributes('data-call-id'))).toEqual(['c2', 'c1']);
    // Each row names its leg as the API does: call, queue and offer time.
    expect(w.findAll('[data-testid="drill-row"]').map((r) => [r.attributes('data-queue'), r.attributes('data-offered-at')])).toEqual([
      ['sales', '2026-03-02T02:10:00.000Z'],
      ['sales', '2026-03-02T10:05:09.000+08:00'],
    ]);
    expect(texts(w, 'drill-offered')).toEqual(['10:10:00', '10:05:09']);
    expect(texts(w, 'drill-queue')).toEqual(['sales', 'sales']);
    expect(texts(w, 'drill-call-type')).toEqual(['—', 'billing']);
    expect(texts(w, 'drill-caller')).toEqual(['—', '*******1234']);
    expect(texts(w, 'drill-wait')).toEqual(['3.2s', '21s']);
    expect(texts(w, 'drill-agent')).toEqual(['—', '张伟']);
    expect(texts(w, 'drill-outcome')).toEqual(['Abandoned short abandon', 'Answered after 15s']);
    // 120 s talk + 10 s hold + 25 s wrap-up = 155 s = 2:35.
    expect(texts(w, 'drill-handle')).toEqual(['—', '2:35']);
    expect(w.get('[data-testid="drill-summary"]').text()).toBe('2 of 2 calls, newest first');
    expect(w.find('[data-testid="drill-more"]').exists()).toBe(false);
  });

  it('names outcomes in Chinese', async () => {
    api({ [ROUTE]: page([call('c1'), call('c2', { outcome: 'transferred_out', transferTarget: 'vip', talkS: null, wrapS: null })]) });
    const w = mountDialog(ANSWERED, { locale: 'zh-CN' });
    await flushPromises();
    expect(texts(w, 'drill-outcome')).toEqual(['已接听 15秒内接听', '转出 转至 vip']);
  });

  it('loads older calls with the cursor and appends them', async () => {
    const fake = api({
      [ROUTE]: ({ url }) =>
        jsonResponse(
          url.includes('before=')
            ? page([call('c1', { offeredAt: '2026-03-02T09:00:00.000+08:00' })], null, 3)
            : page([call('c3'), call('c2', { offeredAt: '2026-03-02T09:30:00.000+08:00' })], 'MTc3MjQxNjgwMDAwMDpjMg', 3),
        ),
    });
    const w = mountDialog(ANSWERED);
    await flushPromises();
    expect(w.get('[data-testid="drill-summary"]').text()).toBe('2 of 3 calls, newest first');

    await w.get('[data-testid="drill-more"]').trigger('click');
    await flushPromises();

    expect(fake.calls(ROUTE).map((c) => c.url)).toEqual([
      '/api/v1/live/calls?figure=answered&queue=sales&callType=billing&limit=50',
      '/api/v1/live/calls?figure=answered&queue=sales&callType=billing&limit=50&before=MTc3MjQxNjgwMDAwMDpjMg',
    ]);
    expect(w.findAll('[data-testid="drill-row"]').map((r) => r.attributes('data-call-id'))).toEqual(['c3', 'c2', 'c1']);
    expect(w.get('[data-testid="drill-summary"]').text()).toBe('3 of 3 calls, newest first');
    expect(w.find('[data-testid="drill-more"]').exists()).toBe(false);
  });

  it('says the calls are not for this account on 403, without offering to retry', async () => {
    api({ [ROUTE]: errorResponse(403, 'FORBIDDEN', 'queue support is outside your scope') });
    const w = mountDialog(ANSWERED);
    await flushPromises();
    expect(w.get('[data-testid="drill-error"]').text()).toBe('You are not allowed to see these calls.');
    expect(w.find('[data-testid="drill-retry"]').exists()).toBe(false);
    expect(w.find('[data-testid="drill-empty"]').exists()).toBe(false);
  });

  it('offers a retry after any other failure', async () => {
    let fail = true;
    const fake = api({ [ROUTE]: () => (fail ? errorResponse(503, 'UNAVAILABLE', 'warming up') : jsonResponse(page([call('c1')]))) });
    const w = mountDialog(ANSWERED);
    await flushPromises();
    expect(w.get('[data-testid="drill-error"]').text()).toContain('Could not load the calls.');

    fail = false;
    await w.get('[data-testid="drill-retry"]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="drill-error"]').exists()).toBe(false);
    expect(w.findAll('[data-testid="drill-row"]')).toHaveLength(1);
    expect(fake.calls(ROUTE)).toHaveLength(2);
  });

  it('says so when no call is behind the figure', async () => {
    api({ [ROUTE]: page([]) });
    const w = mountDialog({ figure: 'timed_out', title: 'Timed out' });
    await flushPromises();
    expect(w.get('[data-testid="drill-empty"]').text()).toBe('No calls behind this figure today.');
    expect(w.findAll('[data-testid="drill-row"]')).toHaveLength(0);
  });

  it('drops an answer that arrives after the dialog moved on to another figure', async () => {
    let release: (r: Response) => void = () => undefined;
    api({
      [ROUTE]: ({ url }) =>
        url.includes('figure=answered')
          ? new Promise<Response>((resolve) => (release = resolve))
          : jsonResponse(page([call('late', { outcome: 'abandoned' })])),
    });
    const w = mountDialog(ANSWERED);
    await flushPromises();
    await w.setProps({ request: { figure: 'abandoned', title: 'Abandoned' } });
    await flushPromises();
    release(jsonResponse(page([call('stale')])));
    await flushPromises();
    expect(w.findAll('[data-testid="drill-row"]').map((r) => r.attributes('data-call-id'))).toEqual(['late']);
  });

  it('asks to close from the close button and on Escape', async () => {
    api({ [ROUTE]: page([]) });
    const w = mountDialog(ANSWERED);
    await flushPromises();

    await w.get('[data-testid="drill-close"]').trigger('click');
    expect(w.emitted('close')).toHaveLength(1);

    const other = mountDialog(ANSWERED);
    await flushPromises();
    await other.get('[data-testid="drill-dialog"]').trigger('keydown', { key: 'Escape' });
    expect(other.emitted('close')).toHaveLength(1);
  });

  it('moves focus into the dialog and back to what opened it', async () => {
    api({ [ROUTE]: page([]) });
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();

    const w = mountDialog(null);
    await w.setProps({ request: ANSWERED });
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-testid="drill-close"]').element);

    await w.setProps({ request: null });
    await flushPromises();
    expect(dialogEl(w).open).toBe(false);
    expect(document.activeElement).toBe(opener);
    expect(w.emitted('close')).toBeUndefined();
  });
});
