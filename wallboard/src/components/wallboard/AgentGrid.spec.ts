import type { LiveAgent } from '@callboard/api/wire';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../i18n';
import { agent } from '../../testing/live.fixture';
import AgentGrid from './AgentGrid.vue';

const TZ = 'Asia/Shanghai';
const at = (hms: string) => `2026-03-02T${hms}.000+08:00`;
const ms = (hms: string) => Date.parse(at(hms));

const mounted: VueWrapper[] = [];

function mountGrid(
  agents: LiveAgent[],
  {
    now = '12:03:05',
    locale = 'en',
    compact = false,
    maxRows,
  }: { now?: string; locale?: AppLocale; compact?: boolean; maxRows?: number } = {},
) {
  const wrapper = mount(AgentGrid, {
    props: { agents, serverNowMs: ms(now), timeZone: TZ, compact, maxRows },
    global: { plugins: [createAppI18n(locale)] },
  });
  mounted.push(wrapper);
  return wrapper;
}

const ids = (w: VueWrapper) => w.findAll('[data-testid="agent-row"]').map((r) => r.attributes('data-agent-id'));
const row = (w: VueWrapper, id: string) => w.get(`[data-testid="agent-row"][data-agent-id="${id}"]`);
const timeOf = (w: VueWrapper, id: string) => row(w, id).get('[data-testid="agent-time"]').text();

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

describe('AgentGrid time in state', () => {
  it('ticks from the start of the state by the server clock', async () => {
    const w = mountGrid([agent('a1', { state: 'on_call', since: at('12:00:00') })], { now: '12:03:05' });
    // 12:03:05 − 12:00:00 = 3 min 5 s.
    expect(timeOf(w, 'a1')).toBe('3:05');

    await w.setProps({ serverNowMs: ms('12:03:06') });
    expect(timeOf(w, 'a1')).toBe('3:06');

    // 13:02:03 − 12:00:00 = 1 h 2 min 3 s.
    await w.setProps({ serverNowMs: ms('13:02:03') });
    expect(timeOf(w, 'a1')).toBe('1:02:03');
  });

  it('follows a patch that replaces an agent: new state, reason and time counted from the new start', async () => {
    const w = mountGrid([agent('a1', { state: 'on_call', since: at('12:00:00'), handledToday: 4 })], { now: '12:03:05' });
    await w.setProps({
      agents: [agent('a1', { state: 'not_ready', reason: 'lunch', since: at('12:03:00'), handledToday: 5 })],
    });
    expect(row(w, 'a1').attributes('data-state')).toBe('not_ready');
    expect(row(w, 'a1').get('[data-testid="agent-state"]').text()).toBe('Not ready');
    expect(row(w, 'a1').get('[data-testid="agent-reason"]').text()).toBe('lunch');
    expect(row(w, 'a1').get('[data-testid="agent-handled"]').text()).toBe('5');
    // 12:03:05 − 12:03:00.
    expect(timeOf(w, 'a1')).toBe('0:05');
  });

  it('shows 0:00 rather than a negative time when the state starts a moment after the clock', () => {
    const w = mountGrid([agent('a1', { since: at('12:03:06') })], { now: '12:03:05' });
    expect(timeOf(w, 'a1')).toBe('0:00');
  });
});

describe('AgentGrid order', () => {
  const floor = () => [
    agent('avail-old', { name: 'Avery', state: 'available', since: at('11:00:00') }),
    agent('avail-new', { name: 'Blake', state: 'available', since: at('12:01:00') }),
    agent('call', { name: 'Casey', state: 'on_call', since: at('11:30:00') }),
    agent('break-ok', { name: 'Drew', state: 'not_ready', reason: 'break', since: at('11:55:00'), limitS: 900 }),
    agent('break-over', { name: 'Emery', state: 'not_ready', reason: 'break', since: at('11:40:00'), limitS: 900, overrun: true }),
    agent('wrap', { name: 'Finley', state: 'wrap_up', since: at('12:02:00') }),
  ];

  it('puts overruns first, then goes by state, then by the longest in state', () => {
    const w = mountGrid(floor());
    expect(ids(w)).toEqual(['break-over', 'avail-old', 'avail-new', 'call', 'wrap', 'break-ok']);
    for (const column of ['name', 'state', 'reason', 'time', 'handled']) {
      expect(w.get(`[data-testid="agent-sort-${column}"]`).element.closest('th')?.getAttribute('aria-sort')).toBe('none');
    }
  });

  it('sorts by time in state, longest first, and reverses on a second click', async () => {
    const w = mountGrid(floor());
    const th = () => w.get('[data-testid="agent-sort-time"]').element.closest('th');

    await w.get('[data-testid="agent-sort-time"]').trigger('click');
    // Starts: 11:00, 11:30, 11:40, 11:55, 12:01, 12:02.
    expect(ids(w)).toEqual(['avail-old', 'call', 'break-over', 'break-ok', 'avail-new', 'wrap']);
    expect(th()?.getAttribute('aria-sort')).toBe('descending');

    await w.get('[data-testid="agent-sort-time"]').trigger('click');
    expect(ids(w)).toEqual(['wrap', 'avail-new', 'break-ok', 'break-over', 'call', 'avail-old']);
    expect(th()?.getAttribute('aria-sort')).toBe('ascending');

    await w.get('[data-testid="agent-sort-default"]').trigger('click');
    expect(ids(w)).toEqual(['break-over', 'avail-old', 'avail-new', 'call', 'wrap', 'break-ok']);
    expect(w.find('[data-testid="agent-sort-default"]').exists()).toBe(false);
  });

  it('does not reorder as the clock ticks while nobody crosses a limit', async () => {
    const w = mountGrid(floor());
    await w.get('[data-testid="agent-sort-time"]').trigger('click');
    const before = ids(w);
    await w.setProps({ serverNowMs: ms('12:05:00') });
    expect(ids(w)).toEqual(before);
  });

  it('sorts by name in English, then in reverse', async () => {
    const w = mountGrid([
      agent('a1', { name: 'zoe' }),
      agent('a2', { name: 'Agent 10' }),
      agent('a3', { name: 'Agent 9' }),
      agent('a4', { name: 'Émile' }),
    ]);
    await w.get('[data-testid="agent-sort-name"]').trigger('click');
    // Numbers by value (9 before 10), accents and case ignored: Agent 9, Agent 10, Émile, zoe.
    expect(ids(w)).toEqual(['a3', 'a2', 'a4', 'a1']);
    expect(w.get('[data-testid="agent-sort-name"]').element.closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    await w.get('[data-testid="agent-sort-name"]').trigger('click');
    expect(ids(w)).toEqual(['a1', 'a4', 'a2', 'a3']);
  });

  it('sorts Chinese names by pinyin in Chinese', async () => {
    // zhāng 张伟, lǐ 李娜, wáng 王芳: by pinyin li, wang, zhang.
    const team = [agent('zhang', { name: '张伟' }), agent('li', { name: '李娜' }), agent('wang', { name: '王芳' })];
    const w = mountGrid(team, { locale: 'zh-CN' });
    await w.get('[data-testid="agent-sort-name"]').trigger('click');
    expect(ids(w)).toEqual(['li', 'wang', 'zhang']);
    await w.get('[data-testid="agent-sort-name"]').trigger('click');
    expect(ids(w)).toEqual(['zhang', 'wang', 'li']);
  });

  it('sorts by calls handled, busiest first, ties in the default order', async () => {
    const w = mountGrid([
      agent('a1', { name: 'A', handledToday: 3 }),
      agent('a2', { name: 'B', handledToday: 12 }),
      agent('a3', { name: 'C', handledToday: 3, since: at('08:00:00') }),
    ]);
    await w.get('[data-testid="agent-sort-handled"]').trigger('click');
    // 12, then the two 3s: a3 has been available since 08:00, a1 since 09:00.
    expect(ids(w)).toEqual(['a2', 'a3', 'a1']);
    expect(row(w, 'a2').get('[data-testid="agent-handled"]').text()).toBe('12');
  });

  it('sorts by reason, agents without one last either way', async () => {
    const w = mountGrid([
      agent('none', { state: 'available' }),
      agent('training', { state: 'not_ready', reason: 'training' }),
      agent('break', { state: 'not_ready', reason: 'break' }),
    ]);
    await w.get('[data-testid="agent-sort-reason"]').trigger('click');
    expect(ids(w)).toEqual(['break', 'training', 'none']);
    await w.get('[data-testid="agent-sort-reason"]').trigger('click');
    expect(ids(w)).toEqual(['training', 'break', 'none']);
  });
});

describe('AgentGrid filters', () => {
  const floor = () => [
    agent('a1', { name: 'Li Na', team: 'east', state: 'available' }),
    agent('a2', { name: 'Wang Fang', team: 'west', state: 'not_ready', reason: 'lunch' }),
    agent('a3', { name: 'Zhang Wei', team: 'east', state: 'not_ready', reason: 'break' }),
    agent('a4', { name: 'Chen Jie', team: 'west', state: 'on_call' }),
    agent('a5', { name: 'Liu Yang', team: 'east', state: 'offline' }),
  ];
  const count = (w: VueWrapper, state: string) => w.get(`[data-testid="agent-filter-${state}"] [data-testid="agent-filter-count"]`).text();

  it('hides logged-out agents until their chip is pressed', async () => {
    const w = mountGrid(floor());
    expect(ids(w)).not.toContain('a5');
    expect(w.get('[data-testid="agent-count"]').text()).toBe('4 of 5 agents');
    expect(count(w, 'offline')).toBe('1');

    await w.get('[data-testid="agent-filter-offline"]').trigger('click');
    expect(w.get('[data-testid="agent-filter-offline"]').attributes('aria-pressed')).toBe('true');
    expect(ids(w)).toContain('a5');
    expect(row(w, 'a5').attributes('data-state')).toBe('offline');
    expect(row(w, 'a5').get('[data-testid="agent-state"]').text()).toBe('Logged out');
  });

  it('shows only the states picked, with a count on each chip', async () => {
    const w = mountGrid(floor());
    expect([count(w, 'available'), count(w, 'not_ready'), count(w, 'on_call'), count(w, 'ringing')]).toEqual(['1', '2', '1', '0']);

    await w.get('[data-testid="agent-filter-not_ready"]').trigger('click');
    expect(ids(w).sort()).toEqual(['a2', 'a3']);
    await w.get('[data-testid="agent-filter-on_call"]').trigger('click');
    expect(ids(w).sort()).toEqual(['a2', 'a3', 'a4']);
    await w.get('[data-testid="agent-filter-not_ready"]').trigger('click');
    await w.get('[data-testid="agent-filter-on_call"]').trigger('click');
    expect(ids(w).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('matches the search box against name and team, and counts per state follow it', async () => {
    const w = mountGrid(floor());
    await w.get('[data-testid="agent-search"]').setValue('EAST');
    expect(ids(w).sort()).toEqual(['a1', 'a3']);
    expect([count(w, 'available'), count(w, 'not_ready'), count(w, 'offline')]).toEqual(['1', '1', '1']);

    await w.get('[data-testid="agent-search"]').setValue('wang');
    expect(ids(w)).toEqual(['a2']);

    await w.get('[data-testid="agent-search"]').setValue('nobody');
    expect(ids(w)).toEqual([]);
    expect(w.get('[data-testid="agent-empty"]').text()).toContain('No agents match these filters.');
    await w.get('[data-testid="agent-clear-filters"]').trigger('click');
    expect(ids(w)).toHaveLength(4);
  });

  it('keeps sort and filters for the browser tab', async () => {
    const first = mountGrid(floor());
    await first.get('[data-testid="agent-sort-name"]').trigger('click');
    await first.get('[data-testid="agent-filter-not_ready"]').trigger('click');
    first.unmount();
    mounted.splice(mounted.indexOf(first), 1);

    const again = mountGrid(floor());
    // Wang Fang before Zhang Wei.
    expect(ids(again)).toEqual(['a2', 'a3']);
    expect(again.get('[data-testid="agent-filter-not_ready"]').attributes('aria-pressed')).toBe('true');
  });
});

describe('AgentGrid overruns', () => {
  it('lights up an agent past the reason’s limit with a badge naming the limit', () => {
    const w = mountGrid([
      agent('a1', { state: 'available', since: at('11:00:00') }),
      agent('a2', { state: 'not_ready', reason: 'break', since: at('11:40:00'), limitS: 900, overrun: true }),
    ]);
    expect(ids(w)).toEqual(['a2', 'a1']);
    expect(row(w, 'a2').classes()).toContain('agent-grid__row--overrun');
    expect(row(w, 'a2').get('[data-testid="agent-overrun"]').text()).toBe('over 15 min limit');
    expect(row(w, 'a2').get('[data-testid="agent-reason"]').text()).toBe('break');
    // 12:03:05 − 11:40:00 = 23 min 5 s.
    expect(timeOf(w, 'a2')).toBe('23:05');
    expect(row(w, 'a1').find('[data-testid="agent-overrun"]').exists()).toBe(false);
    expect(row(w, 'a1').classes()).not.toContain('agent-grid__row--overrun');
  });

  it('marks the overrun as soon as the limit passes on the clock, before the server says so', async () => {
    // Break since 12:00:00 with a 15 min limit: due at 12:15:00, over from the first second past it.
    const w = mountGrid(
      [
        agent('a1', { state: 'available', since: at('09:00:00') }),
        agent('a2', { state: 'not_ready', reason: 'break', since: at('12:00:00'), limitS: 900 }),
      ],
      { now: '12:11:59' },
    );
    expect(ids(w)).toEqual(['a1', 'a2']);
    expect(row(w, 'a2').classes()).not.toContain('agent-grid__row--at-risk');

    // 80 % of 900 s = 720 s: at risk from 12:12:00.
    await w.setProps({ serverNowMs: ms('12:12:00') });
    expect(row(w, 'a2').classes()).toContain('agent-grid__row--at-risk');

    await w.setProps({ serverNowMs: ms('12:15:00') });
    expect(row(w, 'a2').find('[data-testid="agent-overrun"]').exists()).toBe(false);

    await w.setProps({ serverNowMs: ms('12:15:01') });
    expect(row(w, 'a2').classes()).toContain('agent-grid__row--overrun');
    expect(row(w, 'a2').get('[data-testid="agent-overrun"]').text()).toBe('over 15 min limit');
    expect(ids(w)).toEqual(['a2', 'a1']);
  });

  it('names a limit that is not whole minutes as a clock reads it, and says it in Chinese', () => {
    const w = mountGrid([agent('a1', { state: 'not_ready', reason: '培训', since: at('12:00:00'), limitS: 90, overrun: true })], {
      locale: 'zh-CN',
    });
    expect(row(w, 'a1').get('[data-testid="agent-overrun"]').text()).toBe('超时（时限 1:30）');
    expect(row(w, 'a1').get('[data-testid="agent-state"]').text()).toBe('示忙');
  });
});

describe('AgentGrid states and screens', () => {
  it('labels each state in words, not by colour alone', () => {
    const states = ['available', 'ringing', 'on_call', 'wrap_up', 'not_ready'] as const;
    const w = mountGrid(states.map((state) => agent(state, { state })));
    expect(states.map((s) => row(w, s).get('[data-testid="agent-state"]').text())).toEqual([
      'Available',
      'Ringing',
      'On call',
      'Wrap-up',
      'Not ready',
    ]);
    for (const s of states) expect(row(w, s).find(`.agent-grid__shape--${s}`).exists()).toBe(true);
  });

  it('says so when there are no agents, or none logged in', () => {
    expect(mountGrid([]).get('[data-testid="agent-empty"]').text()).toBe('No agents in these queues and teams yet.');
    const w = mountGrid([agent('a1', { state: 'offline' }), agent('a2', { state: 'offline' })]);
    expect(w.get('[data-testid="agent-empty"]').text()).toBe('No agent is logged in (2 logged out).');
    expect(w.find('[data-testid="agent-clear-filters"]').exists()).toBe(false);
  });

  it('has no controls on a wall screen, in the default order', () => {
    sessionStorage.setItem('callboard.agentGrid', JSON.stringify({ sort: { column: 'name', direction: 'desc' } }));
    const w = mountGrid(
      [
        agent('b', { name: 'B', state: 'available', since: at('11:00:00') }),
        agent('a', { name: 'A', state: 'on_call', since: at('11:00:00') }),
        agent('off', { state: 'offline' }),
      ],
      { compact: true },
    );
    expect(w.classes()).toContain('agent-grid--compact');
    expect(w.find('[data-testid="agent-search"]').exists()).toBe(false);
    expect(w.find('[data-testid="agent-sort-name"]').exists()).toBe(false);
    expect(w.find('[data-testid="agent-filter-available"]').exists()).toBe(false);
    expect(ids(w)).toEqual(['b', 'a']);
  });

  it('draws on a wall screen only the rows that fit, overruns first, and counts the rest', () => {
    const w = mountGrid(
      [
        agent('a', { state: 'available', since: at('12:00:00') }),
        agent('b', { state: 'available', since: at('11:00:00') }),
        agent('c', { state: 'not_ready', reason: 'break', limitS: 900, overrun: true, since: at('11:40:00') }),
        agent('d', { state: 'on_call', since: at('12:02:00') }),
        agent('e', { state: 'wrap_up', since: at('12:03:00') }),
      ],
      { compact: true, maxRows: 2 },
    );
    // The overrun first, then by state (available before the others), longest in state first.
    expect(ids(w)).toEqual(['c', 'b']);
    expect(w.get('[data-testid="agent-more"]').text()).toBe('+3 more agents');
  });
});
