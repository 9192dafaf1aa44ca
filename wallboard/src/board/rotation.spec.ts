import { describe, expect, it } from 'vitest';
import { nextRotation, rotationPosition } from './rotation';

describe('rotation', () => {
  it('moves to the next scope and back to the first after the last', () => {
    expect(nextRotation(0, 3)).toBe(1);
    expect(nextRotation(2, 3)).toBe(0);
  });

  it('says which scope of how many is on screen, counting from one', () => {
    expect(rotationPosition(0, 3)).toEqual({ n: 1, of: 3 });
    expect(rotationPosition(4, 3)).toEqual({ n: 2, of: 3 });
    expect(rotationPosition(0, 1)).toBeNull();
    expect(rotationPosition(0, 0)).toBeNull();
  });
});
