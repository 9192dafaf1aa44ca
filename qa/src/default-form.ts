import type { QaForm } from './form.js';

/**
 * The etiquette checklist of the service documents (SPEC §5, `shared/seeds/`):
 * the 000 policy's answering, recording and handling rules, 001's phrases never
 * to say, 002's 三要 / 三不, 003's etiquette. Section weights add up to 100.
 * Saying 不行 / 不知道 / 不可以 / 不归我管 is the one critical item.
 */
export function defaultForm(): QaForm {
  return {
    id: 'etiquette',
    version: 1,
    title: { 'zh-CN': '来电服务礼仪质检表', en: 'Call etiquette checklist' },
    sections: [
      {
        id: 'opening',
        title: { 'zh-CN': '开场', en: 'Opening' },
        weight: 20,
        items: [
          {
            id: 'greeting',
            type: 'yes_no',
            weight: 2,
            autoCheck: 'greeting',
            text: { 'zh-CN': '以“您好，[公司名称]”问候', en: 'Greets with "您好" (hello) and the company name' },
            guide: { 'zh-CN': '接听后立即问候，声音清晰、温和、热情', en: 'Right after answering, clearly, warmly' },
          },
          {
            id: 'identity',
            type: 'yes_no',
            weight: 1,
            autoCheck: 'identity_question',
            text: { 'zh-CN': '主动询问客户身份及来电事项', en: 'Asks who is calling and what the call is about' },
            guide: { 'zh-CN': '如“请问您是哪位？有什么可以帮到您？”', en: 'E.g. "May I have your name? How can I help you?"' },
          },
          {
            id: 'recording_notice',
            type: 'yes_no',
            weight: 1,
            naAllowed: true,
            text: { 'zh-CN': '录音前告知客户', en: 'Tells the caller the call is recorded' },
            guide: { 'zh-CN': '系统已播放录音提示时为不适用', en: 'N/A when the phone system announced it' },
          },
        ],
      },
      {
        id: 'courtesy',
        title: { 'zh-CN': '礼貌用语与态度', en: 'Courtesy' },
        weight: 30,
        items: [
          {
            id: 'please_you',
            type: 'scale',
            max: 2,
            weight: 1,
            autoCheck: 'please_count',
            text: { 'zh-CN': '“请”字当头，“您”字不离口', en: 'Says 请 (please) and addresses the caller as 您' },
            guide: { 'zh-CN': '0 从不，1 偶尔，2 始终', en: '0 never, 1 sometimes, 2 throughout' },
          },
          {
            id: 'no_forbidden_phrase',
            type: 'yes_no',
            weight: 2,
            critical: true,
            autoCheck: 'forbidden_phrase',
            text: {
              'zh-CN': '未说“不行、不知道、不可以、不归我管”',
              en: 'Never says "no way", "I don\'t know", "you can\'t", "not my job"',
            },
          },
          {
            id: 'no_arguing',
            type: 'yes_no',
            weight: 2,
            text: {
              'zh-CN': '不争论、不使用生硬语言、不推卸责任、不责怪埋怨客户',
              en: 'No arguing, harsh words, shirking or blaming the caller',
            },
          },
          {
            id: 'patience',
            type: 'scale',
            max: 2,
            weight: 1,
            text: { 'zh-CN': '耐心倾听，不催促客户', en: 'Listens patiently, never rushes the caller' },
            guide: { 'zh-CN': '客户情绪激动时保持冷静', en: 'Stays calm when the caller is upset' },
          },
        ],
      },
      {
        id: 'handling',
        title: { 'zh-CN': '问题处理', en: 'Handling' },
        weight: 30,
        items: [
          {
            id: 'answer_or_reply_time',
            type: 'scale',
            max: 2,
            weight: 2,
            text: {
              'zh-CN': '准确解答，或告知明确的回复时间',
              en: 'Answers correctly, or commits to a reply time',
            },
            guide: {
              'zh-CN': '0 错误或无承诺，1 部分，2 准确或承诺了具体时间',
              en: '0 wrong or no commitment, 1 partly, 2 right or a definite time',
            },
          },
          {
            id: 'apology',
            type: 'yes_no',
            weight: 1,
            naAllowed: true,
            autoCheck: 'apology',
            text: { 'zh-CN': '投诉时立即表示歉意', en: 'Apologises at once on a complaint' },
            guide: { 'zh-CN': '非投诉来电为不适用', en: 'N/A when the call is not a complaint' },
          },
          {
            id: 'category_transfer',
            type: 'yes_no',
            weight: 1,
            naAllowed: true,
            text: {
              'zh-CN': '问题分类正确，复杂问题及投诉转交正确',
              en: 'Right category; complex matters and complaints passed to the right team',
            },
          },
        ],
      },
      {
        id: 'closing',
        title: { 'zh-CN': '结束', en: 'Closing' },
        weight: 10,
        items: [
          {
            id: 'summary',
            type: 'yes_no',
            weight: 1,
            text: { 'zh-CN': '总结处理结果或下一步', en: 'Sums up the outcome or the next step' },
          },
          {
            id: 'anything_else',
            type: 'yes_no',
            weight: 1,
            text: { 'zh-CN': '询问是否还有其他问题', en: 'Asks whether there is anything else' },
          },
          {
            id: 'farewell',
            type: 'yes_no',
            weight: 1,
            autoCheck: 'farewell',
            text: { 'zh-CN': '以“再见”结尾', en: 'Ends with 再见 (goodbye)' },
          },
        ],
      },
      {
        id: 'record',
        title: { 'zh-CN': '来电记录', en: 'Call record' },
        weight: 10,
        items: [
          {
            id: 'record_complete',
            type: 'yes_no',
            weight: 1,
            text: { 'zh-CN': '记录完整：客户信息、来电时间（精确到分钟）、来电事项、处理过程', en: 'Record complete' },
            guide: {
              'zh-CN': '缺任一项即为否',
              en: 'Customer, time to the minute, matter and handling; any one missing is a no',
            },
          },
        ],
      },
    ],
  };
}
