/**
 * What callers do: how many call, when, about what, how long they talk and how
 * long they are willing to wait. The defaults describe a mid-sized customer
 * hotline (24 agents) in the shape the seeds' monthly analysis looks at —
 * volume by period of the day and by business type (000 §7).
 */
import type { CallCategory } from '../events/event.schema.js';

/**
 * Calls per hour offered to the whole center on an ordinary weekday at rate 1,
 * by local hour (index 0 = 00:00–01:00). The hotline is open around the clock
 * (000 §2: 24 小时畅通) but nights are quiet; the day has a morning peak at
 * 10:00, a lunch peak 12:00–13:30 (callers phone in their own lunch break, just
 * when agents take theirs), an afternoon peak at 15:00 and an evening decline.
 *
 * Sized to the default roster. Talk times of 4–9 minutes plus hold and
 * wrap-up make a mean handle time near 400 s, so one agent carries about 7
 * calls an hour at the 80 % occupancy a center plans for; about 18 of the 24
 * agents work on a weekday, up to ~16 on the floor at once. The table sums to
 * 800 calls a weekday at rate 1 — Monday 880, Saturday 360, Sunday 280 —
 * with a few busy half-hours where waits and abandons climb, as on a real floor.
 */
// prettier-ignore
export const WEEKDAY_CALLS_PER_HOUR: readonly number[] = [
  4, 3, 2, 2, 2, 3, 5, 10, // 00–08
  28, 60, 82, 72, 80, 75, 72, 80, // 08–16
  68, 50, 34, 25, 17, 12, 8, 6, // 16–24
];

/**
 * Volume by ISO weekday (1 = Monday … 7 = Sunday) relative to the table above:
 * Monday carries the weekend's backlog, weekends are quiet.
 */
export const DAY_FACTOR: Readonly<Record<number, number>> = { 1: 1.1, 2: 1, 3: 1, 4: 1, 5: 0.95, 6: 0.45, 7: 0.35 };

/**
 * Arrival rate (calls per hour, whole center, rate 1) at a local time. Each
 * table value is the rate at the middle of its hour and the rate in between is
 * interpolated, so charts at 15-minute grain show no steps at the full hour;
 * over a whole day the integral is still exactly the sum of the table.
 */
export function callsPerHourAt(localMinuteOfDay: number, isoWeekday: number): number {
  const x = localMinuteOfDay / 60 - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  const a = WEEKDAY_CALLS_PER_HOUR[(i + 24) % 24]!;
  const b = WEEKDAY_CALLS_PER_HOUR[(i + 1) % 24]!;
  return (a + (b - a) * f) * (DAY_FACTOR[isoWeekday] ?? 1);
}

/** The highest value `callsPerHourAt` can take: the envelope for thinning. */
export const PEAK_CALLS_PER_HOUR = Math.max(...WEEKDAY_CALLS_PER_HOUR) * Math.max(...Object.values(DAY_FACTOR));

export interface CallTypeProfile {
  name: string;
  /** Mean talk time, hold excluded. Talk times are lognormal: most calls short, a long tail. */
  talkMeanS: number;
  talkSigma: number;
  /** Share of answered calls the agent puts on hold (to check a system, ask a colleague). */
  holdShare: number;
  /** Disposition categories (000 §4) of calls of this type that were not transferred. */
  categories: Readonly<Partial<Record<CallCategory, number>>>;
  /** What agents write as the matter of the call (000 §3.1), one picked at random. */
  summaries: readonly string[];
}

export const DEFAULT_CALL_TYPES: readonly CallTypeProfile[] = [
  {
    name: 'billing',
    talkMeanS: 240,
    talkSigma: 0.6,
    holdShare: 0.12,
    categories: { inquiry: 0.78, complex: 0.12, complaint: 0.04, other: 0.06 },
    summaries: ['咨询本月账单明细', '查询余额与扣费记录', '申请开具电子发票', '对一笔扣费有疑问，已核实并解释', '更改缴费方式'],
  },
  {
    name: 'tech_support',
    talkMeanS: 420,
    talkSigma: 0.7,
    holdShare: 0.25,
    categories: { inquiry: 0.58, complex: 0.3, complaint: 0.04, other: 0.08 },
    summaries: ['无法登录账户，已重置密码', '设备连接故障，远程指导排查', '软件更新后功能异常，已提交工单', '网络不稳定，预约上门检测'],
  },
  {
    name: 'sales',
    talkMeanS: 300,
    talkSigma: 0.65,
    holdShare: 0.1,
    categories: { inquiry: 0.82, complex: 0.06, complaint: 0.02, other: 0.1 },
    summaries: ['咨询套餐资费', '办理套餐升级', '了解新品优惠活动', '询问合同续约条件'],
  },
  {
    name: 'complaint',
    talkMeanS: 540,
    talkSigma: 0.6,
    holdShare: 0.2,
    categories: { complaint: 0.82, complex: 0.12, inquiry: 0.04, other: 0.02 },
    summaries: ['投诉服务态度，已致歉并登记', '投诉维修延误，承诺三日内回复', '投诉重复扣费，已申请退款', '对处理结果不满意，升级主管处理'],
  },
];

export interface QueueProfile {
  name: string;
  /** Share of the center's calls that enter this queue (relative weight). */
  share: number;
  /** Call-type mix of the queue (relative weights; names from the call types). */
  callTypes: Readonly<Record<string, number>>;
  /**
   * Share of answered calls that turn out to belong elsewhere and are
   * transferred (a "complex" call in the seeds' terms, 000 §4). The target is
   * the other queue whose mix weights the call's type highest.
   */
  transferShare: number;
  /** Seconds a call may wait before it leaves the queue (Asterisk queue `timeout`); default 300. */
  timeoutS?: number;
}

export const DEFAULT_QUEUES: readonly QueueProfile[] = [
  {
    name: 'general',
    share: 0.45,
    callTypes: { billing: 0.3, sales: 0.35, tech_support: 0.2, complaint: 0.15 },
    transferShare: 0.08,
  },
  { name: 'billing', share: 0.3, callTypes: { billing: 0.8, complaint: 0.2 }, transferShare: 0.03 },
  { name: 'support', share: 0.25, callTypes: { tech_support: 0.85, complaint: 0.15 }, transferShare: 0.03 },
];

/**
 * Caller patience (time until a waiting caller hangs up). A small share hang
 * up within seconds — misdials, second thoughts at the announcement — which
 * the SPEC counts as short abandons (< 5 s) and leaves out of the abandon
 * rate. The rest are lognormal with a mean near a minute: most callers give a
 * queue half a minute to two minutes, a few hold on much longer.
 */
export const PATIENCE = {
  quickHangupShare: 0.03,
  quickHangupMaxS: 5,
  meanS: 75,
  sigma: 0.8,
  /** Having already spoken to someone, a transferred caller waits longer. */
  afterTransferMeanS: 120,
} as const;

/** Default for `QueueProfile.timeoutS`: calls still waiting this long leave the queue → call.timed_out. */
export const QUEUE_TIMEOUT_S = 300;

/** Mobile number blocks of the three carriers; callers are overwhelmingly on mobiles. */
// prettier-ignore
export const MOBILE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '147', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '198', '199',
];
