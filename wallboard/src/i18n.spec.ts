import { afterEach, describe, expect, it } from 'vitest';
import { initialLocale, loadSavedLocale, localeFromLanguage, saveLocale } from './i18n';

describe('localeFromLanguage', () => {
  it('picks Chinese for any Chinese browser language', () => {
    expect(localeFromLanguage('zh-CN')).toBe('zh-CN');
    expect(localeFromLanguage('zh')).toBe('zh-CN');
    expect(localeFromLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromLanguage('ZH-hans')).toBe('zh-CN');
  });

  it('falls back to English for every other or missing language', () => {
    expect(localeFromLanguage('en-US')).toBe('en');
    expect(localeFromLanguage('fr-FR')).toBe('en');
    expect(localeFromLanguage('')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });
});

describe('saved language', () => {
  afterEach(() => localStorage.clear());

  it('prefers the language picked on this device over the browser’s', () => {
    expect(navigator.language.startsWith('zh')).toBe(false);
    saveLocale('zh-CN');
    expect(loadSavedLocale()).toBe('zh-CN');
    expect(initialLocale()).toBe('zh-CN');
  });

  it('ignores a stored value that is not a supported language', () => {
    localStorage.setItem('callboard.locale', 'de');
    expect(loadSavedLocale()).toBeNull();
    expect(initialLocale()).toBe('en');
  });
});
