/** 质检工作区：标签页与各质检页面共用的词语。 */
import type { MessageSchema } from '../../en';

type Common = Omit<
  MessageSchema['qa'],
  'media' | 'form' | 'review' | 'evaluation' | 'agent' | 'disputes' | 'calibration' | 'editor' | 'sampling' | 'summary' | 'tile'
>;

export const common: Common = {
  title: '质量检查',
  tabs: {
    label: '质检',
    reviews: '我的评审',
    mine: '我的成绩',
    disputes: '申诉',
    calibrations: '校准',
    forms: '评分表',
    sampling: '抽样',
    summary: '汇总',
  },
  statuses: {
    assigned: '待评审',
    draft: '草稿',
    submitted: '已评分',
    acknowledged: '已确认',
    disputed: '申诉中',
    resolved: '已处理',
  },
  outcomes: {
    upheld: '维持原评分',
    adjusted: '已调整',
  },
  reasons: {
    random: '随机',
    complaint: '投诉',
    dissatisfied: '回访不满意',
    long_handle: '处理时长过长',
    transferred: '转接',
  },
  loading: '正在加载…',
  empty: '暂无内容。',
  points: '{score} / 100',
  marginOfError: '± {margin}',
};
