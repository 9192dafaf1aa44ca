import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallMedia } from '../../../api/qa';
import { createAppI18n, type AppLocale } from '../../../i18n';
import { PLAYER_FACTORY, type Player, type PlayerEvents, type PlayerOptions } from '../../../qa/media/player';
import { useSessionStore } from '../../../stores/session';
import { errorResponse, fakeApi, sessionFixture } from '../../../testing/session.fixture';
import EvaluationMedia from './EvaluationMedia.vue';

const RECORDING = '/api/v1/qa/calls/c-1/recording';

const line = (speaker: string, startS: number, endS: number, text: string) => ({ speaker, startS, endS, text });
const transcript = [
  line('agent', 0.5, 4, '您好，这里是示例银行，请问有什么可以帮您？'),
  line('customer', 4.5, 8, '我的账单不对。'),
  line('agent', 8.5, 12, '这个不行，我不知道。'),
  line('customer', 12.5, 15, '那怎么办？'),
  line('agent', 15.5, 19, '请稍等，再见。'),
];

function media(overrides: Partial<CallMedia> = {}): CallMedia {
  return {
    call: {
      callId: 'c-1',
      queue: 'billing',
      callType: 'billing',
      agentId: 'A-7',
      // 10:00:00 in Shanghai; answered 15 s later; ended at 10:04:10
      offeredAt: '2026-03-02T02:00:00.000Z',
      answeredAt: '2026-03-02T02:00:15.000Z',
      endedAt: '2026-03-02T02:04:10.000Z',
      talkS: 225,
      holdS: 12,
      wrapS: 30,
      category: 'Billing dispute',
      summary: 'Customer questioned a charge.',
      transferred: false,
    },
    recording: RECORDING,
    transcript,
    findings: [
      { ruleId: 'greeting', passed: true, evidence: [{ ...transcript[0]! }], matches: ['您好'] },
      { ruleId: 'identity_question', passed: false, evidence: [], matches: [] },
      { ruleId: 'forbidden_phrase', passed: false, evidence: [{ ...transcript[2]! }], matches: ['不行', '不知道'] },
      { ruleId: 'farewell', passed: true, evidence: [{ ...transcript[4]! }], matches: ['再见'] },
    ],
    ...overrides,
  };
}

/** The player a browser would get from wavesurfer, driven by hand. */
class FakePlayer implements Player {
  playing = false;
  current = 0;
  rate = 1;
  destroyed = false;
  seeks: number[] = [];
  regions: unknown[] = [];
  private listeners = new Map<string, Set<(...args: never[]) => void>>();

  play() {
    this.playing = true;
    this.fire('play');
  }
  pause() {
    this.playing = false;
    this.fire('pause');
  }
  isPlaying = () => this.playing;
  setTime(s: number) {
    this.seeks.push(s);
    this.current = s;
    this.fire('time', s);
  }
  getCurrentTime = () => this.current;
  getDuration = () => 240;
  setPlaybackRate(rate: number) {
    this.rate = rate;
  }
  setRegions(regions: readonly unknown[]) {
    this.regions = [...regions];
  }
  on<E extends keyof PlayerEvents>(event: E, listener: PlayerEvents[E]) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (...args: never[]) => void);
  }
  fire(event: keyof PlayerEvents, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
  destroy() {
    this.destroyed = true;
  }
}

let pinia: Pinia;
let player: FakePlayer;
let factoryCalls: PlayerOptions[];
const mounted: VueWrapper[] = [];

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore(pinia).info = sessionFixture('qa_reviewer');
  player = new FakePlayer();
  factoryCalls = [];
});

afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function api(recording: Response = new Response(new Uint8Array([82, 73, 70, 70]), { headers: { 'Content-Type': 'audio/wav' } })) {
  return fakeApi({
    'GET /api/v1/qa/people': { reviewers: [], agents: [{ agentId: 'A-7', name: 'Wang Fang', team: 'east' }] },
    [`GET ${RECORDING}`]: recording,
  });
}

async function mountMedia(m: CallMedia = media(), locale: AppLocale = 'en') {
  const wrapper = mount(EvaluationMedia, {
    props: { media: m, callId: 'c-1' },
    attachTo: document.body,
    global: {
      plugins: [pinia, createAppI18n(locale)],
      provide: {
        [PLAYER_FACTORY as symbol]: async (options: PlayerOptions) => {
          factoryCalls.push(options);
          return player;
        },
      },
    },
  });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

const lines = (w: VueWrapper) => w.findAll('[data-testid="qa-transcript-line"]');
const timeAttr = (w: VueWrapper) => w.get('[data-testid="qa-player-time"]').attributes('data-seconds');
const activeText = (w: VueWrapper) => w.find('[data-testid="qa-transcript-line"][aria-current="true"]');
const emitted = (w: VueWrapper) => (w.emitted('time') ?? []).map(([s]) => s);
const press = (key: string, target: EventTarget = document.body) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('EvaluationMedia', () => {
  it('states the call: agent by name, times in the center’s zone, durations as a clock', async () => {
    api();
    const w = await mountMedia();
    const fact = (key: string) => w.get(`[data-fact="${key}"] dd`).text();
    expect(fact('agent')).toBe('Wang Fang');
    expect(fact('queue')).toBe('billing');
    // 02:00:00Z is 10:00:00 in Asia/Shanghai (UTC+8)
    expect(fact('offered')).toBe('03/02/2026, 10:00:00');
    // The same day as the offer: the time alone.
    expect(fact('answered')).toBe('10:00:15');
    expect(fact('ended')).toBe('10:04:10');
    // 02:00:15 − 02:00:00
    expect(fact('wait')).toBe('0:15');
    expect(fact('talk')).toBe('3:45'); // 225 s
    expect(fact('hold')).toBe('0:12');
    expect(fact('wrap')).toBe('0:30');
    expect(fact('outcome')).toBe('Answered');
    expect(fact('category')).toBe('Billing dispute');
    expect(w.text()).toContain('Customer questioned a charge.');
  });

  it('fetches the recording and hands it to the player, with the evidence as regions', async () => {
    const { fetchMock } = api();
    const w = await mountMedia();
    expect(fetchMock.mock.calls.map(([url]) => url)).toContain(RECORDING);
    expect(factoryCalls).toHaveLength(1);
    expect(await factoryCalls[0]!.audio.arrayBuffer()).toEqual(new Uint8Array([82, 73, 70, 70]).buffer);
    expect(factoryCalls[0]!.container).toBe(w.get('[data-testid="qa-waveform"]').element);
    // The failed forbidden phrase at 8.5 s as a problem, the passed greeting and farewell as finds.
    expect(player.regions).toEqual([
      { id: 'evidence-0.5-4', startS: 0.5, endS: 4, tone: 'good' },
      { id: 'evidence-8.5-12', startS: 8.5, endS: 12, tone: 'bad' },
      { id: 'evidence-15.5-19', startS: 15.5, endS: 19, tone: 'good' },
    ]);
    // The length shows once the audio is decoded: 240 s.
    expect(w.get('[data-testid="qa-player-time"]').text()).toBe('0:00 / 4:00');
  });

  it('plays from a line clicked, and from a finding’s evidence', async () => {
    api();
    const w = await mountMedia();
    await lines(w)[2]!.trigger('click');
    expect(player.seeks).toEqual([8.5]);
    expect(timeAttr(w)).toBe('8.5');
    expect(emitted(w)).toEqual([8.5]);
    expect(activeText(w).attributes('data-start-s')).toBe('8.5');

    const finding = w.get('[data-testid="qa-finding"][data-rule-id="farewell"]');
    expect(finding.attributes('data-start-s')).toBe('15.5');
    await finding.trigger('click');
    expect(player.seeks).toEqual([8.5, 15.5]);
    expect(activeText(w).attributes('data-start-s')).toBe('15.5');
  });

  it('moves the highlight as the audio plays, telling the page at most four times a second', async () => {
    api();
    const w = await mountMedia();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    player.fire('time', 4.6);
    player.fire('time', 4.7);
    player.fire('time', 8.6);
    await flushPromises();
    // The first move is told at once; the two that follow within 250 ms wait.
    expect(emitted(w)).toEqual([4.6]);
    expect(activeText(w).attributes('data-start-s')).toBe('4.5');
    expect(timeAttr(w)).toBe('8.6');
    vi.advanceTimersByTime(250);
    await flushPromises();
    // …then the newest position only.
    expect(emitted(w)).toEqual([4.6, 8.6]);
    expect(activeText(w).attributes('data-start-s')).toBe('8.5');
  });

  it('plays, skips and changes speed from the keyboard, but not while someone types', async () => {
    api();
    const w = await mountMedia();
    const play = w.get('[data-testid="qa-player-play"]');
    expect(play.attributes('aria-pressed')).toBe('false');
    expect(play.attributes('aria-label')).toBe('Play');

    press(' ');
    await flushPromises();
    expect(player.playing).toBe(true);
    expect(play.attributes('aria-pressed')).toBe('true');
    expect(play.attributes('aria-label')).toBe('Pause');

    press('ArrowRight');
    press('ArrowRight');
    press('ArrowLeft');
    expect(player.seeks).toEqual([5, 10, 5]);
    press('l');
    expect(player.seeks.at(-1)).toBe(15);
    // Back past the start stops at 0.
    press('j');
    press('j');
    expect(player.seeks.at(-1)).toBe(0);

    press(']');
    press(']');
    await flushPromises();
    expect(player.rate).toBe(1.5);
    expect(w.get('[data-testid="qa-player-speed"]').text()).toBe('1.5×');

    const comment = document.createElement('textarea');
    document.body.append(comment);
    press(' ', comment);
    press('ArrowRight', comment);
    comment.remove();
    expect(player.playing).toBe(true);
    expect(player.seeks.at(-1)).toBe(0);

    press('k');
    expect(player.playing).toBe(false);
  });

  it('steps through the transcript line by line with N and P', async () => {
    api();
    const w = await mountMedia();
    press('n');
    press('n');
    press('n');
    // Lines start at 0.5, 4.5, 8.5 …
    expect(player.seeks).toEqual([0.5, 4.5, 8.5]);
    // At the very start of a line, P goes to the one before…
    press('p');
    expect(player.seeks.at(-1)).toBe(4.5);
    // …but 1.5 s into it (6 − 4.5), back to its own start.
    (w.vm as unknown as { seek(s: number): void }).seek(6);
    press('p');
    expect(player.seeks.slice(-2)).toEqual([6, 4.5]);
    // Past the last line's start there is no next one: nothing moves.
    (w.vm as unknown as { seek(s: number): void }).seek(18);
    press('n');
    expect(player.seeks.at(-1)).toBe(18);
  });

  it('cycles the speed with its button: 1×, 1.25×, 1.5×, 2×, then 1× again', async () => {
    api();
    const w = await mountMedia();
    const speed = w.get('[data-testid="qa-player-speed"]');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await speed.trigger('click');
      seen.push(`${speed.text()} ${player.rate}`);
    }
    expect(seen).toEqual(['1.25× 1.25', '1.5× 1.5', '2× 2', '1× 1']);
    expect(speed.attributes('aria-label')).toBe('Playback speed: 1×');
  });

  it('seeks from the page through its exposed seek', async () => {
    api();
    const w = await mountMedia();
    (w.vm as unknown as { seek(s: number): void }).seek(13);
    await flushPromises();
    expect(player.seeks).toEqual([13]);
    expect(activeText(w).attributes('data-start-s')).toBe('12.5');
  });

  it('marks what the checks matched and the lines that are evidence of a failure', async () => {
    api();
    const w = await mountMedia();
    const failedLine = lines(w)[2]!;
    expect(failedLine.findAll('mark.bad').map((m) => m.text())).toEqual(['不行', '不知道']);
    expect(failedLine.text()).toContain('Evidence of a failed check: No forbidden phrases');
    expect(
      lines(w)[0]!
        .findAll('mark.good')
        .map((m) => m.text()),
    ).toEqual(['您好']);
    expect(lines(w)[1]!.findAll('mark')).toHaveLength(0);
    // Failed checks first; the one with nothing to play cannot be pressed.
    const rows = w.findAll('[data-testid="qa-finding"]');
    expect(rows.map((r) => r.attributes('data-rule-id'))).toEqual(['identity_question', 'forbidden_phrase', 'greeting', 'farewell']);
    expect(rows[0]!.attributes('disabled')).toBeDefined();
    expect(rows[1]!.get('.detail').text()).toBe('Failed · “不行” “不知道”');
    expect(rows[2]!.get('.detail').text()).toBe('Passed');
    expect(rows[1]!.get('.moments').text()).toBe('0:08');
    expect(rows[0]!.attributes('data-start-s')).toBeUndefined();
    expect(w.text()).toContain('Suggestions from the transcript');
  });

  it('names the speakers and checks in Chinese', async () => {
    api();
    const w = await mountMedia(media(), 'zh-CN');
    expect(lines(w).map((l) => l.get('.who').text())).toEqual(['坐席', '客户', '坐席', '客户', '坐席']);
    expect(w.get('[data-rule-id="farewell"] .name').text()).toBe('结束时说“再见”');
    expect(w.get('[data-fact="agent"] dt').text()).toBe('坐席');
  });

  it('keeps the transcript usable without a recording: clicks and arrows move the position', async () => {
    const { fetchMock } = api();
    const w = await mountMedia(media({ recording: null }));
    expect(fetchMock.mock.calls.map(([url]) => url)).not.toContain(RECORDING);
    expect(factoryCalls).toHaveLength(0);
    expect(w.get('[data-testid="qa-player-none"]').text()).toContain('This call has no recording');
    expect(w.find('[data-testid="qa-waveform"]').exists()).toBe(false);
    expect(w.get('[data-testid="qa-player-play"]').attributes('disabled')).toBeDefined();

    await lines(w)[3]!.trigger('click');
    expect(timeAttr(w)).toBe('12.5');
    expect(emitted(w)).toEqual([12.5]);
    press('ArrowRight');
    await flushPromises();
    expect(timeAttr(w)).toBe('17.5');
    expect(activeText(w).attributes('data-start-s')).toBe('15.5');
    // No further than the transcript's last words, at 19 s.
    press('l');
    await flushPromises();
    expect(timeAttr(w)).toBe('19.0');
  });

  it('shows the server’s reason when the recording is refused, not a broken player', async () => {
    api(errorResponse(502, 'RECORDING_UPSTREAM', 'The recording server answered 500'));
    const w = await mountMedia();
    expect(factoryCalls).toHaveLength(0);
    expect(w.get('[role="alert"]').text()).toBe('The recording cannot be played: The recording server answered 500');
    expect(w.find('[data-testid="qa-waveform"]').exists()).toBe(false);
    // The transcript still moves the position.
    await lines(w)[1]!.trigger('click');
    expect(timeAttr(w)).toBe('4.5');
  });

  it('says the audio could not be decoded when the player cannot load it', async () => {
    api();
    const wrapper = mount(EvaluationMedia, {
      props: { media: media(), callId: 'c-1' },
      global: {
        plugins: [pinia, createAppI18n('en')],
        provide: { [PLAYER_FACTORY as symbol]: () => Promise.reject(new Error('EncodingError')) },
      },
    });
    mounted.push(wrapper);
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('The recording cannot be played: the audio could not be decoded');
  });

  it('destroys the player and stops listening to the keyboard when it goes', async () => {
    api();
    const w = await mountMedia();
    mounted.splice(mounted.indexOf(w), 1);
    w.unmount();
    expect(player.destroyed).toBe(true);
    press('ArrowRight');
    expect(player.seeks).toEqual([]);
  });
});
