/**
 * Mastery: how likely the learner is to answer a question of a domain right, from their stored answers.
 *
 * Each answer counts with weight 0.5^(age / half-life), so recent answers weigh more than old ones (half-life 30
 * days; a second, 7-day half-life gives the trend). From the weighted evidence (n answers, c correct):
 *   mean     = (c + 1) / (n + 2)          the mean of a Beta(1 + c, 1 + n − c) posterior (uniform prior)
 *   interval = Wilson score bounds, 90%    so three answers out of three is "somewhere between 56% and 100%"
 */

export const DAY_MS = 86_400_000;
export const HALF_LIFE_MS = 30 * DAY_MS;
export const SHORT_HALF_LIFE_MS = 7 * DAY_MS;
/** 72% correct ≈ the 720 pass mark, with the simulator's proportional scaling. */
export const PASS_FRACTION = 0.72;
const Z90 = 1.6448536269514722;

/** Weighted evidence: `n` answers of which `c` correct, each weighted by its age. */
export interface Evidence {
  n: number;
  c: number;
}

/** The stored, incrementally kept evidence of one question, decayed to `refAt`. */
export interface DecayedState {
  /** long half-life sums */
  w: number;
  wc: number;
  /** short half-life sums (trend) */
  ws: number;
  wcs: number;
  refAt: number;
}

export function decayFactor(fromMs: number, toMs: number, halfLifeMs: number): number {
  return Math.pow(0.5, Math.max(0, toMs - fromMs) / halfLifeMs);
}

/** Add one answer (or, with sign −1, take back an earlier one given at `at`) to a decayed state. */
export function addAnswer(
  s: DecayedState | undefined,
  correct: boolean,
  at: number,
  sign: 1 | -1 = 1,
): DecayedState {
  const base = s ?? { w: 0, wc: 0, ws: 0, wcs: 0, refAt: at };
  const ref = Math.max(base.refAt, at);
  const fL = decayFactor(base.refAt, ref, HALF_LIFE_MS);
  const fS = decayFactor(base.refAt, ref, SHORT_HALF_LIFE_MS);
  const aL = sign * decayFactor(at, ref, HALF_LIFE_MS);
  const aS = sign * decayFactor(at, ref, SHORT_HALF_LIFE_MS);
  const clamp = (x: number): number => (Math.abs(x) < 1e-12 ? 0 : Math.max(0, x));
  return {
    w: clamp(base.w * fL + aL),
    wc: clamp(base.wc * fL + (correct ? aL : 0)),
    ws: clamp(base.ws * fS + aS),
    wcs: clamp(base.wcs * fS + (correct ? aS : 0)),
    refAt: ref,
  };
}

/** The state's evidence as of `now`: long and short half-life. */
export function evidenceAt(s: DecayedState, now: number): { long: Evidence; short: Evidence } {
  const fL = decayFactor(s.refAt, now, HALF_LIFE_MS);
  const fS = decayFactor(s.refAt, now, SHORT_HALF_LIFE_MS);
  return { long: { n: s.w * fL, c: s.wc * fL }, short: { n: s.ws * fS, c: s.wcs * fS } };
}

export function sumEvidence(items: Iterable<Evidence>): Evidence {
  let n = 0;
  let c = 0;
  for (const e of items) {
    n += e.n;
    c += e.c;
  }
  return { n, c };
}

export interface Estimate {
  /** posterior mean, 0–1 */
  mean: number;
  /** 90% Wilson bounds */
  low: number;
  high: number;
  /** weighted number of answers behind it */
  n: number;
}

export function estimate(e: Evidence): Estimate {
  const mean = (e.c + 1) / (e.n + 2);
  if (e.n <= 0) return { mean, low: 0, high: 1, n: 0 };
  const p = Math.min(1, Math.max(0, e.c / e.n));
  const z2 = Z90 * Z90;
  const denom = 1 + z2 / e.n;
  const centre = (p + z2 / (2 * e.n)) / denom;
  const half = (Z90 * Math.sqrt((p * (1 - p)) / e.n + z2 / (4 * e.n * e.n))) / denom;
  return { mean, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n: e.n };
}

/** ↑ improving, ↓ slipping, → steady: the short half-life estimate against the long one. */
export function trend(long: Evidence, short: Evidence): '↑' | '↓' | '→' {
  if (short.n < 2) return '→';
  const d = estimate(short).mean - estimate(long).mean;
  return d > 0.05 ? '↑' : d < -0.05 ? '↓' : '→';
}

/** Enough (weighted) answers to judge a domain by its estimate: three recent answers, not yet 8 days old. */
export const MIN_EVIDENCE = 2.5;
/** A domain holding at least this share of an exam is "heavily weighted". */
export const HEAVY_SHARE = 0.1;

export type WeakReason = 'below-pass' | 'too-little-evidence';

/**
 * The weakness rule: a domain is weak when, with at least 2.5 weighted answers (three recent ones), its mastery
 * estimate is below the 72% pass mark; or when it has less evidence than that but makes up at least 10% of the exam.
 */
export function weakness(est: Estimate, examShare: number): WeakReason | undefined {
  if (est.n >= MIN_EVIDENCE) return est.mean < PASS_FRACTION ? 'below-pass' : undefined;
  return examShare >= HEAVY_SHARE ? 'too-little-evidence' : undefined;
}

/** Weakest first: lower estimate first; among equals, the larger share of the exam first. */
export function rankWeak<T extends { est: Estimate; share: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.est.mean - b.est.mean || b.share - a.share);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface Readiness {
  /** probability of a score at or above the pass mark */
  probability: number;
  /** expected share correct and its standard deviation */
  mean: number;
  sd: number;
  /** weighted answers the estimate rests on */
  answers: number;
}

/**
 * P(pass) for an exam: the expected share correct is the guide-weighted sum of the domain estimates; its
 * uncertainty adds each domain's posterior variance (weight² · m(1 − m) / (n + 3)) to the luck of a 50-question
 * scored exam (m(1 − m) / 50). The probability is the normal tail above 72%.
 */
export function readiness(
  domains: readonly { weight: number; evidence: Evidence }[],
  scoredQuestions = 50,
): Readiness {
  const total = domains.reduce((s, d) => s + d.weight, 0) || 1;
  let mean = 0;
  let modelVar = 0;
  let answers = 0;
  for (const d of domains) {
    const w = d.weight / total;
    const m = (d.evidence.c + 1) / (d.evidence.n + 2);
    mean += w * m;
    modelVar += (w * w * m * (1 - m)) / (d.evidence.n + 3);
    answers += d.evidence.n;
  }
  const sd = Math.sqrt(modelVar + (mean * (1 - mean)) / scoredQuestions);
  return { probability: 1 - normalCdf((PASS_FRACTION - mean) / sd), mean, sd, answers };
}
