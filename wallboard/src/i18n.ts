import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './locales/en';
import zhCN from './locales/zh-CN';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

const STORAGE_KEY = 'callboard.locale';

declare module 'vue-i18n' {
  // Typed message keys for `t()` everywhere (the vue-i18n way: an empty interface that extends the schema).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Chinese for any Chinese browser (zh, zh-CN, zh-TW, …), English otherwise. */
export function localeFromLanguage(language: string | undefined): AppLocale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The language the user picked last on this device, if any. */
export function loadSavedLocale(): AppLocale | null {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isAppLocale(saved) ? saved : null;
  } catch {
    return null; // storage disabled (privacy mode, kiosk policy)
  }
}

export function saveLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this page only.
  }
}

export function initialLocale(): AppLocale {
  return loadSavedLocale() ?? localeFromLanguage(globalThis.navigator?.language);
}

export function createAppI18n(locale: AppLocale = initialLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, 'zh-CN': zhCN },
  });
}
