import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../i18n';
import { NO_AGENTS, SALES_MORNING, figures, queue } from '../../testing/live.fixture';
import { scopeTile, type ScopeTilesInput, type TileModel } from '../../tiles/scopeTiles';
import { NO_SAVED_THRESHOLDS } from '../../tiles/thresholds';
import LiveTile from './LiveTile.vue';

/** 10:00 on 2 March 2026 in Shanghai. */
const NOW = Date.parse('2026-03-02T10:00:00.000+08:00');

const sales = queue('sales', { today: SALES_MORNING });

const input = (overrides: Partial<ScopeTilesInput> = {}): ScopeTilesInput => ({
  queues: [sales],
  totals: SALES_MORNING,
  agents: NO_AGENTS,
  serverNowMs: NOW,
  saved: NO_SAVED_THRESHOLDS,
  ...overrides,
});

/** A tile without rules behind it: just a figure in a unit. */
const plain = (overrides: Partial<TileModel>): TileModel => ({
  metric: 'offered',
  value: null,
  unit: 'count',
  level: 'none',
  thresholds: null,
  target: null,
  formula: null,
  drill: null,
  ...overrides,
});

type Props = { tile: TileModel; detail?: string; interactive?: boolean; alerting?: boolean };

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

function mountTile(props: Props, locale: AppLocale = 'en') {
  const wrapper = mount(LiveTile, { props, global: { plugins: [createAppI18n(locale)] }, attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

const valueText = (w: VueWrapper) => w.get('[data-testid="tile-value"]').text();
const targetText = (w: VueWrapper) => w.get('[data-testid="tile-target"]').text();

describe('LiveTile figures', () => {
  it('prints a count with thousands separators', () => {
    expect(valueText(mountTile({ tile: plain({ unit: 'count', value: 1234 }) }))).toBe('1,234');
  });

  it('prints a rate as a percentage with one decimal', () => {
    expect(valueText(mountTile({ tile: plain({ metric: 'abandonRate', unit: 'rate', value: 0.864 }) }))).toBe('86.4%');
  });

  it('prints an average in seconds with at most one decimal', () => {
    // 8.44 s rounds to 8.4 s.
    expect(valueText(mountTile({ tile: plain({ metric: 'asaS', unit: 'seconds', value: 8.44 }) }))).toBe('8.4s');
  });

  it('prints a wait as minutes and seconds', () => {
    // 125 s = 2 min 5 s
    expect(valueText(mountTile({ tile: plain({ metric: 'longestWaitS', unit: 'duration', value: 125 }) }))).toBe('2:05');
  });

  it('prints the staffing gap with its sign, and zero without one', () => {
    const gap = (value: number) => valueText(mountTile({ tile: plain({ metric: 'staffingGap', unit: 'signed', value }) }));
    expect(gap(2)).toBe('+2');
    // Intl writes the minus of a signed figure as the ASCII hyphen-minus.
    expect(gap(-3)).toBe('−3');
    expect(gap(0)).toBe('0');
  });

  it('shows a dash for a figure without a value', () => {
    expect(valueText(mountTile({ tile: plain({ metric: 'threeRingRate', unit: 'rate', value: null }) }))).toBe('—');
  });

  it('computes the three-ring rate tile from today’s counts', () => {
    // 24 ÷ 37 = 0.6486… → 64.9 %
    const w = mountTile({ tile: scopeTile('threeRingRate', input()), interactive: true });
    expect(valueText(w)).toBe('64.9%');
    expect(w.get('h3').text()).toBe('Three-ring rate');
  });

  it('shows the line under the figure when given one', () => {
    const w = mountTile({ tile: plain({ metric: 'staffingGap', unit: 'signed', value: -1 }), detail: 'need 6 · working 5' });
    expect(w.get('[data-testid="tile-detail"]').text()).toBe('need 6 · working 5');
    expect(
      mountTile({ tile: plain({ value: 3 }) })
        .find('[data-testid="tile-detail"]')
        .exists(),
    ).toBe(false);
  });
});

describe('LiveTile targets', () => {
  it('states the three-ring target of one queue', () => {
    expect(targetText(mountTile({ tile: scopeTile('threeRingRate', input()) }))).toBe('Target 80.0%');
  });

  it('says the target is weighted when the queues’ targets differ', () => {
    // Sales 80 % over 40 offered, support 90 % over 10: (0.8 × 40 + 0.9 × 10) ÷ 50 = 41 ÷ 50 = 82 %.
    const support = queue('support', {
      rules: { ...sales.rules, slTarget: 0.9 },
      today: figures({ offered: 10 }),
    });
    const tile = scopeTile('threeRingRate', input({ queues: [sales, support] }));
    expect(targetText(mountTile({ tile }))).toBe('Target 82.0% (weighted by calls)');
  });

  it('holds the longest wait to the three-ring threshold', () => {
    // 15 s → 0:15
    expect(targetText(mountTile({ tile: scopeTile('longestWaitS', input()) }))).toBe('Three rings: 0:15');
  });

  it('states ceilings as "at most" in the tile’s unit', () => {
    expect(targetText(mountTile({ tile: scopeTile('asaS', input()) }))).toBe('Target at most 20s');
    // 0.05 → 5.0 %
    expect(targetText(mountTile({ tile: scopeTile('abandonRate', input()) }))).toBe('Target at most 5.0%');
  });

  it('has no target line where the rules set none', () => {
    expect(
      mountTile({ tile: scopeTile('offered', input()) })
        .find('[data-testid="tile-target"]')
        .exists(),
    ).toBe(false);
    const noAsaTarget = queue('sales', { today: SALES_MORNING, rules: { ...sales.rules, asaTargetS: null } });
    expect(
      mountTile({ tile: scopeTile('asaS', input({ queues: [noAsaTarget] })) })
        .find('[data-testid="tile-target"]')
        .exists(),
    ).toBe(false);
  });
});

describe('LiveTile levels', () => {
  const article = (w: VueWrapper) => w.get('article');

  it('marks a missed target red with a cross and says so in words', () => {
    // 64.9 % is below the red edge of 80 % − 5 points = 75 %.
    const w = mountTile({ tile: scopeTile('threeRingRate', input()) });
    expect(article(w).attributes('data-level')).toBe('bad');
    expect(article(w).classes()).toContain('tile--bad');
    expect(w.get('.tile__shape').text()).toBe('✖');
    expect(w.get('.tile__shape').attributes('aria-hidden')).toBe('true');
    expect(w.get('.tile__level .visually-hidden').text()).toBe('Off target');
    expect(w.get('.tile__level').attributes('title')).toBe('Off target');
  });

  it('marks a figure close to the limit amber with a triangle', () => {
    // ASA 17 s against a 20 s ceiling: past 80 % of it (16 s), not past it.
    const w = mountTile({ tile: plain({ metric: 'asaS', unit: 'seconds', value: 17, level: 'warn' }) });
    expect(article(w).attributes('data-level')).toBe('warn');
    expect(article(w).classes()).toContain('tile--warn');
    expect(w.get('.tile__shape').text()).toBe('▲');
    expect(w.get('.tile__level .visually-hidden').text()).toBe('Close to the limit');
  });

  it('marks a figure on target green with a tick', () => {
    // ASA 330 ÷ 30 = 11 s, under 80 % of 20 s = 16 s.
    const w = mountTile({ tile: scopeTile('asaS', input()) });
    expect(article(w).attributes('data-level')).toBe('ok');
    expect(article(w).classes()).toContain('tile--ok');
    expect(w.get('.tile__shape').text()).toBe('✓');
    expect(w.get('.tile__level .visually-hidden').text()).toBe('On target');
  });

  it('shows no shape for a figure without colour', () => {
    const w = mountTile({ tile: scopeTile('offered', input()) });
    expect(article(w).attributes('data-level')).toBe('none');
    expect(w.find('.tile__level').exists()).toBe(false);
  });

  it('draws the eye only while alerting', () => {
    const tile = scopeTile('threeRingRate', input());
    expect(article(mountTile({ tile, alerting: true })).classes()).toContain('tile--alert');
    expect(article(mountTile({ tile, alerting: false })).classes()).not.toContain('tile--alert');
  });
});

describe('LiveTile formula', () => {
  const formula = (w: VueWrapper) =>
    w
      .get('[data-testid="tile-formula"]')
      .findAll('span')
      .map((s) => s.text());

  it('spells out the three-ring rate with today’s counts', () => {
    const w = mountTile({ tile: scopeTile('threeRingRate', input()), interactive: true });
    expect(formula(w)).toEqual([
      'answered within three rings ÷ (answered + abandoned − short abandoned + timed out)',
      // 24 ÷ 37 = 64.9 %
      '= 24 ÷ (30 + 8 − 3 + 2) = 64.9%',
    ]);
    expect(w.get('.tile__formula-mark').attributes('aria-label')).toBe('How this is computed');
    // The figure points at its formula for screen readers.
    const id = w.get('[data-testid="tile-formula"]').attributes('id');
    expect(id).toBeTruthy();
    expect(w.get('[data-testid="tile-value"]').attributes('aria-describedby')).toBe(id);
  });

  it('writes seconds terms as seconds', () => {
    const w = mountTile({ tile: scopeTile('asaS', input()), interactive: true });
    // 330 s ÷ 30 = 11 s
    expect(formula(w)).toEqual(['wait of answered calls ÷ answered', '= 330s ÷ 30 = 11s']);
  });

  it('has no formula for a plain count', () => {
    const w = mountTile({ tile: scopeTile('offered', input()), interactive: true });
    expect(w.find('[data-testid="tile-formula"]').exists()).toBe(false);
    expect(w.get('[data-testid="tile-value"]').attributes('aria-describedby')).toBeUndefined();
  });

  it('has no formula mark on a wall display', () => {
    const w = mountTile({ tile: scopeTile('threeRingRate', input()), interactive: false });
    expect(w.find('.tile__formula-mark').exists()).toBe(false);
    expect(w.get('.tile__formula').classes()).toContain('tile__formula--static');
  });
});

describe('LiveTile drill', () => {
  it('opens the calls behind the figure from the value', async () => {
    const tile = scopeTile('threeRingRate', input());
    const w = mountTile({ tile, interactive: true });
    const value = w.get('[data-testid="tile-value"]');
    expect(value.element.tagName).toBe('BUTTON');
    expect(value.attributes('title')).toBe('Show the calls behind this figure');
    await value.trigger('click');
    expect(w.emitted('drill')).toEqual([[tile]]);
  });

  it('shows the value as text on a wall display, which nobody clicks', async () => {
    const w = mountTile({ tile: scopeTile('threeRingRate', input()), interactive: false });
    const value = w.get('[data-testid="tile-value"]');
    expect(value.element.tagName).toBe('P');
    await value.trigger('click');
    expect(w.emitted('drill')).toBeUndefined();
  });

  it('shows the value as text for a figure with no calls behind it', () => {
    const tile = scopeTile('staffingGap', input());
    expect(tile.drill).toBeNull();
    const w = mountTile({ tile, interactive: true });
    expect(w.get('[data-testid="tile-value"]').element.tagName).toBe('P');
  });
});

describe('LiveTile in Chinese', () => {
  it('labels the tile, its level, target and formula in Chinese', () => {
    const w = mountTile({ tile: scopeTile('threeRingRate', input()), interactive: true }, 'zh-CN');
    expect(w.get('h3').text()).toBe('三声振铃接通率');
    expect(w.get('article').attributes('aria-label')).toBe('三声振铃接通率');
    expect(w.get('.tile__level .visually-hidden').text()).toBe('未达标');
    expect(targetText(w)).toBe('目标 80.0%');
    expect(w.get('[data-testid="tile-value"]').attributes('title')).toBe('查看该指标对应的来电');
    expect(
      w
        .get('[data-testid="tile-formula"]')
        .findAll('span')
        .map((s) => s.text()),
    ).toEqual(['三声内接听 ÷ （接听 + 放弃 − 短时放弃 + 超时）', '= 24 ÷ （30 + 8 − 3 + 2） = 64.9%']);
  });

  it('writes seconds with the Chinese unit', () => {
    // 8.44 s → 8.4 秒
    const w = mountTile({ tile: plain({ metric: 'asaS', unit: 'seconds', value: 8.44 }) }, 'zh-CN');
    expect(valueText(w)).toBe('8.4秒');
    expect(w.get('h3').text()).toBe('平均应答速度');
  });
});
