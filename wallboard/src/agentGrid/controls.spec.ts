import { beforeEach, describe, expect, it } from 'vitest';
import { CONTROLS_KEY, NO_CONTROLS, loadControls, parseControls, saveControls, type GridControls } from './controls';

beforeEach(() => sessionStorage.clear());

describe('parseControls', () => {
  it('reads back what was saved', () => {
    const controls: GridControls = {
      sort: { column: 'time', direction: 'desc' },
      states: ['not_ready', 'on_call'],
      showOffline: true,
      search: 'east',
    };
    expect(parseControls(JSON.parse(JSON.stringify(controls)))).toEqual(controls);
  });

  it('keeps what is valid of a stored value from another version or edited by hand', () => {
    expect(
      parseControls({
        sort: { column: 'mood', direction: 'asc' },
        states: ['available', 'offline', 'asleep', 3],
        showOffline: 'yes',
        search: 7,
      }),
    ).toEqual({ sort: null, states: ['available'], showOffline: false, search: '' });
    expect(parseControls({ sort: { column: 'name', direction: 'up' } }).sort).toBeNull();
    expect(parseControls('sort=name')).toEqual(NO_CONTROLS);
    expect(parseControls(null)).toEqual(NO_CONTROLS);
  });
});

describe('loadControls and saveControls', () => {
  it('keep the controls for the browser tab', () => {
    saveControls({ sort: { column: 'name', direction: 'asc' }, states: ['not_ready'], showOffline: false, search: '' });
    expect(JSON.parse(sessionStorage.getItem(CONTROLS_KEY)!)).toEqual({
      sort: { column: 'name', direction: 'asc' },
      states: ['not_ready'],
      showOffline: false,
      search: '',
    });
    expect(loadControls().sort).toEqual({ column: 'name', direction: 'asc' });
  });

  it('start from no controls when storage holds none, or something unreadable, or refuses', () => {
    expect(loadControls()).toEqual(NO_CONTROLS);
    sessionStorage.setItem(CONTROLS_KEY, '{not json');
    expect(loadControls()).toEqual(NO_CONTROLS);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(loadControls(refusing)).toEqual(NO_CONTROLS);
    expect(() => saveControls(NO_CONTROLS, refusing)).not.toThrow();
  });
});
