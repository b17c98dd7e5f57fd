import asciichart from 'asciichart';
import type { CompiledBank } from '../bank/compiled.js';
import type { MasteryReport } from '../commands/stats.js';
import type { MasteryRow } from '../core/domain-mastery.js';
import { bar, c } from './color.js';
import { sectionPointer } from './render.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function day(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 10);
}

function table(bank: CompiledBank, rows: MasteryRow[], label: (k: string) => string): string[] {
  const width = Math.max(8, ...rows.map((r) => label(r.key).length));
  const out = [
    c.dim(
      `  ${'domain'.padEnd(width)}  answered  right  mastery (90% interval)             trend  last seen`,
    ),
  ];
  for (const r of rows) {
    const interval =
      r.est.n > 0
        ? `${pct(r.est.mean).padStart(4)} [${pct(r.est.low)}–${pct(r.est.high)}]`
        : '   — no answers yet';
    const weak =
      r.weak === 'below-pass'
        ? c.red(' weak')
        : r.weak === 'too-little-evidence'
          ? c.yellow(' weak: too few answers')
          : '';
    out.push(
      `  ${label(r.key).padEnd(width)}  ${String(r.answered).padStart(8)}  ${String(r.correct).padStart(5)}  ${bar(r.est.n > 0 ? r.est.mean : 0, 12)} ${interval.padEnd(20)}  ${r.trend}     ${day(r.lastAt)}${weak}`,
    );
    for (const m of r.missedSections.slice(0, 2)) {
      const s = bank.sections[m.section];
      if (s) out.push(c.dim(`      ${m.misses} missed → ${sectionPointer(s)}`));
    }
  }
  return out;
}

export function renderStats(bank: CompiledBank, r: MasteryReport): string {
  const out: string[] = [];
  const examTitle = r.exam ? bank.taxonomy.exams[r.exam]!.title : 'all exams';
  const answered = r.topics.reduce((s, x) => s + x.answered, 0);
  out.push(c.bold(`Mastery — ${examTitle}`));
  if (answered === 0) {
    out.push('No answers yet. Start with a diagnostic: `awsquiz exam --exam saa --count 30`.');
    return `${out.join('\n')}\n`;
  }
  out.push(
    c.dim(
      'Recent answers weigh more (30-day half-life); weak = below 72% with 3+ answers, or too few answers in a domain that is 10%+ of the exam.',
    ),
  );
  out.push('', c.bold('By topic, weakest first'));
  out.push(...table(bank, r.topics, (k) => k));
  if (r.exam && r.guides.length) {
    const def = bank.taxonomy.exams[r.exam]!;
    out.push('', c.bold('By exam-guide domain'));
    out.push(...table(bank, r.guides, (k) => `${k} ${def.guide_domains[k]?.title ?? ''}`));
  }
  const weakSections = r.sections.filter((x) => x.answered > 0 && x.est.mean < 0.72).slice(0, 5);
  if (weakSections.length) {
    out.push('', c.bold('Note sections to re-read (lowest mastery)'));
    for (const x of weakSections) {
      const s = bank.sections[x.key];
      if (s)
        out.push(
          `  ${pct(x.est.mean).padStart(4)} [${pct(x.est.low)}–${pct(x.est.high)}] ${sectionPointer(s)}`,
        );
    }
  }
  if (r.attempts.length >= 2) {
    const series = r.attempts.slice(-30).map((a) => a.percent);
    out.push('', c.bold(`Score trend, last ${series.length} attempts (% correct)`));
    out.push(
      asciichart.plot(series, {
        height: 6,
        min: 0,
        max: 100,
        format: (x: number) => `${x.toFixed(0).padStart(4)}% `,
      }),
    );
  }
  out.push('', c.bold('Readiness'));
  for (const [id, x] of Object.entries(r.readiness)) {
    const p = x.probability;
    const colour = p >= 0.8 ? c.green : p >= 0.5 ? c.yellow : c.red;
    out.push(
      `  ${id.toUpperCase()}: ${colour.bold(`${Math.round(p * 100)}%`)} estimated chance of ≥ 720 — expected ${pct(x.mean)} ± ${pct(x.sd)} correct, from ${x.answers.toFixed(1)} weighted answers`,
    );
  }
  out.push(
    c.dim(
      '  An estimate from your answers weighted by the exam guide; see README "How readiness is estimated".',
    ),
  );
  return `${out.join('\n')}\n`;
}

/** After a review session: each drilled domain's mastery before and after. */
export function renderBeforeAfter(before: MasteryRow[], after: MasteryRow[], domains: string[]): string {
  const out = ['', c.bold('Mastery before → after this session')];
  for (const d of domains) {
    const b = before.find((r) => r.key === d);
    const a = after.find((r) => r.key === d);
    if (!a) continue;
    const was = b && b.est.n > 0 ? pct(b.est.mean) : '—';
    out.push(
      `  ${d.padEnd(14)} ${was.padStart(4)} → ${pct(a.est.mean).padStart(4)}  ${bar(a.est.mean, 12)} [${pct(a.est.low)}–${pct(a.est.high)}]${a.weak ? c.red(' still weak') : c.green(' ok')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
