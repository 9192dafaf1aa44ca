/**
 * The browser's player: wavesurfer.js 7 draws the recording's waveform with
 * the played part coloured, a time axis under it, and the findings' evidence
 * as shaded regions; a click or a drag on the waveform seeks. Loaded on first
 * use, so only the evaluation screens carry it.
 */
import { formatDuration } from '../../../format';
import type { Player, PlayerEvents, PlayerFactory, WaveRegion } from '../../../qa/media/player';

/** A colour with an alpha, for regions that must not hide the waveform under them. */
function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = Number.parseInt(hex[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export const createWavesurferPlayer: PlayerFactory = async ({ container, audio, colors, height }) => {
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
        color: translucent(r.tone === 'bad' ? colors.bad : colors.good, 0.18),
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
    await ws.loadBlob(audio);
  } catch (error) {
    ws.destroy();
    throw error;
  }
  return player;
};
