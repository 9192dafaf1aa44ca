import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput, EvaluationDetail } from '../../../api/qa';
import { createAppI18n } from '../../../i18n';
import { formFixture } from '../../../qa/form/formFixture';
import QaFormFill from './QaFormFill.vue';

const wrappers: VueWrapper[] = [];
afterEach(() => wrappers.splice(0).forEach((w) => w.unmount()));

/** The form bound as a page binds it: each emitted list becomes the next `answers`. */
function mountForm(
  props: { answers?: AnswerInput[]; readonly?: boolean; findings?: EvaluationDetail['findings']; currentTimeS?: number } = {},
  locale: 'en' | 'zh-CN' = 'en',
) {
  const wrapper: VueWrapper = mount(QaFormFill, {
    attachTo: document.body,
    props: {
      form: formFixture(),
      answers: props.answers ?? [],
      readonly: props.readonly,
      findings: props.findings,
      currentTimeS: props.currentTimeS,
      'onUpdate:answers': (answers: AnswerInput[]) => wrapper.setProps({ answers }),
    },
    global: { plugins: [createAppI18n(locale)] },
  });
  wrappers.push(wrapper);
  return wrapper;
}

const item = (w: VueWrapper, id: string) => w.get(`[data-testid="qa-form-item"][data-item-id="${id}"]`);
const click = (w: VueWrapper, id: string, testid: string) => item(w, id).get(`[data-testid="${testid}"]`).trigger('click');
const score = (w: VueWrapper) => w.get('[data-testid="qa-live-score"]');
const lastAnswers = (w: VueWrapper) => (w.emitted('update:answers') ?? []).at(-1)?.[0] as AnswerInput[] | undefined;

describe('QaFormFill', () => {
  it('shows sections and items in the reader’s language, critical items marked', () => {
    const zh = mountForm({}, 'zh-CN');
    expect(zh.findAll('.qa-form__section-title').map((h) => h.text().split('权重')[0]!.trim())).toEqual(['开场', '礼貌']);
    expect(item(zh, 'notice').text()).toContain('录音提示');
    expect(item(zh, 'notice').find('[data-testid="qa-item-critical"]').text()).toContain('关键项');
    expect(item(zh, 'greeting').find('[data-testid="qa-item-critical"]').exists()).toBe(false);

    const en = mountForm();
    expect(item(en, 'polite').text()).toContain('Says please, addresses politely');
    expect(item(en, 'forbidden').get('[data-testid="qa-item-critical"]').text()).toBe('⚠ Critical: a fail fails the evaluation');
  });

  it('offers N/A only where the item allows it, and 0..max on a scale', () => {
    const w = mountForm();
    expect(item(w, 'identity').find('[data-testid="qa-answer-na"]').exists()).toBe(true);
    expect(item(w, 'greeting').find('[data-testid="qa-answer-na"]').exists()).toBe(false);
    expect(
      item(w, 'polite')
        .findAll('button[data-testid^="qa-answer-scale-"]')
        .map((b) => b.text()),
    ).toEqual(['0', '1', '2', '3', '4']);
  });

  it('scores live: provisional over the answered items, then final with N/A out of the denominator', async () => {
    const w = mountForm();
    expect(score(w).attributes('data-score')).toBe('');
    expect(w.get('[data-testid="qa-answered"]').text()).toBe('0 of 5 answered');

    await click(w, 'greeting', 'qa-answer-yes');
    await click(w, 'polite', 'qa-answer-scale-2');
    // opening: greeting alone → 100; courtesy: polite alone 2/4 → 50; (2·100 + 1·50) / 3 = 83.33…
    expect(score(w).attributes('data-score')).toBe('83.3');
    expect(score(w).attributes('data-provisional')).toBe('true');
    expect(w.text()).toContain('Provisional score');
    expect(w.get('[data-testid="qa-answered"]').text()).toBe('2 of 5 answered');
    expect(w.findAll('[data-testid="qa-section-score"]').map((s) => s.text())).toEqual(['Section score 100', 'Section score 50']);

    await click(w, 'identity', 'qa-answer-na');
    await click(w, 'notice', 'qa-answer-yes');
    await click(w, 'polite', 'qa-answer-scale-3');
    await click(w, 'forbidden', 'qa-answer-yes');
    // opening: identity N/A → (1 + 2) / 3 = 100; courtesy: (3·3/4 + 1) / 4 = 81.25; (200 + 81.25) / 3 = 93.75
    expect(score(w).attributes('data-score')).toBe('93.8');
    expect(score(w).attributes('data-provisional')).toBe('false');
    expect(score(w).text()).toBe('93.8 / 100');
    expect(w.get('[data-testid="qa-answered"]').text()).toBe('5 of 5 answered');
    expect(lastAnswers(w)).toEqual([
      { itemId: 'greeting', value: true },
      { itemId: 'identity', value: 'na' },
      { itemId: 'notice', value: true },
      { itemId: 'polite', value: 3 },
      { itemId: 'forbidden', value: true },
    ]);
    expect(item(w, 'polite').get('[data-testid="qa-answer-scale-3"]').attributes('aria-pressed')).toBe('true');
    expect(item(w, 'polite').get('[data-testid="qa-answer-scale-2"]').attributes('aria-pressed')).toBe('false');
  });

  it('fails the evaluation on a failed critical item, naming it and keeping the raw score', async () => {
    const w = mountForm({
      answers: [
        { itemId: 'greeting', value: true },
        { itemId: 'identity', value: 'na' },
        { itemId: 'notice', value: true },
        { itemId: 'polite', value: 3 },
        { itemId: 'forbidden', value: true },
      ],
    });
    expect(w.find('[data-testid="qa-autofail"]').exists()).toBe(false);
    await click(w, 'notice', 'qa-answer-no');
    // raw: opening (1 + 0) / 3 = 33.3…; (2·100/3 + 81.25) / 3 = 1775/36 = 49.305… → score 0
    expect(score(w).attributes('data-score')).toBe('0.0');
    expect(w.get('[data-testid="qa-raw-score"]').text()).toBe('Raw score 49.3');
    expect(w.get('[data-testid="qa-autofail"]').text()).toContain('Failed by a critical item: Recording notice');
  });

  it('answers from the keyboard while an item has focus', async () => {
    const w = mountForm();
    await item(w, 'greeting').trigger('keydown', { key: 'n' });
    await item(w, 'identity').trigger('keydown', { key: 'a' });
    await item(w, 'polite').trigger('keydown', { key: '4' });
    await item(w, 'polite').trigger('keydown', { key: '9' }); // beyond the scale: ignored
    await item(w, 'greeting').trigger('keydown', { key: 'a' }); // no N/A here: ignored
    expect(lastAnswers(w)).toEqual([
      { itemId: 'greeting', value: false },
      { itemId: 'identity', value: 'na' },
      { itemId: 'polite', value: 4 },
    ]);
  });

  it('does not answer while typing a comment', async () => {
    const w = mountForm({ answers: [{ itemId: 'greeting', value: true }] });
    await item(w, 'greeting').get('[data-testid="qa-item-comment"]').trigger('keydown', { key: 'n' });
    expect(w.emitted('update:answers')).toBeUndefined();
  });

  it('stamps a comment with the player’s moment, and the moment seeks', async () => {
    const w = mountForm({ answers: [{ itemId: 'notice', value: false }], currentTimeS: 12.34 });
    const notice = item(w, 'notice');
    await notice.get('[data-testid="qa-item-comment"]').setValue('No recording notice before the account question');
    await notice.get('[data-testid="qa-item-stamp"]').trigger('click');
    expect(lastAnswers(w)).toEqual([
      { itemId: 'notice', value: false, comment: 'No recording notice before the account question', atS: 12.3 },
    ]);
    const moment = item(w, 'notice').get('[data-testid="qa-item-moment"]');
    expect(moment.text()).toBe('At 0:12');
    await moment.trigger('click');
    expect(w.emitted('seek')).toEqual([[12.3]]);
  });

  it('keeps a comment written before answering and sends it with the answer', async () => {
    const w = mountForm({ currentTimeS: 61 });
    await item(w, 'greeting').get('[data-testid="qa-item-comment"]').setValue('Said the name late');
    await item(w, 'greeting').get('[data-testid="qa-item-stamp"]').trigger('click');
    expect(w.emitted('update:answers')).toBeUndefined();
    expect(item(w, 'greeting').text()).toContain('Saved once the item is answered.');
    await click(w, 'greeting', 'qa-answer-no');
    expect(lastAnswers(w)).toEqual([{ itemId: 'greeting', value: false, comment: 'Said the name late', atS: 61 }]);
  });

  it('shows the auto-check’s suggestion with its evidence time, which seeks', async () => {
    const findings: EvaluationDetail['findings'] = [
      { ruleId: 'greeting', passed: false, evidence: [{ startS: 4.2, endS: 6, speaker: 'agent', text: '喂' }], matches: [] },
    ];
    const w = mountForm({ findings });
    const suggestion = item(w, 'greeting').get('[data-testid="qa-item-suggestion"]');
    expect(suggestion.text()).toContain('Auto-check suggests: failed');
    await suggestion.get('[data-testid="qa-item-evidence"]').trigger('click');
    expect(w.emitted('seek')).toEqual([[4.2]]);
  });

  it('lets the reviewer take the auto-check’s suggestion in one click, until it is the answer', async () => {
    const findings: EvaluationDetail['findings'] = [{ ruleId: 'greeting', passed: true, evidence: [], matches: [] }];
    const w = mountForm({ findings });
    const accept = item(w, 'greeting').get('[data-testid="qa-item-accept"]');
    expect(accept.text()).toBe('Answer yes');
    await accept.trigger('click');
    expect(lastAnswers(w)).toEqual([{ itemId: 'greeting', value: true }]);
    expect(item(w, 'greeting').find('[data-testid="qa-item-accept"]').exists()).toBe(false);
  });

  it('reads: answers, comments with their moments and the score, and no controls', async () => {
    const w = mountForm({
      readonly: true,
      answers: [
        { itemId: 'greeting', value: true },
        { itemId: 'identity', value: 'na' },
        { itemId: 'notice', value: true, comment: 'Clear', atS: 3 },
        { itemId: 'polite', value: 3 },
        { itemId: 'forbidden', value: true },
      ],
    });
    expect(w.find('[data-testid="qa-answer-yes"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-item-comment"]').exists()).toBe(false);
    expect(item(w, 'polite').get('[data-testid="qa-item-answer"]').text()).toBe('3 of 4');
    expect(item(w, 'identity').get('[data-testid="qa-item-answer"]').text()).toBe('N/A');
    expect(item(w, 'notice').get('[data-testid="qa-item-comment-text"]').text()).toBe('Clear');
    await item(w, 'notice').get('[data-testid="qa-item-moment"]').trigger('click');
    expect(w.emitted('seek')).toEqual([[3]]);
    expect(score(w).attributes('data-score')).toBe('93.8');
    await item(w, 'greeting').trigger('keydown', { key: 'n' });
    expect(w.emitted('update:answers')).toBeUndefined();
  });

  it('moves focus to an item on request', () => {
    const w = mountForm();
    (w.vm as unknown as { focusItem: (id: string) => void }).focusItem('polite');
    expect(document.activeElement?.getAttribute('data-item-id')).toBe('polite');
  });
});
