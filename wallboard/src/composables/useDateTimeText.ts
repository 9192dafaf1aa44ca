import { useI18n } from 'vue-i18n';
import { formatDateTime } from '../format';
import { useCenterTimeZone } from './useCenterTimeZone';

/** An instant as a date and time of the center, in the current language; "never" when there is none. */
export function useDateTimeText(): (iso: string | null) => string {
  const { t, locale } = useI18n();
  const timeZone = useCenterTimeZone();
  return (iso) => (iso ? formatDateTime(iso, timeZone.value, locale.value) : t('admin.never'));
}
