/**
 * What is said on a simulated call: a zh-CN dialogue that follows the
 * etiquette of the seeds on most calls and breaks one rule on a known share of
 * them, so transcript auto-checks and QA reviewers have something to find.
 *
 * The etiquette (000 §2, 001, 002 三要 / 三不): the agent opens with 您好, the
 * company's name and their job number; asks how to address the caller; says
 * 请 and 您; commits to a reply time when the answer is not at hand; apologises
 * on complaints; never says 不行 / 不知道 / 不可以 / 不归我管, never argues or
 * blames; and closes with 再见.
 *
 * A pure function of (seed, callId, talk time, call type, agents): the same
 * call always gets the same words, drawn from a random stream of its own so
 * that the rest of the simulation is not reshuffled by it.
 */
import type { EventOf } from '../events/event.schema.js';
import { mixSeed, Rng } from './random.js';

export type TranscriptSegment = EventOf<'call.transcript'>['payload']['segments'][number];

/** The company agents name in their greeting when none is configured. */
export const DEFAULT_COMPANY = 'Callboard 客服中心';

/**
 * The rule a call breaks, one at most:
 * - `no_greeting`: the agent opens without 您好 and the company's name;
 * - `forbidden_phrase`: the agent says one of `FORBIDDEN_PHRASES`;
 * - `no_goodbye`: the agent hangs up without 再见;
 * - `arguing`: the agent argues with or blames the caller (one of `ARGUING_LINES`).
 */
export const TRANSCRIPT_FLAWS = ['no_greeting', 'forbidden_phrase', 'no_goodbye', 'arguing'] as const;
export type TranscriptFlaw = (typeof TRANSCRIPT_FLAWS)[number];

/** Share of calls with each flaw: one call in twenty per flaw, one in five breaks a rule. */
export const FLAW_SHARE = 0.05;

/** Phrases an agent must never say (001; the seeds' 三不). */
export const FORBIDDEN_PHRASES = ['不行', '不知道', '不可以', '不归我管'] as const;

/** What an agent says when the call is `forbidden_phrase`: each holds exactly one forbidden phrase. */
const FORBIDDEN_LINES = ['这个我不知道，您问别人吧。', '这个事情不归我管。', '您说的这个不行。', '这样操作不可以。'] as const;

/** What an agent says when the call is `arguing`: arguing with or blaming the caller, without a forbidden phrase. */
export const ARGUING_LINES = [
  '我已经跟您说过好几遍了，是您自己没听清楚。',
  '这是您自己操作错了，跟我们没有关系。',
  '您这么说就没道理了，规定就是这样的。',
] as const;

/** The two ways of asking who is calling (000 §2 确认身份, 002 问声). */
export const IDENTITY_QUESTIONS = ['请问您贵姓？', '请问怎么称呼您？'] as const;

/** The reply-time commitment when the answer is not at hand (000 §4.3). */
export const REPLY_COMMITMENT = '我们会在两个工作日内给您回复';

/** Apology on a complaint (001 complaint handling). */
export const APOLOGY = '非常抱歉给您带来了不便';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭'];

interface Topic {
  /** The caller's question. */
  ask: string;
  /** Details the caller adds when asked. */
  details: readonly string[];
  /** What the agent answers, when the answer is at hand. */
  answers: readonly string[];
}

/** What callers ask about, by call type (the simulator's types); several topics per type. */
const TOPICS: Readonly<Record<string, readonly Topic[]>> = {
  billing: [
    {
      ask: '我想问一下这个月的账单，怎么比上个月多了五十块？',
      details: ['我的套餐一直没变过。', '上个月是一百二十八，这个月是一百七十八。'],
      answers: ['我帮您查到了，本月多出的是国际漫游费用。', '这笔费用是您月中开通的流量包，共五十元。'],
    },
    {
      ask: '我需要开一张电子发票，请问在哪里申请？',
      details: ['是上个季度的费用。', '发票抬头写公司名称。'],
      answers: ['您可以在网上营业厅的发票管理里申请，我也可以现在帮您提交。', '已经为您提交，发票会发送到您预留的邮箱。'],
    },
    {
      ask: '我想把缴费方式改成自动扣款。',
      details: ['用尾号是三二一的那张银行卡。', '每个月月初扣就行。'],
      answers: ['好的，已经为您登记自动扣款，下个月开始生效。', '请您留意银行发来的签约短信。'],
    },
  ],
  tech_support: [
    {
      ask: '我的账户登录不上去了，一直提示密码错误。',
      details: ['我昨天刚改过密码。', '手机和电脑上都试过了。'],
      answers: ['我已经为您重置了密码，请您用短信里的临时密码登录。', '请您先清除一下浏览器缓存再试一次。'],
    },
    {
      ask: '家里的设备连不上网，指示灯一直在闪。',
      details: ['是红灯在闪。', '重启过两次了，还是一样。'],
      answers: ['请您把设备背面的网线重新插紧，再等两分钟。', '我这边看到线路正常，请您按一下复位键。'],
    },
    {
      ask: '软件更新以后，有些功能用不了了。',
      details: ['打开以后就闪退。', '版本号是三点二。'],
      answers: ['这是新版本的一个已知问题，请您先卸载后重新安装。', '我已经为您提交了工单，技术同事会跟进。'],
    },
  ],
  sales: [
    {
      ask: '我想了解一下你们现在有什么套餐。',
      details: ['我每个月流量用得比较多。', '最好每个月一百元以内。'],
      answers: ['推荐您九十八元的畅享套餐，含四十个G流量。', '这个套餐现在办理还送三个月的视频会员。'],
    },
    {
      ask: '我的合同快到期了，续约有什么优惠吗？',
      details: ['已经用了两年了。', '下个月十五号到期。'],
      answers: ['老用户续约可以享受八五折的优惠。', '续约两年的话，每个月还能多送十个G流量。'],
    },
  ],
  complaint: [
    {
      ask: '我要投诉，上周报修到现在还没有人上门。',
      details: ['我已经打了三次电话了。', '家里一直没法用，很影响生活。'],
      answers: ['我已经为您加急处理，维修师傅会在明天上午联系您。', '这个情况我已经登记，并升级给了主管。'],
    },
    {
      ask: '你们重复扣了我的费用，我要一个说法。',
      details: ['同一笔费用扣了两次。', '是上个月二十号扣的。'],
      answers: ['我核实了，确实是重复扣款，已经为您申请退款。', '退款会在三到五个工作日内退回原账户。'],
    },
    {
      ask: '上次来电话的时候，你们的工作人员态度很差。',
      details: ['说话很不耐烦。', '问题也没有解决。'],
      answers: ['您反映的情况我已经详细记录，会转给相关部门处理。', '感谢您的反馈，我们会加强服务培训。'],
    },
  ],
};

/** Which flaw the call's dialogue has, if any: the first draw of the call's own stream. */
export function transcriptFlaw(seed: number, callId: string): TranscriptFlaw | null {
  return flawOf(new Rng(dialogueSeed(seed, callId)));
}

const dialogueSeed = (seed: number, callId: string): number => mixSeed('dialogue', seed, callId);

function flawOf(rng: Rng): TranscriptFlaw | null {
  const x = rng.uniform();
  const i = Math.floor(x / FLAW_SHARE);
  return TRANSCRIPT_FLAWS[i] ?? null;
}

/** The four-digit job number (工号) an agent gives in the greeting. */
export function jobNumber(agentId: string): string {
  const digits = /(\d+)$/.exec(agentId)?.[1];
  const n = digits === undefined ? mixSeed('job', agentId) : Number(digits);
  return String(1000 + (n % 9000));
}

/** The greeting of the etiquette: 您好, the company, the job number. */
export const greeting = (company: string, agentId: string): string => `您好，${company}，工号 ${jobNumber(agentId)}，很高兴为您服务。`;

export interface DialogueInput {
  seed: number;
  callId: string;
  /** Talk time of the whole call (every leg, hold excluded): what the recording holds. */
  talkS: number;
  /** The simulator's call type (billing, tech_support, sales, complaint); others talk about billing. */
  callType: string;
  /** The agents who answered, in order; a second one means the call was transferred to them. */
  agents: readonly string[];
  /** The queue the call was transferred to, when it was. */
  transferredTo?: string;
  company?: string;
}

interface Line {
  speaker: 'agent' | 'customer';
  text: string;
  /** The agent goes off to look something up: the silence after this line is the longest. */
  pause?: boolean;
}

/** Seconds spoken: about four characters a second plus a breath. */
const spokenS = (text: string): number => 0.6 + 0.25 * text.length;

/** Most lines on one call; long calls stretch their pauses rather than talk forever. */
const MAX_LINES = 120;
/** Seconds of silence before the first line and after the last. */
const EDGE_S = 0.4;
/** A gap between two lines that follow each other directly. */
const GAP_S = 0.3;

/**
 * The segments of the call's transcript, ordered, not overlapping, inside
 * [0, talkS]. The greeting comes first; the call ends with the agent's
 * goodbye (or, on a transfer nobody picked up, with the transfer line).
 */
export function simulatedTranscript(input: DialogueInput): TranscriptSegment[] {
  if (!(input.talkS > 0)) return [];
  const rng = new Rng(dialogueSeed(input.seed, input.callId));
  const flaw = flawOf(rng);
  return timeLines(script(input, rng, flaw), input.talkS);
}

/** A dialogue in three parts: the opening and the closing always happen, the middle as far as the talk time goes. */
interface Script {
  opening: Line[];
  /** Exchanges in the order they happen; `must` ones stay however short the call. */
  middle: { lines: Line[]; must: boolean }[];
  closing: Line[];
}

function script(input: DialogueInput, r: Rng, flaw: TranscriptFlaw | null): Script {
  const company = input.company ?? DEFAULT_COMPANY;
  const first = input.agents[0] ?? 'agent-0';
  const second = input.agents[1];
  const topics = TOPICS[input.callType] ?? TOPICS.billing!;
  const topic = r.pick(topics);
  const surname = r.pick(SURNAMES);
  const title = r.chance(0.5) ? '先生' : '女士';
  const complaint = input.callType === 'complaint';
  const agent = (text: string, pause = false): Line => ({ speaker: 'agent', text, pause });
  const customer = (text: string): Line => ({ speaker: 'customer', text });

  const opening: Line[] = [
    agent(flaw === 'no_greeting' ? '喂，什么事？' : greeting(company, first)),
    customer(topic.ask),
    agent(r.pick(IDENTITY_QUESTIONS)),
    customer(`我姓${surname}。`),
    agent(`${surname}${title}，请您详细说一下情况。`),
    customer(topic.details[0]!),
  ];
  if (complaint) opening.push(agent(`${APOLOGY}，请您放心，我们一定认真处理。`));

  // The middle: the agent looks things up, asks, answers; a second topic now and then.
  const middle: Line[][] = [
    [
      agent('好的，请您稍等，我帮您查询一下。', true),
      agent('感谢您的耐心等待。'),
      agent(r.pick(topic.answers)),
      customer('好的，明白了。'),
    ],
  ];
  for (const detail of topic.details.slice(1)) {
    middle.push([customer(`还有，${detail}`), agent('好的，我记下了，请您稍等。', true), agent(r.pick(topic.answers))]);
  }
  if (r.chance(0.4)) {
    const others = topics.filter((t) => t !== topic);
    const other = others.length > 0 ? r.pick(others) : topic;
    middle.push([
      customer(`另外我还想问一下，${other.ask}`),
      agent('好的，请您稍等，我帮您看一下。', true),
      agent(r.pick(other.answers)),
      customer('好的，谢谢您。'),
    ]);
  }
  // Some answers are not at hand: the agent commits to a reply time (000 §4.3) instead of guessing.
  if (r.chance(input.callType === 'tech_support' || complaint ? 0.4 : 0.2)) {
    middle.push([
      customer('那具体什么时候能处理好？'),
      agent(`这个需要相关部门进一步核实，${REPLY_COMMITMENT}，请您保持电话畅通。`),
      customer('好的，那我等你们的电话。'),
    ]);
  }
  const parts = middle.map((lines) => ({ lines, must: false }));
  // The flaw that is not about the opening or the closing happens somewhere in the middle, however short the call.
  const badAt = r.int(0, parts.length);
  if (flaw === 'forbidden_phrase') parts.splice(badAt, 0, { lines: [agent(r.pick(FORBIDDEN_LINES))], must: true });
  if (flaw === 'arguing') {
    parts.splice(badAt, 0, { lines: [customer('你们上次也是这么说的，到现在也没解决。'), agent(r.pick(ARGUING_LINES))], must: true });
  }
  // Long calls hold more back-and-forth.
  const fillers: Line[][] = [
    [customer('能不能再帮我确认一下？'), agent('可以的，请您稍等，我再为您核对一遍。', true), agent('已经核对过了，信息是正确的。')],
    [agent('请您核对一下，预留的联系电话还在使用吗？'), customer('对，一直在用。')],
    [customer('那我需要准备什么材料吗？'), agent('请您准备好身份证件，办理的时候出示就可以了。')],
  ];
  let count = opening.length + parts.reduce((s, p) => s + p.lines.length, 0);
  let spoken = [...opening, ...parts.flatMap((p) => p.lines)].reduce((s, l) => s + spokenS(l.text), 0);
  for (let i = 0; spoken < input.talkS * 0.6 && count + 10 <= MAX_LINES; i++) {
    const filler = fillers[i % fillers.length]!;
    parts.push({ lines: filler, must: false });
    count += filler.length;
    spoken += filler.reduce((s, l) => s + spokenS(l.text), 0);
  }

  const closing: Line[] = [];
  if (input.transferredTo !== undefined) {
    const goodbye = flaw === 'no_goodbye' ? '。' : '，再见。';
    closing.push(agent(`这个问题需要${input.transferredTo}组的同事为您处理，我现在为您转接，请您稍等${goodbye}`));
    if (second === undefined) return { opening, middle: parts, closing };
    closing.push(
      agent(greeting(company, second)),
      customer(`你好，我刚才说的是：${topic.ask}`),
      agent(`好的，${surname}${title}，我来为您处理，请您稍等。`, true),
      agent(r.pick(topic.answers)),
    );
  }
  closing.push(
    agent('请问还有其他可以帮您的吗？'),
    customer('没有了，谢谢。'),
    agent(flaw === 'no_goodbye' ? '好，就这样。' : '感谢您的来电，祝您生活愉快，再见！'),
  );
  return { opening, middle: parts, closing };
}

/** Spoken time of some lines with the short gaps between them. */
const naturalS = (lines: readonly Line[]): number => lines.reduce((s, l) => s + spokenS(l.text) + GAP_S, 0);

/**
 * Lays the dialogue out on the call's clock. Each line takes its spoken
 * length. A short call keeps the opening, the closing and what must be said,
 * then as much of the middle as fits; if even that does not fit, it is spoken
 * faster. The time left over becomes silence, mostly after the agent says 请您稍等.
 */
function timeLines(s: Script, talkS: number): TranscriptSegment[] {
  const usable = Math.max(0, talkS - 2 * EDGE_S);
  let used = naturalS(s.opening) + naturalS(s.closing) + s.middle.reduce((t, p) => t + (p.must ? naturalS(p.lines) : 0), 0) - GAP_S;
  const kept = s.middle.filter((p) => {
    if (p.must) return true;
    const more = naturalS(p.lines);
    if (used + more > usable) return false;
    used += more;
    return true;
  });
  const lines = [...s.opening, ...kept.flatMap((p) => p.lines), ...s.closing];
  const speech = lines.map((l) => spokenS(l.text));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const k = used > usable ? usable / used : 1;
  const weights: number[] = lines.map((l, i) => (i === lines.length - 1 ? 0 : l.pause ? 8 : 1));
  const totalWeight = weights.reduce((a, w) => a + w, 0) || 1;
  const spare = Math.max(0, usable - used);
  let t = EDGE_S;
  return lines.map((l, i) => {
    const startS = t;
    const endS = Math.min(startS + speech[i]! * k, talkS);
    t = endS + GAP_S * k + (spare * weights[i]!) / totalWeight;
    return { speaker: l.speaker, startS: round(startS), endS: round(endS), text: l.text };
  });
}
