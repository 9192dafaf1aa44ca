import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

/** Every message as `path.to.key` → text. */
function flatten(messages: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The named placeholders of a message, e.g. `{count}`. */
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

const english = flatten(en);
const chinese = flatten(zhCN);

describe('locales', () => {
  it('have exactly the same keys in English and Chinese', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have a text for every key', () => {
    for (const [path, text] of [...english, ...chinese])
      expect({ path, ok: typeof text === 'string' && text.trim() !== '' }).toEqual({ path, ok: true });
  });

  it('fill the same placeholders in both languages', () => {
    for (const [path, text] of english) {
      expect({ path, placeholders: placeholders(String(chinese.get(path))) }).toEqual({ path, placeholders: placeholders(String(text)) });
    }
  });
});
