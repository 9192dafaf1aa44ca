/** Settings: queue rules and targets, not-ready limits. */
import type {
  NotReadyLimit,
  NotReadyLimitList,
  QueueSettings,
  QueueSettingsList,
  UpdateNotReadyLimitsRequest,
  UpdateQueueRulesRequest,
} from '@callboard/api/wire';
import { http } from './http';

export type {
  LiveQueueRules,
  NotReadyLimit,
  QueueSettings,
  UpdateNotReadyLimitsRequest,
  UpdateQueueRulesRequest,
} from '@callboard/api/wire';

export const fetchQueueSettings = async (): Promise<QueueSettings[]> =>
  (await http.get<QueueSettingsList>('/api/v1/settings/queues')).queues;

/** Queue '*' is the default of every queue without rules of its own. */
export const saveQueueRules = (queue: string, body: UpdateQueueRulesRequest) =>
  http.put<QueueSettings>(`/api/v1/settings/queues/${encodeURIComponent(queue)}`, body);

export const fetchNotReadyLimits = async (): Promise<NotReadyLimit[]> =>
  (await http.get<NotReadyLimitList>('/api/v1/settings/not-ready-limits')).limits;

export const saveNotReadyLimits = async (body: UpdateNotReadyLimitsRequest): Promise<NotReadyLimit[]> =>
  (await http.put<NotReadyLimitList>('/api/v1/settings/not-ready-limits', body)).limits;
