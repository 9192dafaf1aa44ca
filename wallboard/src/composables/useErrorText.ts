import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/http';

/** A failed request as one sentence for the person who made it. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError)) return t('errors.status', { status: '—', message: String(error) });
    if (error.code === 'CSRF') return t('errors.csrf');
    if (error.status === 403) return t('errors.forbidden');
    if (error.code === 'TIMEOUT') return t('errors.timeout');
    if (error.status === undefined) return t('errors.network');
    return t('errors.status', { status: error.status, message: error.message });
  };
}
