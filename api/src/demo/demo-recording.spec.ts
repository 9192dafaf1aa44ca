import { describe, expect, it } from 'vitest';
import { demoTurns, demoWavBytes, demoWavSize, demoWavStream, isSimulatedRecording } from './demo-recording.js';

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('demo recordings', () => {
  it('sizes a WAV by the call length: 44 header bytes plus 8,000 one-byte samples a second', () => {
    expect(demoWavSize(0)).toBe(44);
    expect(demoWavSize(1)).toBe(8044);
    expect(demoWavSize(125.5)).toBe(44 + 1_004_000);
  });

  it('writes an 8 kHz 8-bit mono PCM header whose sizes match the data', () => {
    const h = demoWavBytes(2, 0, 43);
    expect(h.toString('ascii', 0, 4)).toBe('RIFF');
    expect(h.readUInt32LE(4)).toBe(36 + 16_000);
    expect(h.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(h.readUInt16LE(20)).toBe(1); // PCM
    expect(h.readUInt16LE(22)).toBe(1); // mono
    expect(h.readUInt32LE(24)).toBe(8000);
    expect(h.readUInt16LE(34)).toBe(8);
    expect(h.toString('ascii', 36, 40)).toBe('data');
    expect(h.readUInt32LE(40)).toBe(16_000);
  });

  it('alternates two quiet voices: the agent 0–4 s, silence 4–4.5 s, the caller 4.5–7.5 s', () => {
    const wav = demoWavBytes(8, 0, demoWavSize(8) - 1);
    const at = (s: number, len = 800) => wav.subarray(44 + s * 8000, 44 + s * 8000 + len);
    const loudness = (b: Buffer) => Math.max(...b.map((x) => Math.abs(x - 128)));
    expect(loudness(at(1))).toBeGreaterThan(5);
    expect(loudness(at(1))).toBeLessThanOrEqual(20);
    expect(loudness(at(4.1))).toBe(0);
    expect(loudness(at(5))).toBeGreaterThan(5);
    expect(loudness(at(7.6))).toBe(0);
  });

  it('gives any byte range the same bytes as the whole file, also across the header, and streams them', async () => {
    const whole = demoWavBytes(30, 0, demoWavSize(30) - 1);
    expect(whole.length).toBe(240_044);
    expect(demoWavBytes(30, 40, 100)).toEqual(whole.subarray(40, 101));
    expect(demoWavBytes(30, 100_000, 100_009)).toEqual(whole.subarray(100_000, 100_010));
    // Past the end: cut to the file.
    expect(demoWavBytes(30, 240_040, 999_999)).toEqual(whole.subarray(240_040));
    // A whole second at 8 s into the call is the first second again: the audio repeats every 8 s.
    expect(whole.subarray(44 + 64_000, 44 + 72_000).equals(whole.subarray(44, 44 + 8000))).toBe(true);
    const streamed = await read(demoWavStream(30, 1000, 200_000));
    expect(streamed.length).toBe(199_001);
    expect(streamed.equals(whole.subarray(1000, 200_001))).toBe(true);
  });

  describe('following a transcript', () => {
    /** The agent 0–1 s, the caller 1.5–2 s (out of order on purpose), nothing after 2 s of a 3 s call. */
    const turns = demoTurns([
      { speaker: 'customer', startS: 1.5, endS: 2 },
      { speaker: 'agent', startS: 0, endS: 1 },
    ]);
    const sample = (wav: Buffer, n: number) => wav[44 + n]!;

    it('voices each segment in its speaker’s tone, with silence between and after', () => {
      const wav = demoWavBytes(3, 0, demoWavSize(3) - 1, turns);
      expect(wav.length).toBe(44 + 24_000);
      // Sample 300 (t = 0.0375 s, the agent): sin(2π·220·t) = sin(16.5π) = 1, syllables |sin(4π·0.0375)| = sin(0.15π) = 0.45399
      // → 128 + 20 · 0.45399 = 137.08 → 137.
      expect(sample(wav, 300)).toBe(137);
      // Sample 13,000 (t = 1.625 s, the caller): sin(2π·330·1.625) = sin(1072.5π) = 1, syllables |sin(4π·0.125)| = 1 → 148.
      expect(sample(wav, 13_000)).toBe(148);
      // The agent's last sample is 7,999 (t < 1 s); 8,000 to 11,999 is the pause, from 16,000 on the call is over.
      const quiet = (from: number, to: number) => wav.subarray(44 + from, 44 + to).every((x) => x === 128);
      expect(quiet(8000, 12_000)).toBe(true);
      expect(quiet(16_000, 24_000)).toBe(true);
      expect(quiet(0, 8000)).toBe(false);
      expect(quiet(12_000, 16_000)).toBe(false);
      // Without the transcript, the 8 s cycle: the agent speaks until 4 s, so 1.2 s (sample 9,600 on) is voiced there.
      const cycle = demoWavBytes(3, 0, demoWavSize(3) - 1);
      expect(cycle.subarray(44 + 9600, 44 + 10_400).some((x) => x !== 128)).toBe(true);
    });

    it('gives any byte range the same bytes as the whole file, also across the header and streamed in chunks', async () => {
      const long = demoTurns([
        { speaker: 'agent', startS: 0, endS: 7.3 },
        { speaker: 'customer', startS: 8.2, endS: 20 },
        { speaker: 'agent', startS: 20.5, endS: 29 },
      ]);
      const whole = demoWavBytes(30, 0, demoWavSize(30) - 1, long);
      expect(demoWavBytes(30, 40, 100, long)).toEqual(whole.subarray(40, 101));
      // Bytes 58,444 … 58,453 are samples 58,400 … 58,409 (7.3 s = sample 58,400): the agent has just stopped.
      expect(demoWavBytes(30, 58_444, 58_453, long)).toEqual(whole.subarray(58_444, 58_454));
      // From 7.3 s to 8.2 s (samples 58,400 to 65,599) nobody speaks; the 0.1 s before it is voiced.
      expect(whole.subarray(44 + 58_400, 44 + 65_600).every((x) => x === 128)).toBe(true);
      expect(whole.subarray(44 + 57_600, 44 + 58_400).some((x) => x !== 128)).toBe(true);
      expect(demoWavBytes(30, 240_040, 999_999, long)).toEqual(whole.subarray(240_040));
      const streamed = await read(demoWavStream(30, 1000, 200_000, long));
      expect(streamed.equals(whole.subarray(1000, 200_001))).toBe(true);
    });
  });

  it("knows the simulator's recordings by their origin only", () => {
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid/call-1.wav'))).toBe(true);
    expect(isSimulatedRecording(new URL('https://RECORDINGS.callboard.invalid:443/x'))).toBe(true);
    expect(isSimulatedRecording(new URL('http://recordings.callboard.invalid/call-1.wav'))).toBe(false);
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid.evil.com/call-1.wav'))).toBe(false);
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid:8443/call-1.wav'))).toBe(false);
  });
});
