/**
 * Staffing now: agents needed to meet a queue's service-level target, by Erlang C
 * (M/M/N, callers never hang up) and by Erlang A (M/M/N+M, Palm's model: each
 * caller hangs up after an exponentially distributed patience with mean patienceS).
 *
 * Pure and framework-free. Every quantity is computed without factorials or
 * powers of the traffic: Erlang B by its recursion (kept in log form so it neither
 * underflows nor overflows with thousands of agents), and the Erlang A integrals
 * through the scaled lower incomplete gamma function
 *
 *   S(a, z) = e^z z^-a γ(a, z) = Σ_{j≥0} z^j / (a (a+1) … (a+j)),
 *
 * summed directly when z < a + 1 and taken from the continued fraction of Γ(a, z)
 * otherwise, always in log space.
 *
 * Units: times in seconds, traffic in Erlangs (arrivals per second × AHT).
 *
 * Erlang A formulas (Garnett, Mandelbaum & Reiman 2002, "Designing a call center
 * with impatient customers", MSOM 4(3); Mandelbaum & Zeltyn, "The M/M/n+G queue:
 * summary of performance measures"), with λ arrivals/s, μ = 1/AHT, θ = 1/patience,
 * x = nμ/θ, y = λ/θ, ρ = λ/(nμ), E = Erlang B(n, λ/μ) and
 * A(x, y) = x e^y y^-x γ(x, y) = x S(x, y):
 *
 *   P(W > 0)         = A E / (1 + (A − 1) E)
 *   P(Ab | W > 0)    = 1 − 1/ρ + 1/(ρ A)
 *   P(V > t | W > 0) = γ(x, y e^-θt) / γ(x, y)            (V: offered wait, FCFS)
 *   P(Sr, W ≤ t | W > 0) = E[e^-θV; V ≤ t]
 *                        = [γ(x+1, y) − γ(x+1, y e^-θt)] / (y γ(x, y))
 *
 * The last one follows from the density of V and the caller's own patience being
 * independent of V: a caller whose offered wait is V is answered iff patience > V.
 * As θ → 0 it tends to the Erlang C form C·(1 − e^-(N−A)t/AHT).
 */

const LN10 = Math.log(10);
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
/** Relative size below which a series term no longer changes a double sum. */
const EPS = 1e-17;
/** Hard cap on any series or continued fraction (never reached for sane inputs). */
const MAX_ITER = 10_000_000;

// ---------------------------------------------------------------- Erlang B / C

/**
 * ln(1 / ErlangB(n, a)) by the stable recursion 1/B(k) = 1 + (k/a)·1/B(k−1),
 * kept as s·e^off so it stays finite for any n.
 */
class InverseErlangB {
  private k = 0;
  private s = 1;
  private off = 0;
  constructor(private readonly a: number) {}
  /** Advance to k + 1 servers. */
  step(): void {
    this.k += 1;
    this.s = Math.exp(-this.off) + (this.k / this.a) * this.s;
    if (this.s > 1e200) {
      this.s *= 1e-200;
      this.off += 200 * LN10;
    }
  }
  /** ln(1/B) for the current number of servers. */
  lnInv(): number {
    return Math.log(this.s) + this.off;
  }
}

function lnInvErlangB(n: number, a: number): number {
  const b = new InverseErlangB(a);
  for (let k = 0; k < n; k += 1) b.step();
  return b.lnInv();
}

/** Erlang C from ln(1/B): C = 1 / (ρ + (1 − ρ)/B), 0 once 1/B overflows. */
function erlangCFromLnInvB(n: number, a: number, lnInvB: number): number {
  const rho = a / n;
  return 1 / (rho + (1 - rho) * Math.exp(lnInvB));
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;
const isNonNeg = (v: number): boolean => Number.isFinite(v) && v >= 0;
const isPos = (v: number): boolean => Number.isFinite(v) && v > 0;

/**
 * Erlang C probability that an arriving call waits (0..1); 1 when agents ≤ traffic
 * (unstable). 0 when traffic is 0 (nobody calls). NaN for bad input (agents not a
 * non-negative integer, traffic negative or not finite).
 */
export function erlangC(agents: number, trafficErlangs: number): number {
  if (!isCount(agents) || !isNonNeg(trafficErlangs)) return NaN;
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs) return 1;
  return erlangCFromLnInvB(agents, trafficErlangs, lnInvErlangB(agents, trafficErlangs));
}

/**
 * Erlang C service level: P(wait ≤ thresholdS) = 1 − C·exp(−(N−A)·t/AHT); 0 when
 * N ≤ A; 1 when traffic is 0. With no abandonment this is also the share of all
 * arrivals answered within the threshold (the product's three-ring rate). NaN for
 * bad input (AHT ≤ 0, threshold < 0, …).
 */
export function serviceLevelErlangC(agents: number, trafficErlangs: number, ahtS: number, thresholdS: number): number {
  if (!isCount(agents) || !isNonNeg(trafficErlangs) || !isPos(ahtS) || !isNonNeg(thresholdS)) return NaN;
  if (trafficErlangs === 0) return 1;
  if (agents <= trafficErlangs) return 0;
  const c = erlangC(agents, trafficErlangs);
  return clamp01(1 - c * Math.exp((-(agents - trafficErlangs) * thresholdS) / ahtS));
}

/** Erlang C average speed of answer in seconds, C·AHT/(N−A) (Infinity when N ≤ A; 0 when traffic is 0). */
export function asaErlangC(agents: number, trafficErlangs: number, ahtS: number): number {
  if (!isCount(agents) || !isNonNeg(trafficErlangs) || !isPos(ahtS)) return NaN;
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs) return Infinity;
  return (erlangC(agents, trafficErlangs) * ahtS) / (agents - trafficErlangs);
}

/** Target, threshold and cap checks shared by both searches. */
function goodSearch(ahtS: number, thresholdS: number, target: number, maxAgents: number): boolean {
  return isPos(ahtS) && isNonNeg(thresholdS) && Number.isFinite(target) && target > 0 && target < 1 && isCount(maxAgents);
}

/**
 * Smallest N whose Erlang C service level ≥ target, with that level; null for bad
 * input (traffic ≤ 0 is N = 0 with level 1). Cap the search at maxAgents (default
 * 5000), return null beyond. The target must lie strictly between 0 and 1 (a 100 %
 * target is never met by a queueing model).
 */
export function agentsForServiceLevelC(
  trafficErlangs: number,
  ahtS: number,
  thresholdS: number,
  target: number,
  maxAgents = 5000,
): { agents: number; serviceLevel: number } | null {
  if (!Number.isFinite(trafficErlangs) || !goodSearch(ahtS, thresholdS, target, maxAgents)) return null;
  if (trafficErlangs <= 0) return { agents: 0, serviceLevel: 1 };
  const invB = new InverseErlangB(trafficErlangs);
  for (let n = 1; n <= maxAgents; n += 1) {
    invB.step();
    if (n <= trafficErlangs) continue;
    const c = erlangCFromLnInvB(n, trafficErlangs, invB.lnInv());
    const sl = clamp01(1 - c * Math.exp((-(n - trafficErlangs) * thresholdS) / ahtS));
    if (sl >= target) return { agents: n, serviceLevel: sl };
  }
  return null;
}

// ---------------------------------------------------------------- special functions

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(a) for a > 0 (Lanczos, g = 7, below 10; Stirling's series above). */
function lnGamma(a: number): number {
  if (a < 1) return lnGamma(a + 1) - Math.log(a);
  if (a >= 10) return (a - 0.5) * Math.log(a) - a + HALF_LN_2PI + stirlingCorrection(a);
  const z = a - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i += 1) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln Γ(a) − [(a − ½) ln a − a + ½ ln 2π], for a ≥ 10. */
function stirlingCorrection(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
}

/**
 * L(a, z) = z − a ln z + ln Γ(a) = ln(e^z z^-a Γ(a)), without the cancellation of
 * its large terms when a and z are both large.
 */
function lnScaledGamma(a: number, z: number): number {
  if (a < 10) return z - a * Math.log(z) + lnGamma(a);
  const d = z - a;
  return d - a * Math.log1p(d / a) - 0.5 * Math.log(a) + HALF_LN_2PI + stirlingCorrection(a);
}

/**
 * ln S(a, z), S(a, z) = e^z z^-a γ(a, z) = Σ_{j≥0} z^j / (a(a+1)…(a+j)), a > 0, z ≥ 0.
 * Series below z = a + 1 (its terms fall from the start), otherwise
 * S = e^z z^-a Γ(a) · (1 − Q(a, z)) with Q from the continued fraction of Γ(a, z).
 */
function lnS(a: number, z: number): number {
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let j = 1; j < MAX_ITER; j += 1) {
      term *= z / (a + j);
      sum += term;
      if (term < sum * EPS) break;
    }
    return Math.log(sum);
  }
  // Modified Lentz for Γ(a, z) e^z z^-a = 1/(z+1−a− 1(1−a)/(z+3−a− 2(2−a)/(z+5−a− …))).
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  const l = lnScaledGamma(a, z);
  return l + Math.log1p(-h * Math.exp(-l));
}

/**
 * For y < x + 1 (the series region): S(x, y) and
 * D(x, y) = S(x, y) − S(x+1, y) = Σ_j (j+1) y^j / (x(x+1)…(x+j+1)), a sum of
 * positive terms, so P(Ab | W > 0) = D/S has no cancellation even when it is tiny.
 */
function seriesSD(x: number, y: number): { s: number; d: number } {
  let term = 1 / x;
  let s = term;
  let d = term / (x + 1);
  for (let j = 1; j < MAX_ITER; j += 1) {
    term *= y / (x + j);
    s += term;
    d += ((j + 1) * term) / (x + j + 1);
    if (term < s * EPS) break;
  }
  return { s, d };
}

/** ψ(b) − ψ(a) for 0 < a ≤ b, without the cancellation of the two digammas. */
function digammaDiff(a: number, b: number): number {
  const gap = b - a;
  if (Number.isInteger(gap) && gap <= 64) {
    let sum = 0;
    for (let i = 0; i < gap; i += 1) sum += 1 / (a + i);
    return sum;
  }
  let shift = 0;
  while (a < 10) {
    shift -= 1 / a; // ψ(a) = ψ(a+1) − 1/a
    a += 1;
  }
  while (b < 10) {
    shift += 1 / b;
    b += 1;
  }
  const tail = (z: number): number => {
    const r2 = 1 / (z * z);
    return 1 / (2 * z) + r2 * (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 / 132))));
  };
  // ψ(z) ~ ln z − tail(z)
  return Math.log1p((b - a) / a) - tail(b) + tail(a) - shift;
}

// ---------------------------------------------------------------- Erlang A

/** Erlang A (M/M/n+M): arrival rate λ per second, mean service time ahtS, mean patience patienceS, N agents. */
export interface ErlangAResult {
  /** P(W > 0): an arriving call finds every agent busy and queues. */
  probWait: number;
  /** P(Ab): share of all arrivals that hang up before an answer. */
  probAbandon: number;
  /**
   * Average speed of answer: mean wait of the calls that are answered, in seconds
   * (NaN with no agents, when nobody is answered).
   */
  asaS: number;
  /**
   * Mean wait of all arrivals (an abandoning caller counted until it hangs up), in
   * seconds: E[W] = P(Ab) × patienceS. This is the "average wait" Mandelbaum and
   * Zeltyn and 4CallCenters report.
   */
  meanWaitS: number;
  /** Fraction of ALL arrivals answered within thresholdS: P(answered and W ≤ thresholdS). */
  answeredWithin: number;
  /**
   * The service level used for the target, modelled on the product's three-ring
   * rate = answered within threshold ÷ (answered + abandoned − short abandons +
   * timed out). In M/M/n+M every arrival is either answered or abandons (a queue
   * timeout is indistinguishable from a hang-up), so this is
   *
   *   answeredWithin ÷ (1 − P(abandon with wait < shortAbandonS)),
   *
   * and with shortAbandonS = 0 (the default) it is answeredWithin itself: the share
   * of all arrivals answered within the threshold, abandons counted as failures
   * whenever they happen. (Hence, with patience much shorter than the threshold,
   * Erlang A can ask for more agents than Erlang C, whose callers all wait.)
   */
  serviceLevel: number;
}

const NAN_RESULT: ErlangAResult = {
  probWait: NaN,
  probAbandon: NaN,
  asaS: NaN,
  meanWaitS: NaN,
  answeredWithin: NaN,
  serviceLevel: NaN,
};

interface CoreA {
  probWait: number;
  probAbandon: number;
  answeredWithin: number;
  serviceLevel: number;
  /** P(Sr | W > 0), for the ASA. */
  pServedGivenWait: number;
}

/**
 * Everything but the ASA, for n ≥ 1, λ > 0, finite patience. Inputs already valid.
 */
function erlangACore(
  n: number,
  lambda: number,
  ahtS: number,
  patienceS: number,
  thresholdS: number,
  shortAbandonS: number,
  lnInvB: number,
): CoreA {
  const theta = 1 / patienceS;
  const x = (n * patienceS) / ahtS;
  const y = lambda * patienceS;
  const rho = y / x;

  // ln A and P(Ab | W > 0), P(Sr | W > 0).
  let lnSxy: number;
  let pAbGivenWait: number;
  if (y < x + 1) {
    const { s, d } = seriesSD(x, y);
    lnSxy = Math.log(s);
    pAbGivenWait = d / s;
  } else {
    lnSxy = lnS(x, y);
    const lnA = Math.log(x) + lnSxy;
    pAbGivenWait = 1 - 1 / rho + Math.exp(-lnA) / rho;
  }
  const lnA = Math.log(x) + lnSxy;
  pAbGivenWait = clamp01(pAbGivenWait);
  const pServedGivenWait = 1 - pAbGivenWait;

  // P(W > 0) = 1 / (1 + (1/E − 1)/A), in logs: ln(1/E − 1) = ln(expm1(ln 1/E)).
  const lnInvEm1 = lnInvB > 30 ? lnInvB + Math.log1p(-Math.exp(-lnInvB)) : Math.log(Math.expm1(lnInvB));
  const lnR = lnInvEm1 - lnA;
  const probWait = lnR > 0 ? Math.exp(-lnR) / (1 + Math.exp(-lnR)) : 1 / (1 + Math.exp(lnR));

  /** P(V > t | W > 0) · e^-θt and E[e^-θV; V ≤ t | W > 0]. */
  const at = (t: number): { answered: number; survivesDiscounted: number } => {
    if (t === 0) return { answered: 0, survivesDiscounted: 1 };
    if (t === Infinity) return { answered: pServedGivenWait, survivesDiscounted: 0 };
    const thT = theta * t;
    const u = Math.exp(-thT);
    const gain = -y * Math.expm1(-thT); // y (1 − u)
    const yu = y * u;
    // [γ(x+1, yu)/(y γ(x, y))] = S(x+1, yu)/S(x, y) · u^(x+1) e^(y(1−u))
    const late = Math.exp(lnS(x + 1, yu) - lnSxy - (x + 1) * thT + gain);
    // e^-θt γ(x, yu)/γ(x, y) = S(x, yu)/S(x, y) · u^(x+1) e^(y(1−u))
    const survivesDiscounted = Math.exp(lnS(x, yu) - lnSxy - (x + 1) * thT + gain);
    return { answered: Math.max(0, pServedGivenWait - late), survivesDiscounted };
  };

  const within = at(thresholdS);
  const answeredWithin = clamp01(1 - probWait + probWait * within.answered);
  const probAbandon = clamp01(probWait * pAbGivenWait);

  let serviceLevel = answeredWithin;
  if (shortAbandonS > 0) {
    // P(Ab, W < s | W > 0) = 1 − E[e^-θ min(V, s)] = 1 − E[e^-θV; V ≤ s] − e^-θs P(V > s)
    const short = shortAbandonS === thresholdS ? within : at(shortAbandonS);
    const abandonShort = clamp01(probWait * (1 - short.answered - short.survivesDiscounted));
    serviceLevel = abandonShort < 1 ? clamp01(answeredWithin / (1 - abandonShort)) : 0;
  }
  return { probWait, probAbandon, answeredWithin, serviceLevel, pServedGivenWait };
}

/**
 * E[V e^-θV | W > 0] (in units of 1/θ) from the number k of callers found waiting
 * ahead: given k, V is a sum of exponentials with rates θ(x+m), m = 0..k, so
 * P(Sr | k) = x/(x+k+1) and E[V e^-θV | k] = x/(x+k+1) · (ψ(x+k+2) − ψ(x+1))/θ.
 * k has weights y^k / ((x+1)…(x+k)), summed outward from their mode in log space.
 */
function discountedOfferedWait(x: number, y: number): number {
  const kStar = y - x >= 1 ? Math.floor(y - x) : 0;
  const lnY = Math.log(y);
  const hStar = digammaDiff(x + 1, x + kStar + 2);
  let sumW = 0;
  let sumE = 0;
  // Upward from the mode.
  let lw = 0;
  let h = hStar;
  for (let k = kStar, i = 0; i < MAX_ITER; k += 1, i += 1) {
    const w = Math.exp(lw);
    sumW += w;
    sumE += ((w * x) / (x + k + 1)) * h;
    if (w < sumW * EPS) break;
    lw += lnY - Math.log(x + k + 1);
    h += 1 / (x + k + 2);
  }
  // Downward.
  lw = 0;
  h = hStar;
  for (let k = kStar - 1; k >= 0 && kStar - k < MAX_ITER; k -= 1) {
    lw += Math.log(x + k + 1) - lnY;
    h -= 1 / (x + k + 2);
    const w = Math.exp(lw);
    sumW += w;
    sumE += ((w * x) / (x + k + 1)) * h;
    if (w < sumW * EPS) break;
  }
  return sumE / sumW;
}

function validA(arrivalsPerS: number, ahtS: number, patienceS: number, thresholdS: number, shortAbandonS: number): boolean {
  return (
    isNonNeg(arrivalsPerS) && isPos(ahtS) && !Number.isNaN(patienceS) && patienceS > 0 && isNonNeg(thresholdS) && isNonNeg(shortAbandonS)
  );
}

/**
 * Erlang A (M/M/N+M) performance of N agents: Poisson arrivals at arrivalsPerS,
 * exponential handle times with mean ahtS, exponential patience with mean
 * patienceS (Infinity gives Erlang C). Stable for any N, N < A included. See
 * ErlangAResult for the definitions; shortAbandonS (default 0) leaves callers who
 * hang up sooner than that out of the service level's denominator, like the
 * three-ring rate. All fields NaN for bad input.
 */
export function erlangA(
  agents: number,
  arrivalsPerS: number,
  ahtS: number,
  patienceS: number,
  thresholdS: number,
  shortAbandonS = 0,
): ErlangAResult {
  if (!isCount(agents) || !validA(arrivalsPerS, ahtS, patienceS, thresholdS, shortAbandonS)) return { ...NAN_RESULT };
  if (arrivalsPerS === 0) {
    return { probWait: 0, probAbandon: 0, asaS: 0, meanWaitS: 0, answeredWithin: 1, serviceLevel: 1 };
  }
  const traffic = arrivalsPerS * ahtS;
  if (patienceS === Infinity) {
    const sl = serviceLevelErlangC(agents, traffic, ahtS, thresholdS);
    const asa = asaErlangC(agents, traffic, ahtS);
    return { probWait: erlangC(agents, traffic), probAbandon: 0, asaS: asa, meanWaitS: asa, answeredWithin: sl, serviceLevel: sl };
  }
  if (agents === 0) {
    // Everyone waits and everyone hangs up, after an Exp(patience) wait.
    return { probWait: 1, probAbandon: 1, asaS: NaN, meanWaitS: patienceS, answeredWithin: 0, serviceLevel: 0 };
  }
  const core = erlangACore(agents, arrivalsPerS, ahtS, patienceS, thresholdS, shortAbandonS, lnInvErlangB(agents, traffic));
  const x = (agents * patienceS) / ahtS;
  const y = arrivalsPerS * patienceS;
  const answered = 1 - core.probWait + core.probWait * core.pServedGivenWait;
  const asaS = (core.probWait * discountedOfferedWait(x, y) * patienceS) / answered;
  return {
    probWait: core.probWait,
    probAbandon: core.probAbandon,
    asaS,
    meanWaitS: core.probAbandon * patienceS,
    answeredWithin: core.answeredWithin,
    serviceLevel: core.serviceLevel,
  };
}

/**
 * Smallest N whose Erlang A service level (ErlangAResult.serviceLevel) ≥ target,
 * with that level; null for bad input or beyond maxAgents (default 5000). No
 * arrivals is N = 0 with level 1. Because abandonment keeps the queue stable, N
 * may be below the offered load A = λ·AHT.
 */
export function agentsForServiceLevelA(
  arrivalsPerS: number,
  ahtS: number,
  patienceS: number,
  thresholdS: number,
  target: number,
  maxAgents = 5000,
  shortAbandonS = 0,
): { agents: number; serviceLevel: number } | null {
  if (!validA(arrivalsPerS, ahtS, patienceS, thresholdS, shortAbandonS) || !goodSearch(ahtS, thresholdS, target, maxAgents)) {
    return null;
  }
  if (arrivalsPerS === 0) return { agents: 0, serviceLevel: 1 };
  const traffic = arrivalsPerS * ahtS;
  if (patienceS === Infinity) return agentsForServiceLevelC(traffic, ahtS, thresholdS, target, maxAgents);
  const invB = new InverseErlangB(traffic);
  for (let n = 1; n <= maxAgents; n += 1) {
    invB.step();
    const sl = erlangACore(n, arrivalsPerS, ahtS, patienceS, thresholdS, shortAbandonS, invB.lnInv()).serviceLevel;
    if (sl >= target) return { agents: n, serviceLevel: sl };
  }
  return null;
}
