import type { BreachCounts, LiveBreach } from '@callboard/api/wire';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../i18n';
import { stubChartBox, stubDarkSystem } from '../../testing/chartBox';
import { breach } from '../../testing/live.fixture';
import BreachPanel from './BreachPanel.vue';

/** 12:00:03 on 2 March 2026 in Shanghai. */
const NOW = Date.parse('2026-03-02T12:00:03.000+08:00');
const DUE = '2026-03-02T12:00:15.000+08:00';

type Props = {
  breaches: LiveBreach[];
  counts?: BreachCounts | null;
  serverNowMs?: number;
  agentName?: (agentId: string) => string;
  maxRows?: number;
};

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

beforeEach(stubDarkSystem);

function mountPanel(props: Props, locale: AppLocale = 'en') {
  const wrapper = mount(BreachPanel, {
    props: { counts: null, serverNowMs: NOW, timeZone: 'Asia/Shanghai', renderer: 'svg', ...props },
    global: { plugins: [createAppI18n(locale)] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

const rows = (w: VueWrapper) => w.findAll('[data-testid="breach-row"]');
const clock = (w: VueWrapper, i = 0) => rows(w)[i]!.get('[data-testid="breach-clock"]').text();

describe('BreachPanel', () => {
  it('counts down to the deadline of an item at risk on the server clock', async () => {
    const w = mountPanel({ breaches: [breach('b1', { status: 'at_risk', dueAt: DUE })] });
    // 12:00:15 − 12:00:03 = 12 s
    expect(clock(w)).toBe('Breaches in 0:12');
    expect(rows(w)[0]!.attributes('data-status')).toBe('at_risk');
    expect(rows(w)[0]!.get('[data-testid="breach-status"]').text()).toBe('At risk');

    // 11.5 s left still reads 0:12: the countdown rounds up, reaching 0:00 only at the deadline.
    await w.setProps({ serverNowMs: NOW + 500 });
    expect(clock(w)).toBe('Breaches in 0:12');
    await w.setProps({ serverNowMs: NOW + 1_000 });
    expect(clock(w)).toBe('Breaches in 0:11');
    // The server has not flipped it to breached yet: no negative countdown.
    await w.setProps({ serverNowMs: NOW + 15_000 });
    expect(clock(w)).toBe('Breaches in 0:00');
  });

  it('counts up how long a breached item is over its deadline', async () => {
    const w = mountPanel({
      breaches: [breach('b1', { status: 'breached', dueAt: DUE, breachedAt: DUE })],
      // 12:01:20 − 12:00:15 = 65 s
      serverNowMs: Date.parse('2026-03-02T12:01:20.000+08:00'),
    });
    expect(clock(w)).toBe('Over by 1:05');
    expect(rows(w)[0]!.get('[data-testid="breach-status"]').text()).toBe('Breached');
    await w.setProps({ serverNowMs: Date.parse('2026-03-02T12:01:20.900+08:00') });
    expect(clock(w)).toBe('Over by 1:05');
  });

  it('shows when an ended item ended, in the center’s time zone', () => {
    // 04:07:30 UTC is 12:07 in Shanghai (UTC+8), wherever the browser is.
    const ended = breach('b1', { status: 'ended', breachedAt: DUE, endedAt: '2026-03-02T04:07:30.000Z' });
    expect(clock(mountPanel({ breaches: [ended] }))).toBe('Ended 12:07');
    expect(clock(mountPanel({ breaches: [ended] }, 'zh-CN'))).toBe('12:07 已结束');
  });

  it('names a call by its queue and an agent by display name, never by number', () => {
    const w = mountPanel({
      breaches: [
        breach('b1', { rule: 'answer', subject: 'call:c-13800138000', queue: 'sales' }),
        breach('b2', { rule: 'not_ready_overrun', subject: 'agent:a1', queue: null, agentId: 'a1', status: 'breached' }),
        breach('b3', { rule: 'answer', subject: 'call:c2', queue: null }),
      ],
      agentName: (id) => (id === 'a1' ? 'Li Na' : id),
    });
    const subjects = rows(w).map((r) => r.get('[data-testid="breach-subject"]').text());
    expect(subjects).toEqual(['sales call', 'Li Na', 'Call']);
    expect(rows(w).map((r) => r.get('[data-testid="breach-rule"]').text())).toEqual([
      'Answer within three rings',
      'Not-ready overrun',
      'Answer within three rings',
    ]);
    expect(w.text()).not.toContain('13800138000');
  });

  it('names an agent by id when no names are given', () => {
    const w = mountPanel({
      breaches: [breach('b1', { rule: 'not_ready_overrun', subject: 'agent:a7', queue: null, agentId: null })],
    });
    expect(rows(w)[0]!.get('[data-testid="breach-subject"]').text()).toBe('a7');
  });

  it('keeps the server’s order and shows at most maxRows, with how many more', () => {
    const breaches = [
      breach('b0', { status: 'breached' }),
      ...Array.from({ length: 13 }, (_, i) => breach(`r${i}`, { status: 'at_risk' })),
      breach('e0', { status: 'ended', endedAt: DUE }),
    ];
    const w = mountPanel({ breaches });
    expect(rows(w)).toHaveLength(12);
    expect(rows(w).map((r) => r.attributes('data-status'))).toEqual(['breached', ...Array(11).fill('at_risk')]);
    // 15 items − 12 shown
    expect(w.get('[data-testid="breach-more"]').text()).toBe('+3 more');

    const few = mountPanel({ breaches: breaches.slice(0, 3), maxRows: 2 });
    expect(few.get('[data-testid="breach-more"]').text()).toBe('+1 more');
  });

  it('says so when nothing is at risk or in breach', () => {
    const w = mountPanel({ breaches: [] });
    expect(rows(w)).toHaveLength(0);
    expect(w.get('[data-testid="breach-empty"]').text()).toBe('Nothing at risk or in breach.');
    expect(w.find('[data-testid="breach-more"]').exists()).toBe(false);
  });

  it('states the counts in words as well as in the chart', () => {
    const w = mountPanel({ breaches: [], counts: { answer: 3, not_ready_overrun: 1, atRisk: 2 } });
    expect(w.get('[data-testid="breach-count-answer"]').text()).toBe('3');
    expect(w.get('[data-testid="breach-count-not_ready_overrun"]').text()).toBe('1');
    expect(w.get('[data-testid="breach-count-atRisk"]').text()).toBe('2');
    expect(w.findAll('.breach-panel__counts dt').map((dt) => dt.text())).toEqual([
      'Waited past three rings',
      'Not-ready overrun',
      'At risk now',
    ]);
  });

  it('shows dashes and no chart before the counts arrive', () => {
    const w = mountPanel({ breaches: [], counts: null });
    expect(w.get('[data-testid="breach-count-answer"]').text()).toBe('—');
    expect(w.find('[role="img"]').exists()).toBe(false);
  });

  it('draws the counts chart once its box has a size', () => {
    stubChartBox({ width: 320, height: 120 });
    const w = mountPanel({ breaches: [], counts: { answer: 3, not_ready_overrun: 1, atRisk: 2 } });
    const chart = w.get('[role="img"]');
    expect(chart.attributes('aria-label')).toBe('SLA breaches today by rule, and items at risk now.');
    expect(chart.find('svg').exists()).toBe(true);
  });
});
