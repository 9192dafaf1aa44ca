import { describe, expect, it } from 'vitest';
import { demoWavBytes, demoWavSize, demoWavStream, isSimulatedRecording } from './demo-recording.js';

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

  it("knows the simulator's recordings by their origin only", () => {
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid/call-1.wav'))).toBe(true);
    expect(isSimulatedRecording(new URL('https://RECORDINGS.callboard.invalid:443/x'))).toBe(true);
    expect(isSimulatedRecording(new URL('http://recordings.callboard.invalid/call-1.wav'))).toBe(false);
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid.evil.com/call-1.wav'))).toBe(false);
    expect(isSimulatedRecording(new URL('https://recordings.callboard.invalid:8443/call-1.wav'))).toBe(false);
  });
});
