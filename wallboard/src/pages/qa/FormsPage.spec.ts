import { defaultForm } from '@callboard/qa';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const FORM = defaultForm();
const view = (version: number, form = FORM) => ({
  form: { ...form, version },
  versions: Array.from({ length: version }, (_, i) => i + 1),
  createdAt: '2026-12-01T02:00:00.000Z',
  createdBy: 'Lei QA Lead',
});

function leadApi(extra: FakeRoutes = {}) {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('qa_lead'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/people': { reviewers: [], agents: [] },
    'GET /api/v1/qa/forms': { forms: [FORM] },
    'GET /api/v1/qa/forms/etiquette': view(1),
    ...extra,
  });
}

const publishButton = (w: VueWrapper) => w.get<HTMLButtonElement>('[data-testid="qa-editor-publish"]');
const sectionWeight = (w: VueWrapper, s: number) =>
  w.findAll('[data-testid="qa-editor-section"]')[s]!.get('[data-testid="qa-editor-section-weight"]');
const itemWeight = (w: VueWrapper, s: number, i: number) =>
  w
    .findAll('[data-testid="qa-editor-section"]')
    [s]!.findAll('[data-testid="qa-editor-item"]')
    [i]!.get('[data-testid="qa-editor-item-weight"]');

beforeEach(() => localStorage.clear());
afterEach(() => {
  unmountAll();
  Reflect.deleteProperty(window, 'confirm');
});

describe('FormsPage', () => {
  it('opens the latest version of the first form with nothing to publish', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/forms');

    expect(w.get('[data-testid="qa-editor-form"]').attributes('data-form-id')).toBe('etiquette');
    expect(w.findAll('[data-testid="qa-editor-section"]')).toHaveLength(FORM.sections.length);
    expect(w.get('[data-testid="qa-editor-dirty"]').attributes('data-dirty')).toBe('false');
    expect(publishButton(w).element.disabled).toBe(true); // unchanged: nothing to publish
    expect(w.find('[data-testid="qa-editor-problems"]').exists()).toBe(false);
  });

  it('shows an invalid weight at its field and in the summary, and keeps publish disabled', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/forms');

    await itemWeight(w, 1, 0).setValue('0');
    const input = itemWeight(w, 1, 0);
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('id')).toBe('qa-editor-sections-1-items-0-weight');
    expect(w.get('#qa-editor-sections-1-items-0-weight-error').text()).toBe('must be a number above 0');
    expect(input.attributes('aria-describedby')).toBe('qa-editor-sections-1-items-0-weight-error');

    const links = w.findAll('[data-testid="qa-editor-problem-link"]');
    expect(links.map((l) => l.attributes('data-field'))).toEqual(['sections.1.items.0.weight']);
    expect(links[0]!.text()).toBe('Section 2, item 1 · weight');
    expect(publishButton(w).element.disabled).toBe(true);

    await links[0]!.trigger('click');
    expect(document.activeElement?.id).toBe('qa-editor-sections-1-items-0-weight');

    await itemWeight(w, 1, 0).setValue('2');
    expect(w.find('#qa-editor-sections-1-items-0-weight-error').exists()).toBe(false);
    expect(publishButton(w).element.disabled).toBe(false);
  });

  it('words the problems in Chinese for a Chinese reader', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/forms', { locale: 'zh-CN' });

    await itemWeight(w, 0, 1).setValue('-1');
    expect(w.get('#qa-editor-sections-0-items-1-weight-error').text()).toBe('必须是大于 0 的数字');
    expect(w.get('[data-testid="qa-editor-problem-link"]').text()).toBe('第 1 部分第 2 项 · 权重');
  });

  it('publishes the edited form as a new version after saying assigned evaluations keep theirs', async () => {
    const api = leadApi({
      'PUT /api/v1/qa/forms/etiquette': ({ body }) => Response.json(view(2, body as typeof FORM)),
    });
    const { wrapper: w } = await mountApp('/qa/forms');

    await sectionWeight(w, 1).setValue('35');
    await publishButton(w).trigger('click');
    expect(w.get('[data-testid="qa-editor-confirm-text"]').text()).toBe(
      'This publishes version 2 of etiquette. Evaluations already assigned keep the version they were assigned with; new ones use version 2.',
    );
    await w.get('[data-testid="qa-editor-publish-confirm"]').trigger('click');
    await flushPromises();

    const expected = structuredClone(FORM);
    expected.sections[1]!.weight = 35;
    expect(api.calls('PUT /api/v1/qa/forms/etiquette').map((c) => c.body)).toEqual([expected]);
    expect(w.get('[data-testid="qa-editor-notice"]').text()).toBe('Published etiquette version 2.');
    expect(w.findAll('[data-testid="qa-editor-version"]').map((b) => b.attributes('data-version'))).toEqual(['1', '2']);
    expect(w.get('[data-testid="qa-editor-dirty"]').attributes('data-dirty')).toBe('false');
  });

  it('puts the server’s refusal at the field it names', async () => {
    leadApi({
      'PUT /api/v1/qa/forms/etiquette': errorResponse(400, 'BAD_REQUEST', 'sections[0].id: duplicate section id "closing"', {
        field: 'sections[0].id',
      }),
    });
    const { wrapper: w } = await mountApp('/qa/forms');

    await sectionWeight(w, 0).setValue('25');
    await publishButton(w).trigger('click');
    await w.get('[data-testid="qa-editor-publish-confirm"]').trigger('click');
    await flushPromises();

    // The server's message is worded like the editor's own.
    expect(w.get('#qa-editor-sections-0-id-error').text()).toBe('another item or section already has the ID “closing”');
    expect(w.get('[data-testid="qa-editor-error"]').text()).toContain('Not published');
  });

  it('duplicates a form as a new one and creates it with POST', async () => {
    const api = leadApi({
      'POST /api/v1/qa/forms': ({ body }) => Response.json(view(1, body as typeof FORM), { status: 201 }),
    });
    const { wrapper: w } = await mountApp('/qa/forms');

    await w.get('[data-testid="qa-editor-duplicate"]').trigger('click');
    expect(w.get<HTMLInputElement>('[data-testid="qa-editor-form-id"]').element.value).toBe('etiquette-copy-1');
    await publishButton(w).trigger('click');
    expect(w.get('[data-testid="qa-editor-confirm-text"]').text()).toBe('This publishes etiquette-copy-1 as a new form, version 1.');
    await w.get('[data-testid="qa-editor-publish-confirm"]').trigger('click');
    await flushPromises();

    expect(api.calls('POST /api/v1/qa/forms').map((c) => c.body)).toEqual([{ ...FORM, id: 'etiquette-copy-1', version: 1 }]);
  });

  it('asks before leaving with unpublished changes, and stays when told to', async () => {
    leadApi({ 'GET /api/v1/qa/sampling/plans': { plans: [] }, 'GET /api/v1/qa/sampling/runs': { runs: [] } });
    const { wrapper: w, router } = await mountApp('/qa/forms');
    // happy-dom has no dialogs: the page's question goes to this stand-in.
    const confirm = vi.fn((_question?: string) => false);
    window.confirm = confirm;

    await sectionWeight(w, 0).setValue('21');
    await router.push('/qa/sampling');
    expect(confirm).toHaveBeenCalledWith('Leave the form editor? Your unpublished changes are lost.');
    expect(router.currentRoute.value.path).toBe('/qa/forms');

    confirm.mockReturnValue(true);
    await router.push('/qa/sampling');
    expect(router.currentRoute.value.path).toBe('/qa/sampling');
  });

  it('adds, moves and removes items from the keyboard’s buttons', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/forms');
    const ids = () =>
      w
        .findAll('[data-testid="qa-editor-section"]')[0]!
        .findAll('[data-testid="qa-editor-item"]')
        .map((i) => i.attributes('data-item-id'));
    const first = FORM.sections[0]!.items.map((i) => i.id);

    await w.findAll('[data-testid="qa-editor-add-item"]')[0]!.trigger('click');
    expect(ids()).toEqual([...first, 'item-1']);
    await w.get('[aria-label="Move item 1 down"]').trigger('click');
    expect(ids()).toEqual([first[1], first[0], ...first.slice(2), 'item-1']);
    await w.get('[aria-label="Remove item 1"]').trigger('click');
    await flushPromises();
    expect(ids()).toEqual([first[0], ...first.slice(2), 'item-1']);
    expect(document.activeElement?.id).toBe('qa-editor-sections-0-add-item'); // not lost with the removed button
  });
});
