/**
 * The browser's player: wavesurfer.js 7 draws the recording's waveform with
 * the played part coloured, a time axis under it, and the findings' evidence
 * as shaded regions; a click or a drag on the waveform seeks. Loaded on first
 * use, so only the evaluation screens carry it.
 *
 * The waveform is drawn from peaks decoded here, and the audio element plays
 * the recording's own address: the page's content policy lets media come
 * from the API only (never from a blob: address), and the element then seeks
 * with byte ranges.
 */
import { formatDuration } from '../../../format';
import { peaksOf } from '../../../qa/media/peaks';
import type { Player, PlayerEvents, PlayerFactory, WaveRegion } from '../../../qa/media/player';

/** Peaks per second of audio drawn; more than a screen's width for any call worth reviewing. */
const PEAKS_PER_S = 50;

async function decode(audio: Blob): Promise<{ peaks: number[]; durationS: number }> {
  const context = new AudioContext();
  try {
    const buffer = await context.decodeAudioData(await audio.arrayBuffer());
    return { peaks: peaksOf(buffer.getChannelData(0), Math.ceil(buffer.duration * PEAKS_PER_S)), durationS: buffer.duration };
  } finally {
    void context.close().catch(() => undefined);
  }
}

/** A colour with an alpha, for regions that must not hide the waveform under them. */
function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = Number.parseInt(hex[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export const createWavesurferPlayer: PlayerFactory = async ({ container, url, audio, colors, height }) => {
  const { peaks, durationS } = await decode(audio);
  const [{ default: WaveSurfer }, { default: RegionsPlugin }, { default: TimelinePlugin }] = await Promise.all([
    import('wavesurfer.js'),
    import('wavesurfer.js/dist/plugins/regions.esm.js'),
    import('wavesurfer.js/dist/plugins/timeline.esm.js'),
  ]);
  const regions = RegionsPlugin.create();
  const ws = WaveSurfer.create({
    container,
    height,
    waveColor: colors.wave,
    progressColor: colors.progress,
    cursorColor: colors.cursor,
    cursorWidth: 2,
    barWidth: 2,
    barGap: 1,
    barRadius: 1,
    normalize: true,
    dragToSeek: true,
    plugins: [
      regions,
      TimelinePlugin.create({
        height: 16,
        formatTimeCallback: formatDuration,
        style: { color: colors.cursor, fontSize: '11px', opacity: '0.8' },
      }),
    ],
  });

  let ready = false;
  let pending: readonly WaveRegion[] = [];
  const drawRegions = () => {
    regions.clearRegions();
    for (const r of pending) {
      regions.addRegion({
        id: r.id,
        start: r.startS,
        end: Math.max(r.endS, r.startS + 0.2),
        color: translucent(r.tone === 'bad' ? colors.bad : colors.good, 0.3),
        drag: false,
        resize: false,
      });
    }
  };
  ws.on('ready', () => {
    ready = true;
    drawRegions();
  });

  const player: Player = {
    play: () => ws.play(),
    pause: () => ws.pause(),
    isPlaying: () => ws.isPlaying(),
    setTime: (s) => ws.setTime(s),
    getCurrentTime: () => ws.getCurrentTime(),
    getDuration: () => ws.getDuration(),
    setPlaybackRate: (rate) => ws.setPlaybackRate(rate, true),
    setRegions(next) {
      pending = next;
      if (ready) drawRegions();
    },
    on<E extends keyof PlayerEvents>(event: E, listener: PlayerEvents[E]): () => void {
      switch (event) {
        case 'time':
          return ws.on('timeupdate', (t) => (listener as PlayerEvents['time'])(t));
        case 'play':
          return ws.on('play', () => (listener as PlayerEvents['play'])());
        case 'pause':
          return ws.on('pause', () => (listener as PlayerEvents['pause'])());
        default:
          return ws.on('error', (e) => (listener as PlayerEvents['error'])(e));
      }
    },
    destroy: () => ws.destroy(),
  };
  try {
    await ws.load(url, [peaks], durationS);
  } catch (error) {
    ws.destroy();
    throw error;
  }
  return player;
};
