import { describe, expect, it } from 'vitest';
import { isTyping, keyAction } from './keys';

const el = (html: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  return box.firstElementChild!;
};

describe('keyAction', () => {
  it('maps space and K to play/pause, arrows to 5 s, J/L to 10 s, P/N to the lines, brackets to speed', () => {
    expect(keyAction({ key: ' ' })).toEqual({ kind: 'toggle' });
    expect(keyAction({ key: 'K' })).toEqual({ kind: 'toggle' });
    expect(keyAction({ key: 'ArrowLeft' })).toEqual({ kind: 'skip', seconds: -5 });
    expect(keyAction({ key: 'ArrowRight' })).toEqual({ kind: 'skip', seconds: 5 });
    expect(keyAction({ key: 'j' })).toEqual({ kind: 'skip', seconds: -10 });
    expect(keyAction({ key: 'L' })).toEqual({ kind: 'skip', seconds: 10 });
    expect(keyAction({ key: '[' })).toEqual({ kind: 'speed', direction: -1 });
    expect(keyAction({ key: ']' })).toEqual({ kind: 'speed', direction: 1 });
    expect(keyAction({ key: 'p' })).toEqual({ kind: 'line', direction: -1 });
    expect(keyAction({ key: 'N' })).toEqual({ kind: 'line', direction: 1 });
    expect(keyAction({ key: 'x' })).toBeNull();
    expect(keyAction({ key: 'Enter' })).toBeNull();
  });

  it('leaves keys alone while someone types or holds a modifier', () => {
    expect(keyAction({ key: ' ', target: el('<textarea></textarea>') })).toBeNull();
    expect(keyAction({ key: 'ArrowLeft', target: el('<input type="text">') })).toBeNull();
    expect(keyAction({ key: 'ArrowLeft', target: el('<input type="radio">') })).toBeNull();
    expect(keyAction({ key: 'k', target: el('<select><option>1</option></select>') })).toBeNull();
    expect(keyAction({ key: 'ArrowRight', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'l', metaKey: true })).toBeNull();
    expect(keyAction({ key: 'j', altKey: true })).toBeNull();
  });

  it('lets a focused button take space itself, but still skips with the arrows there', () => {
    expect(keyAction({ key: ' ', target: el('<button>x</button>') })).toBeNull();
    expect(keyAction({ key: ' ', target: el('<div role="button" tabindex="0">x</div>') })).toBeNull();
    expect(keyAction({ key: 'ArrowRight', target: el('<button>x</button>') })).toEqual({ kind: 'skip', seconds: 5 });
    expect(keyAction({ key: ' ', target: el('<div tabindex="0">x</div>') })).toEqual({ kind: 'toggle' });
  });
});

describe('isTyping', () => {
  it('is true in text fields and editable areas only', () => {
    expect(isTyping(el('<input>'))).toBe(true);
    expect(isTyping(el('<div contenteditable="true">x</div>'))).toBe(true);
    expect(isTyping(el('<p>x</p>'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
