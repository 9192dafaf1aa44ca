import type { LiveQueueRules } from '@callboard/api/wire';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../i18n';
import { NO_SAVED_THRESHOLDS, type SavedTileThresholds, type TileMetric } from '../../tiles/thresholds';
import ThresholdsDialog from './ThresholdsDialog.vue';

/** Three rings = 15 s, 80 % within them, ASA at most 20 s, abandons at most 5 %. */
const RULES: LiveQueueRules = {
  rings: 3,
  ringCycleS: 5,
  slThresholdS: 15,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: 20,
  abandonTarget: 0.05,
};

type Props = { open: boolean; rules: LiveQueueRules | null; saved: SavedTileThresholds };

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

async function mountDialog(props: Partial<Props> = {}, locale: AppLocale = 'en') {
  const wrapper = mount(ThresholdsDialog, {
    props: { open: true, rules: RULES, saved: NO_SAVED_THRESHOLDS, ...props },
    global: { plugins: [createAppI18n(locale)] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

type Edge = 'green' | 'amber' | 'red';
const field = (w: VueWrapper, metric: TileMetric, edge: Edge) => w.get<HTMLInputElement>(`[data-testid="thresholds-${metric}-${edge}"]`);
const placeholders = (w: VueWrapper, metric: TileMetric) =>
  (['green', 'amber', 'red'] as const).map((edge) => field(w, metric, edge).attributes('placeholder'));
const rowError = (w: VueWrapper, metric: TileMetric) =>
  w.get(`[data-testid="thresholds-row-${metric}"]`).find('[data-testid="thresholds-error"]');
const saves = (w: VueWrapper) => w.emitted<[TileMetric, unknown]>('save') ?? [];

describe('ThresholdsDialog', () => {
  it('opens as a modal dialog only while open', async () => {
    const w = await mountDialog();
    const dialog = w.get<HTMLDialogElement>('[data-testid="thresholds-dialog"]');
    expect(dialog.element.open).toBe(true);
    expect(w.get('h2').text()).toBe('Tile colours');
    await w.setProps({ open: false });
    expect(w.find('[data-testid="thresholds-dialog"]').exists()).toBe(false);
  });

  it('asks to close from the Done button and from Escape', async () => {
    const w = await mountDialog();
    await w.get('[data-testid="thresholds-close"]').trigger('click');
    await w.get('dialog').trigger('cancel');
    expect(w.emitted('close')).toHaveLength(2);
  });

  it('shows the three-ring defaults as percentages', async () => {
    // Target 0.8 → green from 80 %; amber and red at 80 − 5 points = 75 %.
    const w = await mountDialog();
    expect(placeholders(w, 'threeRingRate')).toEqual(['80', '75', '75']);
    expect(field(w, 'threeRingRate', 'green').element.value).toBe('');
  });

  it('shows the longest-wait defaults in seconds, at risk from 80 % of three rings', async () => {
    // 15 s × 0.8 = 12 s green up to and amber from; red beyond 15 s.
    const w = await mountDialog();
    expect(placeholders(w, 'longestWaitS')).toEqual(['12', '12', '15']);
  });

  it('leaves the placeholders empty for tiles without a default, and for all before the rules arrive', async () => {
    const w = await mountDialog();
    expect(placeholders(w, 'ahtS')).toEqual(['', '', '']);
    const early = await mountDialog({ rules: null });
    expect(placeholders(early, 'threeRingRate')).toEqual(['', '', '']);
  });

  it('fills in what was saved, rates as percentages', async () => {
    const w = await mountDialog({ saved: { version: 1, tiles: { threeRingRate: { red: 0.7 }, asaS: { off: true } } } });
    // 0.7 × 100 = 70
    expect(field(w, 'threeRingRate', 'red').element.value).toBe('70');
    expect(field(w, 'threeRingRate', 'green').element.value).toBe('');
    expect(w.get<HTMLInputElement>('[data-testid="thresholds-asaS-off"]').element.checked).toBe(true);
    expect(field(w, 'asaS', 'green').element.disabled).toBe(true);
  });

  it('saves a rate typed in percent as a fraction', async () => {
    const w = await mountDialog();
    await field(w, 'threeRingRate', 'red').setValue('70');
    // 70 % → 0.7; green 80 % ≥ amber 75 % ≥ red 70 % runs the right way.
    expect(saves(w)).toEqual([['threeRingRate', { red: 0.7 }]]);
    expect(rowError(w, 'threeRingRate').exists()).toBe(false);
  });

  it('saves times as typed, in seconds', async () => {
    const w = await mountDialog();
    await field(w, 'longestWaitS', 'red').setValue(' 20 ');
    expect(saves(w)).toEqual([['longestWaitS', { red: 20 }]]);
  });

  it('asks for all three edges on a tile without a default', async () => {
    const w = await mountDialog();
    await field(w, 'ahtS', 'red').setValue('300');
    expect(rowError(w, 'ahtS').text()).toBe('This tile has no default: give all three edges.');
    expect(saves(w)).toEqual([]);

    await field(w, 'ahtS', 'green').setValue('180');
    expect(saves(w)).toEqual([]);
    await field(w, 'ahtS', 'amber').setValue('240');
    // 180 ≤ 240 ≤ 300: lower is better for handle time.
    expect(saves(w)).toEqual([['ahtS', { green: 180, amber: 240, red: 300 }]]);
    expect(rowError(w, 'ahtS').exists()).toBe(false);
  });

  it('refuses edges that rise from green to red where higher is better', async () => {
    const w = await mountDialog();
    // Green from 70 % below the default amber 75 %.
    await field(w, 'threeRingRate', 'green').setValue('70');
    expect(rowError(w, 'threeRingRate').text()).toBe('Edges must not rise from green to red (green ≥ amber ≥ red).');
    expect(saves(w)).toEqual([]);
  });

  it('refuses edges that fall from green to red where lower is better', async () => {
    const w = await mountDialog();
    // Green up to 20 s beyond the default amber 12 s.
    await field(w, 'longestWaitS', 'green').setValue('20');
    expect(rowError(w, 'longestWaitS').text()).toBe('Edges must not fall from green to red (green ≤ amber ≤ red).');
    expect(saves(w)).toEqual([]);
  });

  it('names the edge that is not a number', async () => {
    const w = await mountDialog();
    await field(w, 'threeRingRate', 'green').setValue('eighty');
    expect(rowError(w, 'threeRingRate').text()).toBe('Green from: enter a number.');
    expect(rowError(w, 'threeRingRate').attributes('role')).toBe('alert');
    expect(saves(w)).toEqual([]);
  });

  it('clears the error once the edges are fixed', async () => {
    const w = await mountDialog();
    await field(w, 'threeRingRate', 'amber').setValue('x');
    expect(rowError(w, 'threeRingRate').text()).toBe('Amber from: enter a number.');
    await field(w, 'threeRingRate', 'amber').setValue('78');
    expect(rowError(w, 'threeRingRate').exists()).toBe(false);
    // 78 % → 0.78
    expect(saves(w)).toEqual([['threeRingRate', { amber: 0.78 }]]);
  });

  it('turns a tile’s colour off with "No colour"', async () => {
    const w = await mountDialog();
    await w.get('[data-testid="thresholds-waiting-off"]').setValue(true);
    expect(saves(w)).toEqual([['waiting', { off: true }]]);
    expect(field(w, 'waiting', 'green').element.disabled).toBe(true);
  });

  it('goes back to the default when every edge is emptied', async () => {
    const w = await mountDialog({ saved: { version: 1, tiles: { threeRingRate: { red: 0.7 } } } });
    await field(w, 'threeRingRate', 'red').setValue('');
    expect(saves(w)).toEqual([['threeRingRate', null]]);
  });

  it('goes back to the default from the Default button, emptying the row', async () => {
    const w = await mountDialog({ saved: { version: 1, tiles: { threeRingRate: { green: 0.85, red: 0.7 } } } });
    await w.get('[data-testid="thresholds-threeRingRate-reset"]').trigger('click');
    expect(saves(w)).toEqual([['threeRingRate', null]]);
    expect(field(w, 'threeRingRate', 'green').element.value).toBe('');
    expect(field(w, 'threeRingRate', 'red').element.value).toBe('');
  });

  it('labels the units and the direction of each tile', async () => {
    const w = await mountDialog();
    const row = (metric: TileMetric) => w.get(`[data-testid="thresholds-row-${metric}"]`);
    expect(row('threeRingRate').get('.thresholds__unit').text()).toBe('%');
    expect(row('longestWaitS').get('.thresholds__unit').text()).toBe('s');
    expect(row('waiting').get('.thresholds__unit').text()).toBe('');
    expect(row('threeRingRate').get('.thresholds__direction').text()).toBe('higher is better');
    expect(row('longestWaitS').get('.thresholds__direction').text()).toBe('lower is better');
  });

  it('speaks Chinese', async () => {
    const w = await mountDialog({}, 'zh-CN');
    expect(w.get('h2').text()).toBe('指标卡颜色');
    await field(w, 'ahtS', 'red').setValue('300');
    expect(rowError(w, 'ahtS').text()).toBe('该指标卡没有默认值：请填写全部三个界限。');
  });
});
