/**
 * Recordings of simulated calls. The simulator gives every answered call a
 * recording at `SIMULATED_RECORDINGS_ORIGIN`, an address no network resolves;
 * Callboard plays those itself from audio generated on the fly: a WAV of the
 * call's length (8 kHz, 8-bit mono, 8 kB a second) in which two quiet voices
 * — the agent's lower tone, the caller's higher one — take turns: as the
 * call's transcript says, so the waveform lines up with its lines, or in a
 * fixed 8 s cycle for a call without one. Any byte range is computed
 * directly, so seeking costs nothing and nothing is stored.
 */
import { Readable } from 'node:stream';
import { SIMULATED_RECORDINGS_ORIGIN } from '../simulator/simulator.js';

export const DEMO_SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;
/** 8-bit PCM is unsigned: silence is 128. */
const SILENCE = 128;
/** Low enough to be a background murmur: ±20 of 127. */
const AMPLITUDE = 20;
/** The agent's voice is the lower tone, the caller's the higher. */
const AGENT_HZ = 220;
const CALLER_HZ = 330;
/** Turns: the agent speaks 4 s, a pause, the caller 3 s, a pause (seconds within an 8 s cycle). */
const TURNS = [
  { from: 0, to: 4, hz: AGENT_HZ },
  { from: 4.5, to: 7.5, hz: CALLER_HZ },
] as const;
const CYCLE_S = 8;
/** Most audio generated per chunk of the stream. */
const CHUNK_BYTES = 64 * 1024;

/** Whether a recording's address is one of the simulator's. */
export function isSimulatedRecording(url: URL): boolean {
  return url.origin === SIMULATED_RECORDINGS_ORIGIN;
}

/** Size in bytes of the WAV of a call of `durationS` seconds (the header included). */
export function demoWavSize(durationS: number): number {
  return HEADER_BYTES + demoSamples(durationS);
}

const demoSamples = (durationS: number): number => Math.max(0, Math.round(durationS * DEMO_SAMPLE_RATE));

/** The RIFF/WAVE header of an 8 kHz, 8-bit, mono PCM file of `samples` samples. */
function header(samples: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + samples, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // size of the fmt chunk
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(DEMO_SAMPLE_RATE, 24);
  h.writeUInt32LE(DEMO_SAMPLE_RATE, 28); // bytes per second: one byte a sample
  h.writeUInt16LE(1, 32); // block align
  h.writeUInt16LE(8, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(samples, 40);
  return h;
}

/** A voice from sample `from` to before sample `to`, and its tone. */
export interface DemoTurn {
  from: number;
  to: number;
  hz: number;
  /** Where its syllables start, in seconds. */
  startS: number;
}

/**
 * The turns a transcript's segments give, by start: the agent's segments in
 * the lower tone, everyone else's in the higher; empty or negative spans dropped.
 */
export function demoTurns(segments: readonly { speaker: string; startS: number; endS: number }[]): DemoTurn[] {
  return segments
    .map((s) => {
      const startS = Math.max(0, s.startS);
      return {
        from: Math.ceil(startS * DEMO_SAMPLE_RATE),
        to: Math.ceil(s.endS * DEMO_SAMPLE_RATE),
        hz: s.speaker === 'agent' ? AGENT_HZ : CALLER_HZ,
        startS,
      };
    })
    .filter((t) => Number.isFinite(t.from) && Number.isFinite(t.to) && t.to > t.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** One sample of a voice: its tone shaped into syllables (about four a second) from the turn's start. */
const voiced = (hz: number, startS: number, t: number): number =>
  Math.round(SILENCE + AMPLITUDE * Math.abs(Math.sin(2 * Math.PI * 2 * (t - startS))) * Math.sin(2 * Math.PI * hz * t));

/** Samples [first, first + out.length) of the turns into `out`: a voice within a turn, silence elsewhere. */
function turnSamples(turns: readonly DemoTurn[], first: number, out: Buffer): void {
  // The first turn that has not ended by `first`, by binary search; then walk on.
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.to <= first) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  for (let j = 0; j < out.length; j++) {
    const n = first + j;
    while (k < turns.length && turns[k]!.to <= n) k++;
    const turn = turns[k];
    out[j] = turn && n >= turn.from ? voiced(turn.hz, turn.startS, n / DEMO_SAMPLE_RATE) : SILENCE;
  }
}

/**
 * One 8 s cycle of audio, computed once: a tone during each turn, shaped into
 * syllables (about four a second), silence between turns. Both tones and the
 * syllables repeat exactly within the cycle, so the recording is the cycle
 * over and over.
 */
let cycle: Buffer | undefined;
function audioCycle(): Buffer {
  if (cycle) return cycle;
  const c = Buffer.alloc(CYCLE_S * DEMO_SAMPLE_RATE, SILENCE);
  for (const turn of TURNS) {
    for (let n = turn.from * DEMO_SAMPLE_RATE; n < turn.to * DEMO_SAMPLE_RATE; n++) {
      c[n] = voiced(turn.hz, turn.from, n / DEMO_SAMPLE_RATE);
    }
  }
  cycle = c;
  return c;
}

/**
 * Bytes [start, end] (inclusive) of the WAV of a call of `durationS` seconds:
 * voiced as `turns` say (from `demoTurns`), or the 8 s cycle without them.
 */
export function demoWavBytes(durationS: number, start: number, end: number, turns?: readonly DemoTurn[]): Buffer {
  const samples = demoSamples(durationS);
  const last = Math.min(end, HEADER_BYTES + samples - 1);
  if (start > last) return Buffer.alloc(0);
  const out = Buffer.alloc(last - start + 1);
  let i = 0;
  if (start < HEADER_BYTES) {
    const h = header(samples);
    i = h.copy(out, 0, start, Math.min(HEADER_BYTES, last + 1));
  }
  if (turns) {
    turnSamples(turns, start + i - HEADER_BYTES, out.subarray(i));
    return out;
  }
  const audio = audioCycle();
  while (i < out.length) {
    const at = (start + i - HEADER_BYTES) % audio.length;
    i += audio.copy(out, i, at, Math.min(audio.length, at + out.length - i));
  }
  return out;
}

/** Bytes [start, end] (inclusive) as a stream, generated a chunk at a time as the client reads. */
export function demoWavStream(durationS: number, start: number, end: number, turns?: readonly DemoTurn[]): Readable {
  let next = start;
  return new Readable({
    read() {
      if (next > end) {
        this.push(null);
        return;
      }
      const to = Math.min(end, next + CHUNK_BYTES - 1);
      this.push(demoWavBytes(durationS, next, to, turns));
      next = to + 1;
    },
  });
}
