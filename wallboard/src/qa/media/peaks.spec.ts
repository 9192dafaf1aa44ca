import { describe, expect, it } from 'vitest';
import { peaksOf } from './peaks';

describe('peaksOf', () => {
  it('keeps the loudest sample of each equal stretch, with its sign', () => {
    // 8 samples in 4 stretches of 2: [0.1, -0.5] [0.3, 0.2] [-0.9, 0.8] [0, 0]
    expect(peaksOf([0.1, -0.5, 0.3, 0.2, -0.9, 0.8, 0, 0], 4)).toEqual([-0.5, 0.3, -0.9, 0]);
  });

  it('splits an uneven length without losing a sample', () => {
    // 5 samples in 2 stretches: [0..2) and [2..5)
    expect(peaksOf(Float32Array.from([0.25, 0.5, 0.125, -0.75, 0.5]), 2)).toEqual([0.5, -0.75]);
  });

  it('never asks for more peaks than there are samples', () => {
    expect(peaksOf([0.5, -0.25], 10)).toEqual([0.5, -0.25]);
    expect(peaksOf([], 10)).toEqual([]);
    expect(peaksOf([0.5], 0)).toEqual([]);
  });
});
