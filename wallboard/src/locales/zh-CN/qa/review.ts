/** A reviewer's queue. */
import type { MessageSchema } from '../../en';

export const review: MessageSchema['qa']['review'] = {
  title: '我的评审',
  summary: '抽样给您评分的通话，截止时间最早的在前；已评分的排在后面。',
  progress: '已完成 {done} / {total}',
  progressLabel: '本期已完成的质检',
  progressHint: '仍在进行的抽样周期：尚有待评分评估的抽样批次。已完成指已提交及之后的评估。',
  filters: {
    label: '筛选质检',
    status: '状态',
    agent: '坐席',
    reason: '原因',
    any: '全部',
    overdue: '仅看逾期',
    clear: '清除筛选',
  },
  columns: {
    agent: '坐席',
    queue: '队列',
    call: '通话',
    reason: '抽样原因',
    status: '状态',
    due: '截止',
  },
  overdue: '已逾期',
  open: '打开 {agent} 的评估',
  empty: '暂无待评估的通话。本期抽样完成后，抽给您的通话会出现在这里，并附截止时间。',
  noMatch: '没有符合筛选条件的质检。',
  loadFailed: '无法加载您的质检：{reason}',
  retry: '重试',
  shown: '显示 {shown} / {total}',
};
