/** The QA workspace. */
import type { MessageSchema } from '../en';

export const qa: MessageSchema['qa'] = {
  title: '质量检查',
  summary: '按服务礼仪检查表对抽样来电进行评审。',
  items: {
    queue: '您的评审队列：每周按座席抽取的来电。',
    scoring: '按检查表评分：问候、礼貌用语、问题处理、结束语、记录完整。',
    autoChecks: '基于通话文本的提示及证据：问候语、禁用语、结束语。',
    workflow: '座席确认与申诉，以及评审员之间的校准。',
  },
};
