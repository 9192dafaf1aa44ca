import { useI18n } from 'vue-i18n';
import type { Role, Scope } from '../api/auth';
import { summarizeScope } from '../scope';

/** A scope in one line for a table cell: "Queues: billing, sales · Teams: all". */
export function useScopeText(): (role: Role, scope: Scope) => string {
  const { t } = useI18n();
  const list = (items: string[] | null) => (items === null ? t('scope.all') : items.length === 0 ? t('scope.none') : items.join(', '));
  return (role, scope) => {
    const summary = summarizeScope(role, scope);
    switch (summary.kind) {
      case 'everything':
        return t('scope.everything');
      case 'notApplicable':
        return t('scope.notApplicable');
      case 'limited':
        return `${t('scope.summaryQueues', { list: list(summary.queues) })} · ${t('scope.summaryTeams', { list: list(summary.teams) })}`;
    }
  };
}
