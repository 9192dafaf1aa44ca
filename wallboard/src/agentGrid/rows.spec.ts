import { describe, expect, it } from 'vitest';
import { agent } from '../testing/live.fixture';
import { agentRows, elapsedMs, idsKey, idsOfKey, isAtRisk, isOverrun } from './rows';

const at = (hms: string) => `2026-03-02T${hms}.000+08:00`;
const ms = (hms: string) => Date.parse(at(hms));
const one = (...args: Parameters<typeof agent>) => agentRows([agent(...args)])[0]!;

describe('agentRows', () => {
  it('parses the start once, ranks the state on the path of a call, and folds name, team and id for the search', () => {
    const [a, b] = agentRows([
      agent('a1', { name: 'Ｌｉ Na', team: 'East', state: 'wrap_up', since: at('12:00:00') }),
      agent('a2', { team: null, state: 'offline', since: 'yesterday' }),
    ]);
    expect(a!.sinceMs).toBe(Date.UTC(2026, 2, 2, 4, 0, 0));
    // available 0, ringing 1, on_call 2, wrap_up 3, not_ready 4, offline 5.
    expect(a!.rank).toBe(3);
    expect(a!.haystack).toBe('li na\neast\na1');
    expect(b!.rank).toBe(5);
    expect(b!.sinceMs).toBeNaN();
    expect(b!.haystack).toBe('agent a2\n\na2');
  });
});

describe('elapsedMs', () => {
  it('counts from the start, never below zero, and has no value for an unreadable start', () => {
    // 12:03:05 − 12:00:00 = 185 s.
    expect(elapsedMs(one('a', { since: at('12:00:00') }), ms('12:03:05'))).toBe(185_000);
    expect(elapsedMs(one('a', { since: at('12:03:06') }), ms('12:03:05'))).toBe(0);
    expect(elapsedMs(one('a', { since: 'soon' }), ms('12:03:05'))).toBeNull();
  });
});

describe('overrun and at risk', () => {
  // Break since 12:00:00 with a 15 min (900 s) limit.
  const onBreak = one('a', { state: 'not_ready', reason: 'break', since: at('12:00:00'), limitS: 900 });

  it('is at risk from 80 % of the limit: 720 s, at 12:12:00', () => {
    expect(isAtRisk(onBreak, ms('12:11:59'))).toBe(false);
    expect(isAtRisk(onBreak, ms('12:12:00'))).toBe(true);
  });

  it('is over from the first second past the limit, before the server says so', () => {
    expect(isOverrun(onBreak, ms('12:15:00'))).toBe(false);
    expect(isOverrun(onBreak, ms('12:15:01'))).toBe(true);
  });

  it('takes the server’s word for an overrun, and never counts one without a limit or outside not ready', () => {
    expect(isOverrun(one('a', { state: 'not_ready', limitS: 900, overrun: true, since: at('12:14:00') }), ms('12:14:30'))).toBe(true);
    expect(isOverrun(one('a', { state: 'not_ready', limitS: null, since: at('08:00:00') }), ms('12:00:00'))).toBe(false);
    expect(isOverrun(one('a', { state: 'on_call', limitS: 60, since: at('08:00:00') }), ms('12:00:00'))).toBe(false);
    expect(isAtRisk(one('a', { state: 'not_ready', limitS: 0, since: at('08:00:00') }), ms('12:00:00'))).toBe(false);
  });
});

describe('idsKey', () => {
  it('joins the ids that pass, so that an unchanged set gives an equal string', () => {
    const rows = agentRows([agent('a1'), agent('a2', { state: 'not_ready' }), agent('a3', { state: 'not_ready' })]);
    const key = idsKey(rows, (r) => r.agent.state === 'not_ready');
    expect(key).toBe('a2\na3');
    expect([...idsOfKey(key)]).toEqual(['a2', 'a3']);
    expect(idsOfKey(idsKey(rows, () => false)).size).toBe(0);
  });
});
