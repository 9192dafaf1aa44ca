import { describe, expect, it } from 'vitest';
import { QaInputError } from './problems.js';
import { checkTranscript, defaultTranscriptRules, type TranscriptFinding, type TranscriptSegment } from './transcript.js';

const rules = defaultTranscriptRules(['星河客服中心', 'Star River']);
const agent = (startS: number, endS: number, text: string): TranscriptSegment => ({ speaker: 'agent', startS, endS, text });
const customer = (startS: number, endS: number, text: string): TranscriptSegment => ({ speaker: 'customer', startS, endS, text });

function finding(findings: TranscriptFinding[], ruleId: string): TranscriptFinding {
  const f = findings.find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`no finding ${ruleId}`);
  return f;
}

function problemsOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof QaInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a QaInputError');
}

/** A call done by the book. */
const good = [
  agent(0, 3.5, '您好，星河客服中心，请问有什么可以帮您？'),
  customer(3.8, 8, '请您帮我查一下账单，不行的话我再打。'),
  agent(8.2, 11, '好的，请问您怎么称呼？'),
  customer(11.2, 12, '我姓王。'),
  agent(12.5, 30, '王先生您好，请稍等，我帮您查询。'),
  customer(31, 33, '好的，谢谢。'),
  agent(33, 40, '您的账单已经发送到您的邮箱，还有其他问题吗？'),
  customer(40.5, 41.5, '没有了，再见。'),
  agent(42, 44, '感谢您的来电，再见。'),
];

describe('checkTranscript on a call done by the book', () => {
  const findings = checkTranscript(good, rules);

  it('reports the six checks in order, all passed', () => {
    expect(findings.map((f) => [f.ruleId, f.passed])).toEqual([
      ['greeting', true],
      ['identity_question', true],
      ['forbidden_phrase', true],
      ['farewell', true],
      ['please_count', true],
      ['honorific_count', true],
    ]);
  });

  it('shows the greeting with the company name as evidence', () => {
    expect(finding(findings, 'greeting')).toEqual({
      ruleId: 'greeting',
      passed: true,
      evidence: [{ startS: 0, endS: 3.5, speaker: 'agent', text: '您好，星河客服中心，请问有什么可以帮您？' }],
      matches: ['您好', '星河客服中心'],
    });
    expect(finding(findings, 'identity_question')).toMatchObject({
      matches: ['怎么称呼'],
      evidence: [{ startS: 8.2, text: '好的，请问您怎么称呼？' }],
    });
    expect(finding(findings, 'farewell')).toMatchObject({ evidence: [{ startS: 42, endS: 44 }], matches: ['再见'] });
  });

  it("ignores the customer's words: their 不行 is no forbidden phrase", () => {
    expect(finding(findings, 'forbidden_phrase')).toEqual({ ruleId: 'forbidden_phrase', passed: true, evidence: [], matches: [] });
  });

  it('counts 请 and 您 in agent speech only', () => {
    // 请: 请问 (0 s), 请问 (8.2 s), 请稍等 (12.5 s) = 3 — the customer's 请您 is not counted
    // 您: 您好 + 帮您 (0 s) 2, 您怎么 (8.2 s) 1, 您好 + 帮您 (12.5 s) 2, 您的 + 您的 (33 s) 2, 感谢您 (42 s) 1 = 8
    expect(finding(findings, 'please_count')).toMatchObject({ passed: true, count: 3 });
    expect(finding(findings, 'please_count').evidence.map((e) => e.startS)).toEqual([0, 8.2, 12.5]);
    expect(finding(findings, 'honorific_count')).toMatchObject({ passed: true, count: 8 });
    expect(finding(findings, 'honorific_count').evidence).toHaveLength(5);
  });
});

describe('checkTranscript windows', () => {
  it('takes a greeting starting exactly 10 s after the agent first speaks, not one 10.01 s after', () => {
    const at = (s: number) => checkTranscript([agent(0, 1, '喂？'), agent(s, s + 2, '您好，星河客服中心。')], rules);
    expect(finding(at(10), 'greeting').passed).toBe(true);
    const late = finding(at(10.01), 'greeting');
    expect(late.passed).toBe(false);
    expect(late.evidence).toEqual([{ startS: 0, endS: 1, speaker: 'agent', text: '喂？' }]);
  });

  it("measures the greeting window from the agent's first words, not from the start of the recording", () => {
    const f = checkTranscript([customer(0, 4, '喂？'), agent(5, 6, '嗯。'), agent(15, 17, '您好，星河客服中心。')], rules);
    expect(finding(f, 'greeting').passed).toBe(true);
  });

  it('takes a farewell ending exactly 15 s before the agent stops speaking, not one ending 15.01 s before', () => {
    const at = (end: number) =>
      checkTranscript([agent(0, 2, '您好，星河客服中心。'), agent(end - 2, end, '再见。'), agent(90, 100, '请您稍后留意短信。')], rules);
    expect(finding(at(85), 'farewell').passed).toBe(true);
    const early = finding(at(84.99), 'farewell');
    expect(early.passed).toBe(false);
    expect(early.evidence).toEqual([{ startS: 90, endS: 100, speaker: 'agent', text: '请您稍后留意短信。' }]);
  });

  it("does not count the customer's 再见 for the agent", () => {
    const f = checkTranscript([agent(0, 2, '您好，星河客服中心。'), agent(3, 5, '好的。'), customer(5, 6, '再见。')], rules);
    expect(finding(f, 'farewell').passed).toBe(false);
  });

  it('sorts segments by time first', () => {
    const f = checkTranscript([agent(20, 22, '再见。'), agent(5, 6, '嗯。'), agent(15, 17, '您好，星河客服中心。')], rules);
    expect(finding(f, 'greeting').passed).toBe(true);
    expect(finding(f, 'farewell').evidence.map((e) => e.startS)).toEqual([20]);
  });
});

describe('checkTranscript misses', () => {
  it('flags every agent segment with a forbidden phrase, with its time and text', () => {
    const f = checkTranscript(
      [
        agent(0, 2, '您好，星河客服中心。'),
        customer(3, 10, '我要退款！'),
        agent(20, 23, '这个不归我管。'),
        agent(50, 52, '我不知道，不行。'),
      ],
      rules,
    );
    expect(finding(f, 'forbidden_phrase')).toEqual({
      ruleId: 'forbidden_phrase',
      passed: false,
      evidence: [
        { startS: 20, endS: 23, speaker: 'agent', text: '这个不归我管。' },
        { startS: 50, endS: 52, speaker: 'agent', text: '我不知道，不行。' },
      ],
      matches: ['不行', '不知道', '不归我管'],
    });
  });

  it('fails a greeting without the company name, and passes it when no name is set', () => {
    const segments = [agent(0, 2, '您好，请讲。')];
    expect(finding(checkTranscript(segments, rules), 'greeting')).toMatchObject({ passed: false, matches: ['您好'] });
    expect(finding(checkTranscript(segments, defaultTranscriptRules()), 'greeting').passed).toBe(true);
  });

  it('accepts the company name in another segment of the greeting window', () => {
    const f = checkTranscript([agent(0, 1, '您好！'), agent(1.5, 3, '这里是星河客服中心。')], rules);
    expect(finding(f, 'greeting')).toMatchObject({ passed: true, evidence: [{ startS: 0 }, { startS: 1.5 }] });
  });

  it('fails every check that needs agent speech when the agent said nothing', () => {
    const f = checkTranscript([customer(0, 5, '喂？有人吗？')], rules);
    expect(f.map((x) => [x.ruleId, x.passed, x.count ?? null])).toEqual([
      ['greeting', false, null],
      ['identity_question', false, null],
      ['forbidden_phrase', true, null],
      ['farewell', false, null],
      ['please_count', false, 0],
      ['honorific_count', false, 0],
    ]);
  });

  it('checks for an apology only on a complaint', () => {
    const segments = [agent(0, 2, '您好，星河客服中心。'), agent(5, 8, '非常抱歉给您带来不便。')];
    expect(checkTranscript(segments, rules).some((x) => x.ruleId === 'apology')).toBe(false);
    expect(finding(checkTranscript(segments, rules, { complaint: true }), 'apology')).toMatchObject({ passed: true, matches: ['抱歉'] });
    expect(finding(checkTranscript([agent(0, 2, '您好')], rules, { complaint: true }), 'apology').passed).toBe(false);
  });
});

describe('checkTranscript in English', () => {
  it('matches whole words whatever the case and apostrophe', () => {
    const f = checkTranscript(
      [
        agent(0, 4, 'HELLO, thank you for calling Star River. May I have your name, please?'),
        customer(4, 6, 'Li Wei.'),
        agent(7, 9, 'I don’t know when it ships.'),
        agent(20, 22, 'Thanks, goodbye.'),
      ],
      rules,
    );
    expect(finding(f, 'greeting')).toMatchObject({ passed: true, matches: ['hello', 'thank you for calling', 'Star River'] });
    expect(finding(f, 'identity_question').passed).toBe(true);
    expect(finding(f, 'forbidden_phrase')).toMatchObject({ passed: false, matches: ["i don't know"] });
    // "goodbye" is one farewell: "bye" inside it is no word of its own.
    expect(finding(f, 'farewell')).toMatchObject({ passed: true, matches: ['goodbye'] });
    expect(finding(f, 'please_count').count).toBe(1);
  });

  it('does not take "pleased" for "please" nor "I don\'t knowingly" for "I don\'t know"', () => {
    const f = checkTranscript([agent(0, 2, "Pleased to help. I don't knowingly share your data.")], rules);
    expect(finding(f, 'please_count').count).toBe(0);
    expect(finding(f, 'forbidden_phrase').passed).toBe(true);
  });
});

describe('transcript rules', () => {
  it('are configurable: another forbidden phrase, a wider window', () => {
    const custom = defaultTranscriptRules(['星河']);
    custom.phrases.forbidden['zh-CN'].push('没办法');
    custom.windows.greetingS = 20;
    const f = checkTranscript([agent(0, 1, '喂？'), agent(18, 20, '您好，星河。没办法。')], custom);
    expect(finding(f, 'greeting').passed).toBe(true);
    expect(finding(f, 'forbidden_phrase')).toMatchObject({ passed: false, matches: ['没办法'] });
  });

  it('default to 10 s and 15 s windows and the phrases of the service documents', () => {
    const d = defaultTranscriptRules();
    expect(d.windows).toEqual({ greetingS: 10, closingS: 15 });
    expect(d.companyNames).toEqual([]);
    expect(d.phrases.forbidden['zh-CN']).toEqual(expect.arrayContaining(['不行', '不知道', '不可以', '不归我管']));
    expect(d.phrases.farewell['zh-CN']).toEqual(['再见']);
  });

  it('refuse bad segments and rules, naming each field', () => {
    const bad = [agent(0, 1, 'ok'), { speaker: 'bot', startS: 5, endS: 4, text: 3 }] as unknown as TranscriptSegment[];
    const broken = defaultTranscriptRules();
    broken.windows.greetingS = 0;
    broken.phrases.farewell.en = [''];
    expect(problemsOf(() => checkTranscript(bad, broken))).toEqual([
      { path: 'segments[1].speaker', message: 'must be "agent" or "customer"' },
      { path: 'segments[1].endS', message: 'must not be before startS' },
      { path: 'segments[1].text', message: 'must be a text' },
      { path: 'rules.phrases.farewell.en', message: 'must be a list of non-empty phrases' },
      { path: 'rules.windows.greetingS', message: 'must be a number of seconds above 0' },
    ]);
  });
});
