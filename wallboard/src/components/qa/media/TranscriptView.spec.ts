import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../../i18n';
import TranscriptView from './TranscriptView.vue';

/** Ten lines of 40 px each, in a box 120 px tall: three lines fit. */
const LINE_PX = 40;
const BOX_PX = 120;
const transcript = Array.from({ length: 10 }, (_, i) => ({
  speaker: i % 2 === 0 ? 'agent' : 'customer',
  startS: i * 5,
  endS: i * 5 + 4,
  text: `line ${i}`,
}));

const mounted: VueWrapper[] = [];
let scrollTo: ReturnType<typeof vi.fn>;
const originalScrollTo = HTMLElement.prototype.scrollTo;

beforeEach(() => {
  // happy-dom lays nothing out: each line sits at its index × 40 px in the list.
  vi.spyOn(HTMLElement.prototype, 'offsetTop', 'get').mockImplementation(function (this: HTMLElement) {
    return Number(this.dataset.line ?? 0) * LINE_PX;
  });
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(LINE_PX);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(BOX_PX);
  scrollTo = vi.fn();
  HTMLElement.prototype.scrollTo = scrollTo as unknown as HTMLElement['scrollTo'];
});

afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.restoreAllMocks();
  vi.useRealTimers();
  HTMLElement.prototype.scrollTo = originalScrollTo;
});

function mountView() {
  const w = mount(TranscriptView, {
    props: { transcript, findings: [], currentS: 0 },
    attachTo: document.body,
    global: { plugins: [createAppI18n('en')] },
  });
  mounted.push(w);
  return w;
}

describe('TranscriptView', () => {
  it('keeps the line being heard in view, a third of the way down', async () => {
    const w = mountView();
    await w.setProps({ currentS: 6 }); // line 1, at 40–80 px: visible
    await flushPromises();
    expect(scrollTo).not.toHaveBeenCalled();
    await w.setProps({ currentS: 31 }); // line 6, at 240 px: below the box
    await flushPromises();
    // 240 − 120 / 3 = 200
    expect(scrollTo).toHaveBeenCalledWith({ top: 200, behavior: 'smooth' });
  });

  it('leaves the reader’s own scrolling alone for five seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-02T10:00:00Z'));
    const w = mountView();
    await w.get('ol').trigger('wheel');
    await w.setProps({ currentS: 31 });
    await flushPromises();
    expect(scrollTo).not.toHaveBeenCalled();

    vi.setSystemTime(Date.parse('2026-03-02T10:00:05Z'));
    await w.setProps({ currentS: 36 }); // line 7, at 280 px
    await flushPromises();
    // 280 − 40 = 240
    expect(scrollTo).toHaveBeenCalledWith({ top: 240, behavior: 'smooth' });
  });

  it('plays from a line clicked; each line is a button, so Enter and space press it too', async () => {
    const w = mountView();
    const line = w.findAll('[data-testid="qa-transcript-line"]')[3]!;
    expect(line.element.tagName).toBe('BUTTON');
    await line.trigger('click');
    expect(w.emitted('seek')).toEqual([[15]]);
    expect(line.attributes('aria-label')).toBe('Caller 0:15: line 3');
  });
});
