import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERATED_PASSWORD_ALPHABET, generatePassword } from './passwords.js';

describe('generatePassword', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives four groups of seven characters of the readable alphabet: 28 × 5 = 140 bits', () => {
    expect(GENERATED_PASSWORD_ALPHABET).toHaveLength(32);
    expect(GENERATED_PASSWORD_ALPHABET).not.toMatch(/[ilou]/);
    for (let i = 0; i < 100; i++) expect(generatePassword()).toMatch(/^[0-9a-hjkmnp-tv-z]{7}(-[0-9a-hjkmnp-tv-z]{7}){3}$/);
  });

  it('draws from node:crypto, not Math.random: 10,000 passwords stay distinct with Math.random fixed', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const passwords = new Set(Array.from({ length: 10_000 }, generatePassword));
    expect(passwords.size).toBe(10_000);
    expect(random).not.toHaveBeenCalled();
  });

  it('uses every character of the alphabet in every position', () => {
    const seen = Array.from({ length: 28 }, () => new Set<string>());
    for (let i = 0; i < 2_000; i++) [...generatePassword().replaceAll('-', '')].forEach((c, pos) => seen[pos]!.add(c));
    // Each character is missed in 2,000 draws with probability (31/32)^2000 ≈ 3e-28.
    expect(seen.map((s) => s.size)).toEqual(Array(28).fill(32));
  });
});
