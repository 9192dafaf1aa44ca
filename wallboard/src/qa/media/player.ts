/**
 * What the audio player drives: play, pause, seek, speed, and the events it
 * listens to. In the browser it is wavesurfer.js drawing the waveform
 * (`components/qa/media/wavesurferPlayer.ts`); a test provides its own under
 * `PLAYER_FACTORY`, since nothing decodes audio without a browser.
 */
import type { InjectionKey } from 'vue';

export interface PlayerEvents {
  /** The position moved (while playing, or after a seek). */
  time: (seconds: number) => void;
  play: () => void;
  pause: () => void;
  /** The audio could not be played. */
  error: (error: unknown) => void;
}

export interface Player {
  play(): Promise<void> | void;
  pause(): void;
  isPlaying(): boolean;
  setTime(seconds: number): void;
  getCurrentTime(): number;
  /** The recording's length in seconds. */
  getDuration(): number;
  setPlaybackRate(rate: number): void;
  /** Shaded stretches on the waveform (a finding's evidence); replaces the previous ones. */
  setRegions(regions: readonly WaveRegion[]): void;
  on<E extends keyof PlayerEvents>(event: E, listener: PlayerEvents[E]): () => void;
  destroy(): void;
}

export interface WaveRegion {
  id: string;
  startS: number;
  endS: number;
  tone: 'good' | 'bad';
}

export interface WaveColors {
  wave: string;
  progress: string;
  cursor: string;
  good: string;
  bad: string;
}

export interface PlayerOptions {
  /** The box the waveform is drawn in. */
  container: HTMLElement;
  /** The recording's address: the audio element streams it from there (byte ranges, same origin). */
  url: string;
  /** The recording, already fetched, to draw the waveform from. */
  audio: Blob;
  colors: WaveColors;
  /** The waveform's height in pixels. */
  height: number;
}

/** A player with the recording loaded and decoded; rejects when it cannot be played. */
export type PlayerFactory = (options: PlayerOptions) => Promise<Player>;

export const PLAYER_FACTORY: InjectionKey<PlayerFactory> = Symbol('qa player factory');

/** Regions for the evidence of the checks: failed ones as problems, each stretch once (a problem over a find). */
export function evidenceRegions(
  findings: readonly { ruleId: string; passed: boolean; evidence: readonly { startS: number; endS: number }[] }[],
): WaveRegion[] {
  const bySpan = new Map<string, WaveRegion>();
  for (const f of findings) {
    for (const e of f.evidence) {
      const key = `${e.startS}-${e.endS}`;
      const tone = f.passed ? 'good' : 'bad';
      const known = bySpan.get(key);
      if (!known) bySpan.set(key, { id: `evidence-${key}`, startS: e.startS, endS: e.endS, tone });
      else if (tone === 'bad') known.tone = 'bad';
    }
  }
  return [...bySpan.values()].sort((a, b) => a.startS - b.startS || a.endS - b.endS);
}
