import { describe, expect, it } from 'vitest';
import { USER_ROLES, can, capabilitiesOf, effectiveScope } from './roles.js';
import { assertInScope, describeScope, filterToScope, outsideScope } from './scope.js';
import { originAllowed } from '../../live/io-adapter.js';

describe('roles (SPEC §1)', () => {
  it('gives each role what the roles table says', () => {
    expect(capabilitiesOf('admin')).toEqual([
      'wallboard',
      'agentDetail',
      'trends',
      'qaResults',
      'recordings',
      'qaReview',
      'qaManage',
      'admin',
      'metrics',
      'self',
    ]);
    expect(capabilitiesOf('manager')).toEqual(['wallboard', 'agentDetail', 'trends', 'qaResults', 'self']);
    expect(capabilitiesOf('supervisor')).toEqual(['wallboard', 'agentDetail', 'qaResults', 'recordings', 'self']);
    expect(capabilitiesOf('qa_lead')).toEqual(['qaResults', 'recordings', 'qaReview', 'qaManage', 'self']);
    expect(capabilitiesOf('qa_reviewer')).toEqual(['qaResults', 'recordings', 'qaReview', 'self']);
    expect(capabilitiesOf('agent')).toEqual(['qaResults', 'recordings', 'self']);
    expect(capabilitiesOf('kiosk')).toEqual(['wallboard']);
    expect(capabilitiesOf('ingest')).toEqual(['ingest']);
    expect(capabilitiesOf('metrics')).toEqual(['metrics']);
  });

  it('lets only people change a password, and only admins administer', () => {
    expect(USER_ROLES.filter((r) => can(r, 'admin'))).toEqual(['admin']);
    expect(can('kiosk', 'self')).toBe(false);
    expect(can('ingest', 'wallboard')).toBe(false);
  });

  it('gives admins and managers every queue whatever their stored scope', () => {
    const stored = { queues: ['a'], teams: [] };
    expect(effectiveScope('admin', stored)).toEqual({ queues: null, teams: null });
    expect(effectiveScope('manager', stored)).toEqual({ queues: null, teams: null });
    expect(effectiveScope('supervisor', stored)).toBe(stored);
    expect(effectiveScope('kiosk', stored)).toBe(stored);
  });
});

describe('scope checks', () => {
  it('finds the first queue outside the scope; null allows all, [] allows none', () => {
    expect(outsideScope(['a', 'b'], ['a', 'c', 'd'])).toBe('c');
    expect(outsideScope(['a', 'b'], ['b', 'a'])).toBeUndefined();
    expect(outsideScope(null, ['x'])).toBeUndefined();
    expect(outsideScope([], ['x'])).toBe('x');
    expect(outsideScope([], [])).toBeUndefined();
  });

  it('throws 403 naming the queue or team', () => {
    expect(() => assertInScope({ queues: ['a'], teams: null }, { queues: ['b'] })).toThrow('queue "b" is outside your scope');
    expect(() => assertInScope({ queues: null, teams: ['t1'] }, { teams: ['t2'] })).toThrow('team "t2" is outside your scope');
    const refusal = (() => {
      try {
        assertInScope({ queues: ['a'], teams: null }, { queues: ['b'] });
      } catch (err) {
        return err as { getStatus(): number };
      }
    })();
    expect(refusal?.getStatus()).toBe(403);
    expect(() => assertInScope({ queues: ['a'], teams: null }, { queues: ['a'], teams: ['any'] })).not.toThrow();
  });

  it('filters lists to a scope and describes scopes for people', () => {
    const rows = [{ q: 'a' }, { q: 'b' }, { q: 'c' }];
    expect(filterToScope(['c', 'a'], rows, (r) => r.q)).toEqual([{ q: 'a' }, { q: 'c' }]);
    expect(filterToScope(null, rows, (r) => r.q)).toHaveLength(3);
    expect(describeScope({ queues: ['a', 'b'], teams: [] })).toBe('queues a, b; no teams');
    expect(describeScope({ queues: null, teams: ['t'] })).toBe('all queues; teams t');
  });
});

describe('socket origin allowlist', () => {
  const req = (origin: string | undefined, host = 'board.example.com') => ({ headers: { origin, host } });
  it('defaults to the origin the request was made to', () => {
    expect(originAllowed(req('https://board.example.com'), undefined)).toBe(true);
    expect(originAllowed(req('https://evil.example'), undefined)).toBe(false);
    expect(originAllowed(req('https://board.example.com.evil.example'), undefined)).toBe(false);
    expect(originAllowed(req('null'), undefined)).toBe(false);
  });
  it('uses the configured list when there is one', () => {
    const allowed = ['https://tv.example.com'];
    expect(originAllowed(req('https://tv.example.com'), allowed)).toBe(true);
    expect(originAllowed(req('https://board.example.com'), allowed)).toBe(false);
  });
  it('lets clients without an Origin header through to the token check (they are not browsers)', () => {
    expect(originAllowed(req(undefined), undefined)).toBe(true);
  });
});
