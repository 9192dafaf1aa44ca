/** Trends and reports. */
import type { MessageSchema } from '../en';

export const trends: MessageSchema['trends'] = {
  title: '趋势',
  summary: '按中心所在时区查看一段时间内的运营情况。',
  items: {
    charts: '来电量、三声接听率、平均应答和放弃率，可按 15 分钟、小时、日、周或月查看。',
    filters: '可按队列、来电类型或座席筛选，并与对比期比较。',
    counts: '每个比率背后的原始计数，便于逐项核对。',
    report: '月度分析报告：分时段和业务类型的来电量、问题类型、处理结果与满意度，可打印或导出 CSV、PDF。',
  },
};
