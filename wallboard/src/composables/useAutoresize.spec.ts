import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref, useTemplateRef } from 'vue';
import { stubChartBox, type ChartBox } from '../testing/chartBox';
import { useAutoresize } from './useAutoresize';

/** happy-dom never calls a ResizeObserver back: these are called by the test. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  observed: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.observed.push(el);
  }
  unobserve(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  fire(): void {
    this.callback([], this as unknown as ResizeObserver);
  }
}

const last = () => FakeResizeObserver.all.at(-1)!;

let box: ChartBox;
beforeEach(() => {
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  FakeResizeObserver.all = [];
  box = stubChartBox({ width: 640, height: 320 });
});
afterEach(() => vi.useRealTimers());

/** A box observed while `on` is true; each call records the width seen. */
function mountBox(on = ref(true)) {
  const widths: number[] = [];
  const Box = defineComponent({
    setup() {
      const root = useTemplateRef<HTMLElement>('root');
      useAutoresize(
        () => (on.value ? root.value : null),
        (el) => widths.push(el.clientWidth),
        100,
      );
      return () => h('div', { ref: 'root' });
    },
  });
  return { w: mount(Box), widths, on };
}

describe('useAutoresize', () => {
  it('observes the element once it is mounted and reports a change of box at once after a quiet spell', () => {
    const { w, widths } = mountBox();
    expect(last().observed).toEqual([w.element]);
    box.width = 800;
    last().fire();
    expect(widths).toEqual([800]);
    w.unmount();
  });

  it('skips a box of zero width or height', () => {
    const { w, widths } = mountBox();
    box.height = 0;
    last().fire();
    vi.advanceTimersByTime(1_000);
    box.height = 320;
    box.width = 0;
    last().fire();
    vi.advanceTimersByTime(1_000);
    expect(widths).toEqual([]);
    w.unmount();
  });

  it('does not let a collapsed box hold back the next real one', () => {
    const { w, widths } = mountBox();
    box.width = 0;
    last().fire();
    box.width = 500;
    last().fire();
    expect(widths).toEqual([500]);
    w.unmount();
  });

  it('reports a burst at most once per interval, with the newest box', () => {
    const { w, widths } = mountBox();
    last().fire(); // 640 at t = 0: at once.
    box.width = 700;
    vi.advanceTimersByTime(30);
    last().fire();
    box.width = 720;
    vi.advanceTimersByTime(30);
    last().fire();
    expect(widths).toEqual([640]);
    // 100 ms after the first: the burst's newest box, once.
    vi.advanceTimersByTime(40);
    expect(widths).toEqual([640, 720]);
    vi.advanceTimersByTime(1_000);
    expect(widths).toEqual([640, 720]);
    w.unmount();
  });

  it('stops observing, and drops a pending report, on unmount', () => {
    const { w, widths } = mountBox();
    last().fire();
    box.width = 900;
    last().fire();
    w.unmount();
    expect(last().disconnected).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(widths).toEqual([640]);
  });

  it('observes nothing while the target is null, and starts when it appears', async () => {
    const on = ref(false);
    const { w, widths } = mountBox(on);
    expect(FakeResizeObserver.all).toEqual([]);
    on.value = true;
    await w.vm.$nextTick();
    expect(last().observed).toEqual([w.element]);
    on.value = false;
    await w.vm.$nextTick();
    expect(last().disconnected).toBe(true);
    expect(widths).toEqual([]);
    w.unmount();
  });
});
