import { describe, expect, it } from 'vitest';
import { ServerClock, secondsSince } from './serverClock';

describe('ServerClock', () => {
  it('knows no offset before the first message', () => {
    expect(new ServerClock().offsetMs).toBeNull();
  });

  it('takes the sample with the shortest transit: the largest', () => {
    const clock = new ServerClock();
    // The server runs 3 s ahead; the messages spent 120 ms, 40 ms and 300 ms in transit.
    clock.sample('2026-03-02T10:00:03.000+08:00', Date.parse('2026-03-02T10:00:00.120+08:00'));
    clock.sample('2026-03-02T10:00:05.000+08:00', Date.parse('2026-03-02T10:00:02.040+08:00'));
    clock.sample('2026-03-02T10:00:07.000+08:00', Date.parse('2026-03-02T10:00:04.300+08:00'));

    expect(clock.offsetMs).toBe(3_000 - 40);
  });

  it('forgets samples older than its window, so a corrected client clock takes over', () => {
    const clock = new ServerClock(2);
    clock.sample('2026-03-02T10:00:00.000Z', Date.parse('2026-03-02T09:59:00.000Z'));
    clock.sample('2026-03-02T10:00:02.000Z', Date.parse('2026-03-02T10:00:02.050Z'));
    clock.sample('2026-03-02T10:00:04.000Z', Date.parse('2026-03-02T10:00:04.030Z'));

    expect(clock.offsetMs).toBe(-30);
  });

  it('ignores an unreadable asOf', () => {
    const clock = new ServerClock();
    clock.sample('not a time', 0);

    expect(clock.offsetMs).toBeNull();
  });
});

describe('secondsSince', () => {
  it('counts whole seconds up to the server’s now', () => {
    expect(secondsSince('2026-03-02T10:00:00.000+08:00', Date.parse('2026-03-02T10:01:05.900+08:00'))).toBe(65);
  });

  it('never goes below zero, and is null without a start', () => {
    expect(secondsSince('2026-03-02T10:00:00.000+08:00', Date.parse('2026-03-02T09:59:59.000+08:00'))).toBe(0);
    expect(secondsSince(null, 0)).toBeNull();
  });
});
