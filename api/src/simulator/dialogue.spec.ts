import { describe, expect, it } from 'vitest';
import {
  APOLOGY,
  ARGUING_LINES,
  DEFAULT_COMPANY,
  FORBIDDEN_PHRASES,
  IDENTITY_QUESTIONS,
  REPLY_COMMITMENT,
  type TranscriptSegment,
  jobNumber,
  simulatedTranscript,
  transcriptFlaw,
} from './dialogue.js';

const TYPES = ['billing', 'tech_support', 'sales', 'complaint'] as const;
const agentText = (segments: readonly TranscriptSegment[]) => segments.filter((s) => s.speaker === 'agent').map((s) => s.text);

/** 400 calls: talk times from 20 s to 20 min, every call type, a transfer on every fifth. */
const calls = Array.from({ length: 400 }, (_, i) => {
  const talkS = 20 + ((i * 37) % 1180) + (i % 7) * 0.125;
  const transferred = i % 5 === 0;
  const input = {
    seed: 11,
    callId: `call-${i}`,
    talkS,
    callType: TYPES[i % TYPES.length]!,
    agents: transferred && i % 10 === 0 ? ['agent-003', 'agent-017'] : ['agent-003'],
    transferredTo: transferred ? 'billing' : undefined,
  };
  return { input, segments: simulatedTranscript(input), flaw: transcriptFlaw(11, input.callId) };
});

describe('simulatedTranscript', () => {
  it('lays segments out in order, without overlap, inside the talk time', () => {
    for (const { input, segments } of calls) {
      expect(segments.length).toBeGreaterThan(3);
      expect(segments[0]!.startS).toBeGreaterThanOrEqual(0);
      expect(segments.at(-1)!.endS).toBeLessThanOrEqual(input.talkS);
      for (const [i, s] of segments.entries()) {
        expect(s.endS, `${input.callId} #${i}`).toBeGreaterThan(s.startS);
        if (i > 0) expect(s.startS, `${input.callId} #${i}`).toBeGreaterThanOrEqual(segments[i - 1]!.endS);
      }
    }
  });

  it('fills a long call rather than leaving it silent, and keeps within the line cap', () => {
    const long = calls.filter((c) => c.input.talkS > 600);
    for (const { input, segments } of long) {
      const spoken = segments.reduce((s, x) => s + x.endS - x.startS, 0);
      expect(spoken / input.talkS, input.callId).toBeGreaterThan(0.3);
      expect(segments.length).toBeLessThanOrEqual(120);
    }
  });

  it('follows the etiquette on a call without a flaw: greeting in the first 10 s, identity, 请/您, 再见 in the last 15 s', () => {
    const clean = calls.filter((c) => c.flaw === null);
    expect(clean.length).toBeGreaterThan(250);
    for (const { input, segments } of clean) {
      const first = segments[0]!;
      expect(first.speaker).toBe('agent');
      expect(first.text).toBe(`您好，${DEFAULT_COMPANY}，工号 1003，很高兴为您服务。`);
      expect(first.endS).toBeLessThanOrEqual(10);
      const agent = agentText(segments);
      expect(agent.some((t) => (IDENTITY_QUESTIONS as readonly string[]).includes(t))).toBe(true);
      expect(agent.join('').includes('请')).toBe(true);
      expect(agent.join('').split('您').length - 1).toBeGreaterThanOrEqual(3);
      const lastAgent = segments.filter((s) => s.speaker === 'agent').at(-1)!;
      expect(lastAgent.text).toContain('再见');
      expect(lastAgent.startS).toBeGreaterThanOrEqual(input.talkS - 15);
      for (const p of FORBIDDEN_PHRASES) expect(agent.join('\n')).not.toContain(p);
    }
  });

  it('apologises on every complaint and commits to a reply time on some calls', () => {
    const complaints = calls.filter((c) => c.input.callType === 'complaint');
    for (const { segments } of complaints) expect(agentText(segments).join('')).toContain(APOLOGY);
    const committed = calls.filter((c) => agentText(c.segments).join('').includes(REPLY_COMMITMENT)).length;
    expect(committed).toBeGreaterThan(40);
    expect(committed).toBeLessThan(250);
  });

  it('has the flaw transcriptFlaw names, and only that one', () => {
    const seen = new Set<string>();
    for (const { segments, flaw } of calls) {
      seen.add(String(flaw));
      const agent = agentText(segments).join('\n');
      expect(segments[0]!.text.includes(DEFAULT_COMPANY) && segments[0]!.text.startsWith('您好')).toBe(flaw !== 'no_greeting');
      if (flaw === 'no_greeting') {
        // Nothing the agent says in the first 10 s names the company.
        expect(segments.filter((s) => s.speaker === 'agent' && s.startS < 10).some((s) => s.text.includes(DEFAULT_COMPANY))).toBe(false);
      }
      expect(FORBIDDEN_PHRASES.filter((p) => agent.includes(p)).length).toBe(flaw === 'forbidden_phrase' ? 1 : 0);
      expect(ARGUING_LINES.some((l) => agent.includes(l))).toBe(flaw === 'arguing');
      expect(agent.includes('再见')).toBe(flaw !== 'no_goodbye');
    }
    expect([...seen].sort()).toEqual(['arguing', 'forbidden_phrase', 'no_goodbye', 'no_greeting', 'null']);
  });

  it('hands a transferred call over with a second greeting, or ends on the transfer when nobody picked up', () => {
    const answered = calls.find((c) => c.input.agents.length === 2 && c.flaw === null)!;
    const agent = agentText(answered.segments);
    expect(agent.filter((t) => t.startsWith('您好，'))).toEqual([
      `您好，${DEFAULT_COMPANY}，工号 1003，很高兴为您服务。`,
      `您好，${DEFAULT_COMPANY}，工号 1017，很高兴为您服务。`,
    ]);
    expect(agent.some((t) => t.includes('billing组的同事为您处理'))).toBe(true);
    const unanswered = calls.find((c) => c.input.transferredTo !== undefined && c.input.agents.length === 1 && c.flaw === null)!;
    expect(unanswered.segments.at(-1)!.text).toBe('这个问题需要billing组的同事为您处理，我现在为您转接，请您稍等，再见。');
  });

  it('is a pure function of its input, and different calls get different words', () => {
    const { input, segments } = calls[3]!;
    expect(simulatedTranscript({ ...input })).toEqual(segments);
    expect(transcriptFlaw(11, input.callId)).toBe(calls[3]!.flaw);
    const texts = new Set(calls.map((c) => c.segments.map((s) => s.text).join('|')));
    expect(texts.size).toBeGreaterThan(350);
  });

  it('squeezes a very short call, keeping the greeting and the goodbye', () => {
    const segments = simulatedTranscript({ seed: 1, callId: 'short', talkS: 6, callType: 'sales', agents: ['agent-1'] });
    expect(segments.at(-1)!.endS).toBeLessThanOrEqual(6);
    const flaw = transcriptFlaw(1, 'short');
    if (flaw !== 'no_greeting') expect(segments[0]!.text).toContain(DEFAULT_COMPANY);
    expect(simulatedTranscript({ seed: 1, callId: 'none', talkS: 0, callType: 'sales', agents: ['agent-1'] })).toEqual([]);
  });

  it('derives four-digit job numbers from agent ids', () => {
    expect(jobNumber('agent-003')).toBe('1003');
    expect(jobNumber('agent-24')).toBe('1024');
    expect(jobNumber('a-9001')).toBe('1001');
    expect(jobNumber('lin')).toMatch(/^\d{4}$/);
  });
});
