/**
 * Who answers: agents with names, teams, skills and shifts. The roster depends
 * on the seed only, never on the simulated window, so a wallboard fed by
 * consecutive runs sees the same people.
 */
import { mixSeed, Rng } from './random.js';

export interface ShiftTemplate {
  name: string;
  /** Local wall-clock time, HH:mm. */
  start: string;
  /** Local wall-clock time, HH:mm; at or before `start` means the next day. */
  end: string;
}

/**
 * Staggered so the floor fills up towards the late-morning and afternoon peaks
 * and two shifts overlap over lunch; the night crew's 12-hour shift overlaps the
 * late and early shifts so the hotline is never unstaffed.
 */
export const SHIFTS = {
  early: { name: 'early', start: '08:00', end: '17:00' },
  day: { name: 'day', start: '09:00', end: '18:00' },
  mid: { name: 'mid', start: '10:00', end: '19:00' },
  late: { name: 'late', start: '12:00', end: '21:00' },
  night: { name: 'night', start: '20:30', end: '08:30' },
} as const satisfies Record<string, ShiftTemplate>;

export interface AgentProfile {
  agentId: string;
  name: string;
  team: string;
  /** Queues the agent may be offered calls from. */
  skills: readonly string[];
  shift: ShiftTemplate;
  /** Position among the agents of the same shift: staggers breaks so a shift never leaves the floor together. */
  shiftSlot: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the agent's shift does not start. */
  daysOff: readonly number[];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈';
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '秀英',
  '桂英',
  '晓燕',
  '婷婷',
  '雪',
  '慧',
  '欣怡',
  '子涵',
  '浩然',
  '宇轩',
  '佳怡',
  '梓萱',
  '思远',
  '俊杰',
  '雨桐',
  '建华',
  '志强',
  '海燕',
  '丽娟',
  '文博',
  '晓东',
  '春梅',
  '嘉怡',
  '一鸣',
  '诗涵',
];

/**
 * Weekday pairs off for agents on the weekend rota, dealt in this order. Each
 * weekday appears twice in the cycle; the first three pairs put the extra days
 * off on Friday, the quietest weekday, never on Monday, the busiest.
 */
const ROTA_DAYS_OFF: readonly (readonly number[])[] = [
  [4, 5],
  [2, 3],
  [5, 1],
  [1, 2],
  [3, 4],
];

/**
 * A roster of `count` agents. About one in eight works nights (at least one once
 * there are four agents); the rest are dealt round the early, day, mid and late
 * shifts. Everyone takes `general` (the first queue). Within each shift the
 * agents alternate senior (all queues) and one specialist queue after another,
 * so every shift, however thin, starts with a senior who can take anything;
 * the night crew are all seniors. Teams follow speciality, as supervisors
 * usually lead a line of business; the night crew is spread over the teams.
 * Two in five day agents work the weekend rota and have two weekdays off
 * instead; the night crew staggers its days off over the week so nights stay
 * covered (a lone night agent has none).
 */
export function buildRoster(seed: number, count: number, queues: readonly string[]): AgentProfile[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${count}`);
  const [first, ...specialist] = queues;
  if (first === undefined) throw new RangeError('at least one queue is needed');
  const rng = new Rng(mixSeed('roster', seed));
  const nightCount = count >= 16 ? Math.round(count / 8) : count >= 4 ? 1 : 0;
  const dayShifts = [SHIFTS.late, SHIFTS.early, SHIFTS.day, SHIFTS.mid];
  const specialities = specialist.length + 1;
  const width = Math.max(2, String(count).length);
  const names = new Set<string>();
  const roster: AgentProfile[] = [];

  for (let i = 0; i < count; i++) {
    const night = i >= count - nightCount;
    const n = night ? i - (count - nightCount) : i;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || names.has(name)); attempt++) {
      name = rng.pick([...SURNAMES]) + rng.pick(GIVEN_NAMES);
    }
    if (names.has(name)) name += String(i + 1);
    names.add(name);

    const shift = night ? SHIFTS.night : dayShifts[n % dayShifts.length]!;
    const shiftSlot = night ? n : Math.floor(n / dayShifts.length);
    // 0 = senior, k = the k-th specialist queue.
    const speciality = night ? 0 : shiftSlot % specialities;
    const skills = speciality === 0 ? [...queues] : [first, specialist[speciality - 1]!];
    const team = `team-${String.fromCharCode(97 + ((night ? n : speciality) % specialities))}`;

    const onRota = !night && n % 5 >= 3;
    const daysOff = night
      ? nightCount === 1
        ? []
        : [((2 * n) % 7) + 1, ((2 * n + 1) % 7) + 1]
      : onRota
        ? [...ROTA_DAYS_OFF[(Math.floor(n / 5) * 2 + (n % 5) - 3) % ROTA_DAYS_OFF.length]!]
        : [6, 7];

    roster.push({ agentId: `agent-${String(i + 1).padStart(width, '0')}`, name, team, skills, shift, shiftSlot, daysOff });
  }
  return roster;
}
