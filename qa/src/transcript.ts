import { QaInputError, isFiniteNumber, isRecord, type Problem } from './problems.js';

export type Speaker = 'agent' | 'customer';

/** One stretch of speech (`call.transcript`), times in seconds from the start of the recording. */
export interface TranscriptSegment {
  speaker: Speaker;
  startS: number;
  endS: number;
  text: string;
}

export const TRANSCRIPT_LOCALES = ['zh-CN', 'en'] as const;
export type TranscriptLocale = (typeof TRANSCRIPT_LOCALES)[number];
/** Phrases per language; a transcript is searched for those of every language. */
export type PhraseLists = Record<TranscriptLocale, string[]>;

export const PHRASE_KINDS = ['greeting', 'identity', 'forbidden', 'farewell', 'please', 'honorific', 'apology'] as const;
export type PhraseKind = (typeof PHRASE_KINDS)[number];

export interface TranscriptRules {
  /** The center's name(s) (a setting): the greeting must hold one. Empty: the greeting phrase alone passes. */
  companyNames: string[];
  phrases: Record<PhraseKind, PhraseLists>;
  windows: {
    /** The greeting must start within this many seconds of the agent's first words. */
    greetingS: number;
    /** The farewell must be said within the agent's last this-many seconds. */
    closingS: number;
  };
  /** The fewest uses of 请 / 您 for their count to pass. */
  minCounts: { please: number; honorific: number };
}

export type TranscriptRuleId =
  'greeting' | 'identity_question' | 'forbidden_phrase' | 'farewell' | 'please_count' | 'honorific_count' | 'apology';

export interface TranscriptEvidence {
  startS: number;
  endS: number;
  speaker: Speaker;
  text: string;
}

/** A suggestion for the reviewer, who confirms or overrules it. */
export interface TranscriptFinding {
  ruleId: TranscriptRuleId;
  passed: boolean;
  /** The segments that show it: the hits, or when a required phrase is missing, what the agent said in the window instead. */
  evidence: TranscriptEvidence[];
  /** The phrases found (forbidden phrases, greeting and company name …). */
  matches: string[];
  /** For the 请 / 您 counts: how many times they were said. */
  count?: number;
}

export interface TranscriptContext {
  /** A complaint call: an apology is expected (000 §4.1.3), and `apology` is checked. */
  complaint?: boolean;
}

/**
 * The default auto-check rules from the service documents: greet with 您好 and
 * the company name (000 §2), ask who is calling, 请 / 您 / 再见 (002 三要), never
 * 不行 / 不知道 / 不可以 (001) nor shirk (不归我管, 002 三不), apologise on a complaint.
 */
export function defaultTranscriptRules(companyNames: string[] = []): TranscriptRules {
  return {
    companyNames: [...companyNames],
    phrases: {
      greeting: {
        'zh-CN': ['您好', '你好'],
        en: ['hello', 'good morning', 'good afternoon', 'good evening', 'thank you for calling', 'thanks for calling'],
      },
      identity: {
        'zh-CN': ['请问您是', '请问您哪位', '怎么称呼', '贵姓', '您的姓名'],
        en: ['your name', 'who am i speaking', 'who is calling', "who's calling", 'may i ask who'],
      },
      forbidden: {
        'zh-CN': ['不行', '不知道', '不可以', '不归我管', '不关我的事'],
        en: ["i don't know", 'i do not know', 'no way', 'not my job', 'not my problem', 'not my department'],
      },
      farewell: { 'zh-CN': ['再见'], en: ['goodbye', 'bye'] },
      please: { 'zh-CN': ['请'], en: ['please'] },
      honorific: { 'zh-CN': ['您'], en: [] },
      apology: { 'zh-CN': ['抱歉', '对不起', '不好意思', '道歉'], en: ['sorry', 'apologise', 'apologize', 'apologies'] },
    },
    windows: { greetingS: 10, closingS: 15 },
    minCounts: { please: 1, honorific: 1 },
  };
}

/**
 * Checks a transcript against the rules (SPEC §5 auto-checks); only the
 * agent's speech is searched. Windows are inclusive and measured on the
 * agent's own speech: the greeting in segments starting at most `greetingS`
 * after the agent's first segment starts, the farewell in segments ending at
 * least at the agent's last end − `closingS`. Latin phrases match whole words,
 * case-insensitively. Throws `QaInputError` naming each bad segment or rule.
 */
export function checkTranscript(
  segments: readonly TranscriptSegment[],
  rules: TranscriptRules,
  context: TranscriptContext = {},
): TranscriptFinding[] {
  const problems = [...checkSegments(segments), ...checkRules(rules)];
  if (problems.length > 0) throw new QaInputError(problems);

  const agent = segments
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.speaker === 'agent')
    .sort((a, b) => a.s.startS - b.s.startS || a.i - b.i)
    .map(({ s }) => s);
  const list = (kind: PhraseKind) => TRANSCRIPT_LOCALES.flatMap((l) => rules.phrases[kind][l]);
  const findings: TranscriptFinding[] = [];

  const first = agent[0]?.startS ?? 0;
  const opening = agent.filter((s) => s.startS <= first + rules.windows.greetingS);
  const greeted = hits(opening, list('greeting'));
  const named = rules.companyNames.length === 0 ? null : hits(opening, rules.companyNames);
  const greetingPassed = greeted.segments.length > 0 && (named === null || named.segments.length > 0);
  findings.push({
    ruleId: 'greeting',
    passed: greetingPassed,
    evidence: greetingPassed
      ? evidence(opening.filter((s) => greeted.segments.includes(s) || named?.segments.includes(s)))
      : evidence(opening),
    matches: [...greeted.matches, ...(named?.matches ?? [])],
  });

  const identity = hits(agent, list('identity'));
  findings.push({
    ruleId: 'identity_question',
    passed: identity.segments.length > 0,
    evidence: evidence(identity.segments),
    matches: identity.matches,
  });

  const forbidden = hits(agent, list('forbidden'));
  findings.push({
    ruleId: 'forbidden_phrase',
    passed: forbidden.segments.length === 0,
    evidence: evidence(forbidden.segments),
    matches: forbidden.matches,
  });

  const last = Math.max(0, ...agent.map((s) => s.endS));
  const closing = agent.filter((s) => s.endS >= last - rules.windows.closingS);
  const farewell = hits(closing, list('farewell'));
  findings.push({
    ruleId: 'farewell',
    passed: farewell.segments.length > 0,
    evidence: evidence(farewell.segments.length > 0 ? farewell.segments : closing),
    matches: farewell.matches,
  });

  for (const [ruleId, kind] of [
    ['please_count', 'please'],
    ['honorific_count', 'honorific'],
  ] as const) {
    const found = hits(agent, list(kind));
    findings.push({
      ruleId,
      passed: found.count >= rules.minCounts[kind],
      evidence: evidence(found.segments),
      matches: found.matches,
      count: found.count,
    });
  }

  if (context.complaint === true) {
    const apology = hits(agent, list('apology'));
    findings.push({
      ruleId: 'apology',
      passed: apology.segments.length > 0,
      evidence: evidence(apology.segments),
      matches: apology.matches,
    });
  }
  return findings;
}

interface Hits {
  segments: TranscriptSegment[];
  /** Distinct phrases found, in list order. */
  matches: string[];
  /** Every occurrence of every phrase. */
  count: number;
}

function hits(segments: TranscriptSegment[], phrases: string[]): Hits {
  const matchers = phrases.map((p) => ({ phrase: p, re: phraseRegExp(p) }));
  const found = new Set<string>();
  const out: TranscriptSegment[] = [];
  let count = 0;
  for (const s of segments) {
    const text = s.text.replace(/[\u2018\u2019]/g, "'");
    let inSegment = 0;
    for (const { phrase, re } of matchers) {
      const n = text.match(re)?.length ?? 0;
      if (n > 0) found.add(phrase);
      inSegment += n;
    }
    if (inSegment > 0) out.push(s);
    count += inSegment;
  }
  return { segments: out, matches: phrases.filter((p) => found.has(p)), count };
}

/** Chinese phrases match anywhere; a phrase that begins or ends with a Latin letter or digit matches only whole words there. */
function phraseRegExp(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const before = /^[a-z0-9]/i.test(phrase) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[a-z0-9]$/i.test(phrase) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'giu');
}

const evidence = (segments: TranscriptSegment[]): TranscriptEvidence[] =>
  segments.map(({ startS, endS, speaker, text }) => ({ startS, endS, speaker, text }));

function checkSegments(segments: unknown): Problem[] {
  if (!Array.isArray(segments)) return [{ path: 'segments', message: 'must be a list' }];
  const problems: Problem[] = [];
  segments.forEach((s: unknown, i) => {
    const at = `segments[${i}]`;
    if (!isRecord(s)) {
      problems.push({ path: at, message: 'must be an object' });
      return;
    }
    if (s.speaker !== 'agent' && s.speaker !== 'customer')
      problems.push({ path: `${at}.speaker`, message: 'must be "agent" or "customer"' });
    if (!isFiniteNumber(s.startS) || s.startS < 0) problems.push({ path: `${at}.startS`, message: 'must be a number of seconds from 0' });
    if (!isFiniteNumber(s.endS) || s.endS < 0) problems.push({ path: `${at}.endS`, message: 'must be a number of seconds from 0' });
    else if (isFiniteNumber(s.startS) && s.endS < s.startS) problems.push({ path: `${at}.endS`, message: 'must not be before startS' });
    if (typeof s.text !== 'string') problems.push({ path: `${at}.text`, message: 'must be a text' });
  });
  return problems;
}

function checkRules(rules: unknown): Problem[] {
  if (!isRecord(rules)) return [{ path: 'rules', message: 'must be an object' }];
  const problems: Problem[] = [];
  const phraseList = (v: unknown, path: string) => {
    if (!Array.isArray(v) || v.some((p) => typeof p !== 'string' || p.trim() === ''))
      problems.push({ path, message: 'must be a list of non-empty phrases' });
  };
  phraseList(rules.companyNames, 'rules.companyNames');
  const phrases = isRecord(rules.phrases) ? rules.phrases : {};
  if (!isRecord(rules.phrases)) problems.push({ path: 'rules.phrases', message: `must hold ${PHRASE_KINDS.join(', ')}` });
  else {
    for (const kind of PHRASE_KINDS) {
      const lists = phrases[kind];
      if (!isRecord(lists))
        problems.push({ path: `rules.phrases.${kind}`, message: `must hold a list for each of ${TRANSCRIPT_LOCALES.join(', ')}` });
      else for (const l of TRANSCRIPT_LOCALES) phraseList(lists[l], `rules.phrases.${kind}.${l}`);
    }
  }
  const windows = isRecord(rules.windows) ? rules.windows : {};
  for (const w of ['greetingS', 'closingS']) {
    if (!isFiniteNumber(windows[w]) || (windows[w] as number) <= 0)
      problems.push({ path: `rules.windows.${w}`, message: 'must be a number of seconds above 0' });
  }
  const minCounts = isRecord(rules.minCounts) ? rules.minCounts : {};
  for (const c of ['please', 'honorific']) {
    if (!Number.isInteger(minCounts[c]) || (minCounts[c] as number) < 0)
      problems.push({ path: `rules.minCounts.${c}`, message: 'must be a whole number from 0' });
  }
  return problems;
}
