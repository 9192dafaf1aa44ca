import { describe, expect, it } from 'vitest';
import { parseRotate, parseTvOptions, tvQuery } from './tvOptions';

describe('wall display options', () => {
  it('reads queues, teams and everything from the rotate list', () => {
    expect(parseRotate('billing, team:east,*,,')).toEqual([
      { queue: 'billing', team: null },
      { queue: null, team: 'east' },
      { queue: null, team: null },
    ]);
    expect(parseRotate('team:')).toEqual([{ queue: 'team:', team: null }]);
    expect(parseRotate(null)).toEqual([]);
  });

  it('turns TV mode on by the tv flag and keeps the rotation at least 10 s', () => {
    expect(parseTvOptions({ tv: '1', every: '5' })).toEqual({ tv: true, rotate: [], everyS: 10 });
    expect(parseTvOptions({ every: 'soon' })).toEqual({ tv: false, rotate: [], everyS: 30 });
    expect(parseTvOptions({ tv: 'true', rotate: 'a,b', every: '45' }).rotate).toHaveLength(2);
    expect(parseTvOptions({ tv: 'true', rotate: 'a,b', every: '45' }).everyS).toBe(45);
  });

  it('carries only the display options from the kiosk link to the board', () => {
    expect(tvQuery({ rotate: 'a,*', every: '20', next: '/admin' })).toEqual({ tv: '1', rotate: 'a,*', every: '20' });
  });
});
