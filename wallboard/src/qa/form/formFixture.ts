import type { QaFormWire } from '../../api/qa';

/**
 * A small form with every kind of item, for specs. Weights are picked so hand
 * arithmetic stays exact: opening 2 (greeting 1, identity 1 N/A allowed,
 * recording notice 2 critical), courtesy 1 (polite 0–4 weight 3, no forbidden
 * phrase 1 critical).
 */
export function formFixture(): QaFormWire {
  return {
    id: 'etiquette',
    version: 3,
    title: { 'zh-CN': '礼仪检查', en: 'Etiquette' },
    sections: [
      {
        id: 'opening',
        title: { 'zh-CN': '开场', en: 'Opening' },
        weight: 2,
        items: [
          {
            id: 'greeting',
            type: 'yes_no',
            weight: 1,
            text: { 'zh-CN': '问候并报公司名', en: 'Greets with the company name' },
            guide: { 'zh-CN': '前10秒内', en: 'Within the first 10 s' },
            autoCheck: 'greeting',
          },
          { id: 'identity', type: 'yes_no', weight: 1, naAllowed: true, text: { 'zh-CN': '核实身份', en: 'Asks who is calling' } },
          { id: 'notice', type: 'yes_no', weight: 2, critical: true, text: { 'zh-CN': '录音提示', en: 'Recording notice' } },
        ],
      },
      {
        id: 'courtesy',
        title: { 'zh-CN': '礼貌', en: 'Courtesy' },
        weight: 1,
        items: [
          { id: 'polite', type: 'scale', max: 4, weight: 3, text: { 'zh-CN': '使用请/您', en: 'Says please, addresses politely' } },
          { id: 'forbidden', type: 'yes_no', weight: 1, critical: true, text: { 'zh-CN': '无禁用语', en: 'No forbidden phrase' } },
        ],
      },
    ],
  };
}
