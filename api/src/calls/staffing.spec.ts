/** Erlang C and A against published worked examples, hand-derived closed forms and their limits. */
import { describe, expect, it } from 'vitest';
import { agentsForServiceLevelA, agentsForServiceLevelC, asaErlangC, erlangA, erlangC, serviceLevelErlangC } from './staffing.js';

/** |actual − expected| ≤ tol. */
const near = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
/** Relative closeness. */
const rel = (actual: number, expected: number, tol: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tol);

describe('Erlang C against published worked examples', () => {
  it('reproduces the Mitan "Erlang-C formula" walk-through (360 calls per half hour, 4 min, 55 agents, 15 s)', () => {
    // Source: Mitan Ltd, "The Erlang-C formula", http://mitan.co.uk/erlang/elgcmath.htm, steps (1)–(10):
    // λ = 360 / 1800 s = 0.2 /s, AHT 240 s, so A = 48 Erlangs, m = 55, target time 15 s.
    // Published figures (to 4 digits, as restated in a Maxima session that checks them against
    // that page: "the numerical values agree with those stated on the web page"):
    // E_C = 0.2387, T_w = 8.184 s, P(wait ≤ 15 s) = 0.8459.
    near(erlangC(55, 48), 0.2387, 0.00005);
    near(asaErlangC(55, 48, 240), 8.184, 0.0005);
    near(serviceLevelErlangC(55, 48, 240, 15), 0.8459, 0.00005);
  });

  it('reproduces the Call Centre Helper example (100 calls in 30 min, AHT 180 s, 80 % in 20 s)', () => {
    // Source: Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example",
    // https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm (A = 10 Erlangs, 11 raw agents
    // first, then up to the 80 % target). Figures as published, to 7 digits, in the README of the CRAN
    // package ErlangC 0.1.0 (https://stat.ethz.ch/CRAN/web/packages/ErlangC/readme/README.html),
    // erlang_c(100, 30 min, 180 s, 20 s, n) and calculate_agents(…, require_service_level = 0.8):
    //   n = 11: wait_probability 0.6821182, service_level 0.3896138
    //   n = 14: wait_probability 0.1741319, service_level 0.88835, ASA 7.83593701177724 s,
    //           immediate_answer_probability 0.8258681, agents 14.
    // The pyworkforce docs (docs/tutorials/erlangc_example.rst) give the same case: raw_positions 14,
    // service_level 0.888, waiting_probability 0.174.
    const a = (100 / 1800) * 180;
    near(erlangC(11, a), 0.6821182, 5e-8);
    near(serviceLevelErlangC(11, a, 180, 20), 0.3896138, 5e-8);
    near(erlangC(14, a), 0.1741319, 5e-8);
    near(1 - erlangC(14, a), 0.8258681, 5e-8);
    near(serviceLevelErlangC(14, a, 180, 20), 0.88835, 5e-6);
    rel(asaErlangC(14, a, 180), 7.83593701177724, 1e-12);
    const needed = agentsForServiceLevelC(a, 180, 20, 0.8);
    expect(needed?.agents).toBe(14);
    near(needed?.serviceLevel ?? NaN, 0.88835, 5e-6);
  });

  it('reproduces the CC-Excel / Westbay forum answer (57 calls of 1110 s, 21 agents: 80.7 % in 180 s; 23 agents for 20 s)', () => {
    // Source: erlang.com (Westbay / CC-Excel) support forum, thread "CCXLService", 12 Jan 2021, reply by
    // Tom Howard: 21 agents, 57 calls at 1110 s duration, target 180 s → "80.7%"; changing the target
    // time to 20 s "increase[s] the estimated agents required from 21 to 23" (80 % target).
    // The thread does not restate the interval; one hour (A = 57 × 1110 / 3600 = 17.575 E) is the
    // calculator's default and is the one that reproduces both numbers.
    const a = (57 * 1110) / 3600;
    near(serviceLevelErlangC(21, a, 1110, 180), 0.807, 0.0005);
    expect(agentsForServiceLevelC(a, 1110, 180, 0.8)?.agents).toBe(21);
    expect(agentsForServiceLevelC(a, 1110, 20, 0.8)?.agents).toBe(23);
  });
});

describe('Erlang A against published figures', () => {
  it("reproduces Mandelbaum & Zeltyn's Erlang-C vs Erlang-A case (50 agents, 48 calls/min, 1 min, patience 2 min)", () => {
    // Source: A. Mandelbaum & S. Zeltyn, "Service Engineering in Action: The Palm/Erlang-A Queue, with
    // Applications to Call Centers" (Technion, 2005), introduction: comparison of Erlang-C and Erlang-A
    // (computed with 4CallCenters) for 50 agents, 2880 calls/hour, 1 min average service time, 2 min
    // average patience. Erlang-A column: 3.1 % abandon, average wait 3.7 s, agents' occupancy 93 %.
    // (Read through restatements: the setup in Zinnov's "Introduction to Erlang" blog, the three
    // figures in a public test suite quoting the table; the paper itself was not retrievable here.)
    // Their "average wait" is E[W] over all callers (P(Ab) = θ·E[W]), our meanWaitS.
    const r = erlangA(50, 48 / 60, 60, 120, 20);
    near(r.probAbandon, 0.031, 0.0005);
    near(r.meanWaitS, 3.7, 0.05);
    const occupancy = (48 * (1 - r.probAbandon)) / 50;
    near(occupancy, 0.93, 0.005);
    rel(r.meanWaitS, r.probAbandon * 120, 1e-12);
  });

  it('reproduces the pyworkforce Erlang A guide (100 calls / 30 min, AHT 3 min, patience 5 min, 80 % in 20 s)', () => {
    // Source: pyworkforce documentation, docs/guide/erlanga.md, "Basic usage":
    // ErlangA(transactions=100, aht=3, asa=20/60, interval=30, patience=5).required_positions(0.8, …)
    // → raw_positions 13, service_level 0.858…, abandonment_probability 0.025…, waiting_probability
    //   0.226…, average_speed_of_answer 0.125… (minutes; pyworkforce computes it as E[Q]/λ, the mean
    //   wait of all arrivals, i.e. our meanWaitS). Its service level is P(answered within 20 s) over
    //   all arrivals, our answeredWithin. (Its occupancy 0.85 and abandonment 0.05 caps do not bind.)
    const lambda = 100 / 1800;
    const r = erlangA(13, lambda, 180, 300, 20);
    // The guide prints each figure to 3 decimals followed by "…", i.e. rounded: ±0.0005.
    near(r.answeredWithin, 0.858, 0.0005);
    near(r.probAbandon, 0.025, 0.0005);
    near(r.probWait, 0.226, 0.0005);
    near(r.meanWaitS / 60, 0.125, 0.0005);
    near((lambda * 180 * (1 - r.probAbandon)) / 13, 0.75, 0.0005); // occupancy 0.750…
    expect(agentsForServiceLevelA(lambda, 180, 300, 20, 0.8)?.agents).toBe(13);
    // …where Erlang C, on the same calls, needs 14 (previous describe): abandonment lowers the need.
    expect(agentsForServiceLevelC(lambda * 180, 180, 20, 0.8)?.agents).toBe(14);
  });
});

describe('Erlang A against hand-derived closed forms (patience = AHT)', () => {
  // With θ = μ the death rate in state j is min(j,n)μ + (j−n)⁺θ = jμ for every j: the number in the
  // system is that of an M/M/∞ queue, Poisson(a). By PASTA, P(W > 0) = P(N ≥ n), and by
  // θ·E[Q] = λ·P(Ab), P(Ab) = E[(N − n)⁺]/a. This is independent of the incomplete-gamma route.
  const poisson = (a: number, n: number) => {
    let p = Math.exp(-a);
    let tail = 0;
    let excess = 0;
    for (let j = 0; j < a + 40 * Math.sqrt(a) + 50; j += 1) {
      if (j > 0) p *= a / j;
      if (j >= n) {
        tail += p;
        excess += (j - n) * p;
      }
    }
    return { probWait: tail, probAbandon: excess / a };
  };

  it.each([
    [1, 1],
    [5, 0.3],
    [30, 40],
    [100, 100],
    [250, 240],
  ])('n = %i, a = %f: P(W > 0) = P(Poisson(a) ≥ n), P(Ab) = E[(N−n)⁺]/a', (n, a) => {
    const aht = 120;
    const r = erlangA(n, a / aht, aht, aht, 20);
    const h = poisson(a, n);
    rel(r.probWait, h.probWait, 1e-10);
    rel(r.probAbandon, h.probAbandon, 1e-10);
  });

  it('n = 1: service level, short abandons and ASA match the M/M/1+M closed forms', () => {
    // Derivation (n = 1, θ = μ, a = λ/μ, w = 1 − e^(−μT)): a caller finding j ≥ 1 in the system has
    // j − 1 ahead, and its offered wait V is then the maximum of j Exp(μ) clocks (rates μ, 2μ, …, jμ),
    // so P(V ≤ t) = w^j and P(answered, V ≤ T) = E[e^(−μV); V ≤ T] = w^j − j/(j+1)·w^(j+1).
    // Summing against P(N = j) = e^(−a) a^j / j!:
    //   P(answered within T) = e^(−a) [e^(aw)(1 − w) + w + (e^(aw) − 1 − aw)/a]
    // and with w_s = 1 − e^(−μs), P(abandon with wait < s) = 1 − E[e^(−μ min(V, s))] summed likewise:
    //   = w_s (1 − e^(−a)) − (e^(−a)/a)(e^(a w_s) − 1 − a w_s)
    // The answered mean wait: E[V e^(−μV); served] summed = (a/μ) ∫₀^∞ s e^(−2s) e^(−a e^(−s)) ds,
    // divided by P(answered) = (1 − e^(−a))/a. At T, s → ∞ these give 1 − P(Ab) and P(Ab).
    const a = 1.7;
    const aht = 90;
    const mu = 1 / aht;
    const T = 25;
    const s = 8;
    const r = erlangA(1, a / aht, aht, aht, T, s);
    const w = 1 - Math.exp(-mu * T);
    const ws = 1 - Math.exp(-mu * s);
    const answeredWithin = Math.exp(-a) * (Math.exp(a * w) * (1 - w) + w + (Math.exp(a * w) - 1 - a * w) / a);
    const abandonedShort = ws * (1 - Math.exp(-a)) - (Math.exp(-a) / a) * (Math.exp(a * ws) - 1 - a * ws);
    rel(r.answeredWithin, answeredWithin, 1e-12);
    rel(r.serviceLevel, answeredWithin / (1 - abandonedShort), 1e-12);
    rel(r.probAbandon, (a - 1 + Math.exp(-a)) / a, 1e-12);
    // Simpson's rule on [0, 60] (the integrand is e^(−2s)-small beyond).
    const steps = 20_000;
    const h = 60 / steps;
    let integral = 0;
    for (let i = 0; i <= steps; i += 1) {
      const x = i * h;
      const f = x * Math.exp(-2 * x - a * Math.exp(-x));
      integral += f * (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2);
    }
    integral *= h / 3;
    rel(r.asaS, ((a / mu) * integral) / ((1 - Math.exp(-a)) / a), 1e-9);
    // Threshold 0 is "answered at once"; an infinite one is "answered at all".
    rel(erlangA(1, a / aht, aht, aht, 0).answeredWithin, Math.exp(-a), 1e-12);
    rel(erlangA(1, a / aht, aht, aht, 1e9).answeredWithin, (1 - Math.exp(-a)) / a, 1e-12);
  });
});

describe('Erlang A converges to Erlang C as patience grows', () => {
  it.each([
    // [agents, traffic, AHT, threshold]
    [55, 48, 240, 15],
    [14, 10, 180, 20],
    [1050, 1000, 180, 20],
  ])('N = %i, A = %f', (n, a, aht, t) => {
    const c = { probWait: erlangC(n, a), sl: serviceLevelErlangC(n, a, aht, t), asa: asaErlangC(n, a, aht) };
    let previousGap = Infinity;
    for (const patience of [1e3, 1e5, 1e7, 1e9]) {
      const r = erlangA(n, a / aht, aht, patience, t);
      const gap = Math.abs(r.answeredWithin - c.sl) + Math.abs(r.probWait - c.probWait) + Math.abs(r.asaS - c.asa) / c.asa;
      expect(gap).toBeLessThan(previousGap);
      previousGap = gap;
    }
    const r = erlangA(n, a / aht, aht, 1e9, t);
    rel(r.probWait, c.probWait, 1e-6);
    rel(r.answeredWithin, c.sl, 1e-6);
    rel(r.asaS, c.asa, 1e-5);
    expect(r.probAbandon).toBeLessThan(1e-6);
    // Infinite patience is Erlang C exactly.
    const inf = erlangA(n, a / aht, aht, Infinity, t);
    expect(inf.serviceLevel).toBe(c.sl);
    expect(inf.probWait).toBe(c.probWait);
    expect(inf.probAbandon).toBe(0);
  });

  it('agrees with Erlang C on the agents needed once patience is very long', () => {
    expect(agentsForServiceLevelA(1000 / 180, 180, 1e7, 20, 0.8)?.agents).toBe(agentsForServiceLevelC(1000, 180, 20, 0.8)?.agents);
  });
});

describe('monotonicity in the number of agents', () => {
  it('Erlang C: more agents, less waiting and a higher service level', () => {
    let previous = { c: 2, sl: -1, asa: Infinity };
    for (let n = 1; n <= 40; n += 1) {
      const c = erlangC(n, 20);
      const sl = serviceLevelErlangC(n, 20, 180, 20);
      const asa = asaErlangC(n, 20, 180);
      expect(c).toBeLessThanOrEqual(previous.c);
      expect(sl).toBeGreaterThanOrEqual(previous.sl);
      expect(asa).toBeLessThanOrEqual(previous.asa);
      previous = { c, sl, asa };
    }
  });

  it.each([
    [20, 60], // patience shorter than AHT
    [20, 600],
    [300, 30], // heavy load, impatient callers: N runs far below A
  ])('Erlang A, A = %f E, patience %f s', (a, patience) => {
    let previous = { probWait: 2, probAbandon: 2, sl: -1, asa: Infinity };
    for (let n = 0; n <= a + 40; n += 1) {
      const r = erlangA(n, a / 180, 180, patience, 20, 5);
      expect(r.probWait).toBeLessThanOrEqual(previous.probWait + 1e-15);
      expect(r.probAbandon).toBeLessThanOrEqual(previous.probAbandon + 1e-15);
      expect(r.answeredWithin).toBeGreaterThanOrEqual(previous.sl - 1e-15);
      if (n > 0) expect(r.asaS).toBeLessThanOrEqual(previous.asa * (1 + 1e-12));
      expect(r.serviceLevel).toBeGreaterThanOrEqual(r.answeredWithin);
      previous = { probWait: r.probWait, probAbandon: r.probAbandon, sl: r.answeredWithin, asa: n > 0 ? r.asaS : Infinity };
    }
  });
});

describe('edge cases', () => {
  it('zero traffic needs nobody and waits for nothing', () => {
    expect(erlangC(5, 0)).toBe(0);
    expect(serviceLevelErlangC(0, 0, 180, 20)).toBe(1);
    expect(asaErlangC(3, 0, 180)).toBe(0);
    expect(agentsForServiceLevelC(0, 180, 20, 0.8)).toEqual({ agents: 0, serviceLevel: 1 });
    expect(agentsForServiceLevelC(-1, 180, 20, 0.8)).toEqual({ agents: 0, serviceLevel: 1 });
    expect(erlangA(4, 0, 180, 60, 20)).toMatchObject({ probWait: 0, probAbandon: 0, answeredWithin: 1, serviceLevel: 1 });
    expect(agentsForServiceLevelA(0, 180, 60, 20, 0.8)).toEqual({ agents: 0, serviceLevel: 1 });
  });

  it('Erlang C is unstable with N ≤ A; Erlang A is not', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(9, 10)).toBe(1);
    expect(serviceLevelErlangC(10, 10, 180, 20)).toBe(0);
    expect(asaErlangC(9, 10, 180)).toBe(Infinity);
    const r = erlangA(9, 10 / 180, 180, 120, 20);
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
    expect(r.probWait).toBeLessThan(1);
    expect(r.answeredWithin).toBeGreaterThan(0);
    // Far overloaded with very patient callers: the fluid limit, P(Ab) → 1 − N/A.
    near(erlangA(900, 1000 / 180, 180, 1e7, 20).probAbandon, 0.1, 1e-6);
    // At 1000 Erlangs with two-minute patience Erlang A staffs below the offered load.
    const needed = agentsForServiceLevelA(1000 / 180, 180, 120, 20, 0.8);
    expect(needed).not.toBeNull();
    expect(needed!.agents).toBeLessThan(1000);
    expect(needed!.agents).toBeLessThan(agentsForServiceLevelC(1000, 180, 20, 0.8)!.agents);
  });

  it('no agents: everyone waits and everyone hangs up', () => {
    const r = erlangA(0, 0.1, 60, 45, 20);
    expect(r).toMatchObject({ probWait: 1, probAbandon: 1, answeredWithin: 0, serviceLevel: 0, meanWaitS: 45 });
    expect(r.asaS).toBeNaN();
  });

  it('stays finite and exact with hundreds to thousands of agents', () => {
    expect(erlangC(5000, 1000)).toBe(0);
    expect(serviceLevelErlangC(5000, 1000, 180, 20)).toBe(1);
    const c = erlangC(1020, 1000);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    for (const n of [1, 500, 999, 1001, 1200, 4000]) {
      const r = erlangA(n, 1000 / 180, 180, 120, 20);
      for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
    }
    // Minimality of the search at 1000 Erlangs, both models.
    const nc = agentsForServiceLevelC(1000, 180, 20, 0.8)!;
    expect(serviceLevelErlangC(nc.agents, 1000, 180, 20)).toBe(nc.serviceLevel);
    expect(serviceLevelErlangC(nc.agents - 1, 1000, 180, 20)).toBeLessThan(0.8);
    const na = agentsForServiceLevelA(1000 / 180, 180, 120, 20, 0.8)!;
    expect(erlangA(na.agents, 1000 / 180, 180, 120, 20).serviceLevel).toBeCloseTo(na.serviceLevel, 14);
    expect(erlangA(na.agents - 1, 1000 / 180, 180, 120, 20).serviceLevel).toBeLessThan(0.8);
  });

  it('caps the search at maxAgents', () => {
    expect(agentsForServiceLevelC(100, 180, 20, 0.8, 100)).toBeNull();
    expect(agentsForServiceLevelC(100, 180, 20, 0.8, 120)?.agents).toBeGreaterThan(100);
    expect(agentsForServiceLevelA(100 / 180, 180, 1e6, 20, 0.8, 50)).toBeNull();
    expect(agentsForServiceLevelC(6000, 180, 20, 0.8)).toBeNull(); // default cap 5000
  });

  it('answers null or NaN for bad input', () => {
    expect(erlangC(-1, 5)).toBeNaN();
    expect(erlangC(2.5, 1)).toBeNaN();
    expect(erlangC(5, NaN)).toBeNaN();
    expect(erlangC(5, -1)).toBeNaN();
    expect(serviceLevelErlangC(5, 2, 0, 20)).toBeNaN();
    expect(serviceLevelErlangC(5, 2, 180, -1)).toBeNaN();
    expect(asaErlangC(5, 2, -3)).toBeNaN();
    for (const target of [0, 1, 1.2, -0.1, NaN]) expect(agentsForServiceLevelC(10, 180, 20, target)).toBeNull();
    expect(agentsForServiceLevelC(NaN, 180, 20, 0.8)).toBeNull();
    expect(agentsForServiceLevelC(10, 0, 20, 0.8)).toBeNull();
    expect(agentsForServiceLevelC(10, 180, 20, 0.8, -1)).toBeNull();
    expect(erlangA(5, 0.1, 180, 0, 20).serviceLevel).toBeNaN();
    expect(erlangA(5, -0.1, 180, 60, 20).probWait).toBeNaN();
    expect(erlangA(1.5, 0.1, 180, 60, 20).probWait).toBeNaN();
    expect(agentsForServiceLevelA(0.1, 180, -5, 20, 0.8)).toBeNull();
    expect(agentsForServiceLevelA(0.1, 180, 60, 20, 1)).toBeNull();
  });

  it('counts abandons as failures, so impatient callers can also raise the Erlang A need', () => {
    // serviceLevel with shortAbandonS = 0 is P(answered within T) over all arrivals. When callers hang
    // up long before the threshold, each abandon is a miss that Erlang C (whose callers all wait and
    // are mostly answered within a long threshold) does not have: at 0.5 E, 30 s threshold and 1 s
    // patience, 3 agents reach 99 % by Erlang C but not by Erlang A.
    const lambda = 0.5 / 180;
    expect(serviceLevelErlangC(3, 0.5, 180, 30)).toBeGreaterThanOrEqual(0.99);
    expect(erlangA(3, lambda, 180, 1, 30).serviceLevel).toBeLessThan(0.99);
    expect(agentsForServiceLevelA(lambda, 180, 1, 30, 0.99)!.agents).toBeGreaterThan(agentsForServiceLevelC(0.5, 180, 30, 0.99)!.agents);
    // Leaving short abandons out of the denominator (three-ring rate) raises the level.
    const r = erlangA(3, lambda, 180, 1, 30, 5);
    expect(r.serviceLevel).toBeGreaterThan(r.answeredWithin);
    expect(erlangA(3, lambda, 180, 1, 30).serviceLevel).toBe(erlangA(3, lambda, 180, 1, 30).answeredWithin);
  });
});
