/**
 * Recordings of simulated calls. The simulator gives every answered call a
 * recording at `SIMULATED_RECORDINGS_ORIGIN`, an address no network resolves;
 * Callboard plays those itself from audio generated on the fly: a WAV of the
 * call's length (8 kHz, 8-bit mono, 8 kB a second) in which two quiet voices
 * — the agent's lower tone, the caller's higher one — take turns. Any byte
 * range is computed directly, so seeking costs nothing and nothing is stored.
 */
import { Readable } from 'node:stream';
import { SIMULATED_RECORDINGS_ORIGIN } from '../simulator/simulator.js';

export const DEMO_SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;
/** 8-bit PCM is unsigned: silence is 128. */
const SILENCE = 128;
/** Low enough to be a background murmur: ±20 of 127. */
const AMPLITUDE = 20;
/** Turns: the agent speaks 4 s, a pause, the caller 3 s, a pause (seconds within an 8 s cycle). */
const TURNS = [
  { from: 0, to: 4, hz: 220 },
  { from: 4.5, to: 7.5, hz: 330 },
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
      const t = n / DEMO_SAMPLE_RATE;
      const syllables = Math.abs(Math.sin(2 * Math.PI * 2 * (t - turn.from)));
      c[n] = Math.round(SILENCE + AMPLITUDE * syllables * Math.sin(2 * Math.PI * turn.hz * t));
    }
  }
  cycle = c;
  return c;
}

/** Bytes [start, end] (inclusive) of the WAV of a call of `durationS` seconds. */
export function demoWavBytes(durationS: number, start: number, end: number): Buffer {
  const samples = demoSamples(durationS);
  const last = Math.min(end, HEADER_BYTES + samples - 1);
  if (start > last) return Buffer.alloc(0);
  const out = Buffer.alloc(last - start + 1);
  let i = 0;
  if (start < HEADER_BYTES) {
    const h = header(samples);
    i = h.copy(out, 0, start, Math.min(HEADER_BYTES, last + 1));
  }
  const audio = audioCycle();
  while (i < out.length) {
    const at = (start + i - HEADER_BYTES) % audio.length;
    i += audio.copy(out, i, at, Math.min(audio.length, at + out.length - i));
  }
  return out;
}

/** Bytes [start, end] (inclusive) as a stream, generated a chunk at a time as the client reads. */
export function demoWavStream(durationS: number, start: number, end: number): Readable {
  let next = start;
  return new Readable({
    read() {
      if (next > end) {
        this.push(null);
        return;
      }
      const to = Math.min(end, next + CHUNK_BYTES - 1);
      this.push(demoWavBytes(durationS, next, to));
      next = to + 1;
    },
  });
}
