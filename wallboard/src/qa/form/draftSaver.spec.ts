import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, type DraftState } from './draftSaver';

/** A save whose answers the test gives: each call waits until resolved or rejected by hand. */
function controlledSave() {
  const calls: { value: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const save = vi.fn(
    (value: string) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ value, resolve, reject });
      }),
  );
  return { save, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createDraftSaver', () => {
  it('gathers quick changes into one save of the latest value', async () => {
    const { save, calls } = controlledSave();
    const states: DraftState['kind'][] = [];
    const saver = createDraftSaver({ save, delayMs: 500, onState: (s) => states.push(s.kind) });
    saver.change('a');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.value)).toEqual(['ab']);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['saving', 'saved']);
    expect(saver.dirty()).toBe(false);
  });

  it('keeps one request in flight and saves the latest value after it', async () => {
    const { save, calls } = controlledSave();
    const saver = createDraftSaver({ save, delayMs: 100, onState: () => {} });
    saver.change('1');
    await vi.advanceTimersByTimeAsync(100);
    saver.change('2');
    saver.change('3');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.value)).toEqual(['1']); // '3' waits for '1'
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.value)).toEqual(['1', '3']);
    expect(saver.dirty()).toBe(true);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty()).toBe(false);
  });

  it('records when it saved', async () => {
    const { save, calls } = controlledSave();
    let last = { kind: 'idle' } as DraftState;
    const at = new Date('2025-03-04T06:02:00Z');
    const saver = createDraftSaver({ save, delayMs: 10, now: () => at, onState: (s) => (last = s) });
    saver.change('x');
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(last).toEqual({ kind: 'saved', at });
  });

  it('keeps a failed value and tries again with the next change', async () => {
    const { save, calls } = controlledSave();
    let last = { kind: 'idle' } as DraftState;
    const saver = createDraftSaver({ save, delayMs: 10, onState: (s) => (last = s) });
    saver.change('x');
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(last.kind).toBe('failed');
    expect(last.kind === 'failed' && (last.error as Error).message).toBe('offline');
    expect(saver.dirty()).toBe(true);
    saver.change('xy');
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.map((c) => c.value)).toEqual(['x', 'xy']);
  });

  it('flushes at once, retrying a failed value, and resolves when it is saved', async () => {
    const { save, calls } = controlledSave();
    const saver = createDraftSaver({ save, delayMs: 10_000, onState: () => {} });
    saver.change('x');
    await vi.advanceTimersByTimeAsync(10_000);
    calls[0]!.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);

    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.value)).toEqual(['x', 'x']);
    expect(flushed).toBe(false);
    calls[1]!.resolve();
    await flushing;
    expect(flushed).toBe(true);
    expect(saver.dirty()).toBe(false);
  });

  it('flushes a change still waiting without waiting for the delay', async () => {
    const { save, calls } = controlledSave();
    const saver = createDraftSaver({ save, delayMs: 10_000, onState: () => {} });
    saver.change('late');
    const flushing = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.value)).toEqual(['late']);
    calls[0]!.resolve();
    await flushing;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('rejects a flush whose value could not be saved', async () => {
    const { save, calls } = controlledSave();
    const saver = createDraftSaver({ save, delayMs: 10, onState: () => {} });
    saver.change('x');
    const flushing = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.reject(new Error('conflict'));
    await expect(flushing).rejects.toThrow('conflict');
  });

  it('has nothing to do when nothing changed', async () => {
    const { save } = controlledSave();
    const saver = createDraftSaver({ save, onState: () => {} });
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
  });
});
