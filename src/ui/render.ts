import type { CompiledBank, CompiledQuestion, SectionRef } from '../bank/compiled.js';
import { correctIndices, type Result } from '../core/scoring.js';
import { c, bar, clock, safe } from './color.js';

export const LETTERS = 'ABCDEFGH';

export function sectionPointer(s: SectionRef): string {
  return `${s.file}:${s.line} ${s.path.join(' › ')}`;
}

export function pointersOf(bank: CompiledBank, q: CompiledQuestion): string[] {
  return q.sections.flatMap((id) => {
    const s = bank.sections[id];
    return s ? [sectionPointer(s)] : [];
  });
}

/** Letters of the given original option indices, as the learner saw them. */
export function lettersOf(optionOrder: readonly number[], originals: readonly number[]): string {
  return (
    originals
      .map((o) => optionOrder.indexOf(o))
      .sort((a, b) => a - b)
      .map((d) => LETTERS[d])
      .join(', ') || '—'
  );
}

/** After an answer in practice mode: right or wrong, every option's why, the note warning and the pointer. */
export function renderFeedback(
  bank: CompiledBank,
  q: CompiledQuestion,
  optionOrder: readonly number[],
  selection: readonly number[],
  correct: boolean,
): string {
  const keys = correctIndices(q);
  const out: string[] = [];
  out.push(
    correct
      ? c.green.bold('✔ Correct')
      : c.red.bold(
          `✘ Incorrect — you chose ${lettersOf(optionOrder, selection)}, the answer is ${lettersOf(optionOrder, keys)}`,
        ),
  );
  optionOrder.forEach((orig, d) => {
    const o = q.options[orig]!;
    const mark = o.correct ? c.green('✔') : selection.includes(orig) ? c.red('✘') : c.dim('·');
    out.push(`${mark} ${LETTERS[d]}. ${safe(o.text)}`);
    out.push(`     ${c.dim(safe(o.why))}`);
  });
  if (q.note_warning) out.push(c.yellow(`⚠ Your note is out of date: ${safe(q.note_warning.trim())}`));
  for (const p of pointersOf(bank, q)) out.push(`${c.cyan('→ Re-read')} ${p}`);
  for (const r of q.references ?? []) out.push(c.dim(`  ${r}`));
  return out.join('\n');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function domainTable(rows: Result['byDomain'], label: (key: string) => string): string[] {
  const width = Math.max(...rows.map((r) => label(r.key).length), 6);
  return rows.map((r) => {
    const f = r.total ? r.correct / r.total : 0;
    return `  ${pad(label(r.key), width)}  ${String(r.correct).padStart(3)}/${String(r.total).padEnd(3)} ${bar(f)} ${String(Math.round(f * 100)).padStart(3)}%`;
  });
}

export interface ResultContext {
  bank: CompiledBank;
  title: string;
  questions: CompiledQuestion[];
  items: { optionOrder: readonly number[] }[];
  answers: readonly (readonly number[] | null)[];
  exam: string | null;
  mock: boolean;
  elapsedMs: number;
  timeLimitMs: number | null;
  timedOut: boolean;
  attemptId: number;
}

export function renderResult(r: Result, ctx: ResultContext): string {
  const out: string[] = [];
  const examDef = ctx.exam ? ctx.bank.taxonomy.exams[ctx.exam] : undefined;
  out.push('');
  out.push(c.bold(`Results — ${ctx.title}`));
  if (ctx.timedOut)
    out.push(c.yellow(`Time ran out: ${r.total - r.answered} unanswered question(s) count as wrong.`));
  out.push(
    `Score: ${r.correct}/${r.total} correct (${r.percent}%)${r.answered < r.total ? ` · ${r.total - r.answered} unanswered` : ''}`,
  );
  if (ctx.mock && r.scaled !== undefined && examDef) {
    const verdict = r.passed ? c.green.bold('PASS') : c.red.bold('FAIL');
    out.push(
      `Estimated scaled score: ${c.bold(String(r.scaled))} / 1000 — ${verdict} (${examDef.pass_scaled} needed)`,
    );
    out.push(
      c.dim(
        '  An estimate: AWS does not publish its scaling. awsquiz maps the share correct proportionally (72% ≈ 720) and counts all 65 questions, while the real exam scores 50 and does not say which.',
      ),
    );
  }
  out.push(`Time used: ${clock(ctx.elapsedMs)}${ctx.timeLimitMs ? ` of ${clock(ctx.timeLimitMs)}` : ''}`);
  if (r.byGuide && examDef && ctx.mock) {
    out.push('');
    out.push(c.bold('By exam-guide domain'));
    out.push(...domainTable(r.byGuide, (k) => `${k} ${examDef.guide_domains[k]?.title ?? ''}`));
  }
  out.push('');
  out.push(c.bold('By topic'));
  out.push(...domainTable(r.byDomain, (k) => k));
  if (r.missed.length) {
    out.push('');
    out.push(c.bold(`Missed (${r.missed.length})`));
    for (const m of r.missed) {
      const q = ctx.questions[m.seq]!;
      const order = ctx.items[m.seq]!.optionOrder;
      const keys = correctIndices(q);
      const stem = safe(q.stem.replace(/\s+/g, ' ').trim());
      out.push(
        `${String(m.seq + 1).padStart(3)}. ${c.dim(`[${q.domain}]`)} ${stem.length > 110 ? `${stem.slice(0, 107)}…` : stem}`,
      );
      const given = ctx.answers[m.seq];
      out.push(
        `     ${given ? `you chose ${c.red(lettersOf(order, given))}` : c.yellow('unanswered')} · answer ${c.green(lettersOf(order, keys))}: ${safe(
          keys.map((k) => q.options[k]!.text).join(' + '),
        )}`,
      );
      for (const p of pointersOf(ctx.bank, q)) out.push(`     ${c.cyan('→')} ${p}`);
      if (q.note_warning)
        out.push(
          `     ${c.yellow('⚠ note out of date — see the explanation with `awsquiz notes ' + q.id + '`')}`,
        );
    }
  }
  if (r.reread.length) {
    out.push('');
    out.push(c.bold('Re-read first'));
    for (const { section, misses } of r.reread.slice(0, 5)) {
      const s = ctx.bank.sections[section];
      if (s) out.push(`  ${sectionPointer(s)} ${c.dim(`(${misses} missed)`)}`);
    }
  }
  out.push('');
  out.push(
    c.dim(
      `Attempt #${ctx.attemptId} saved. Walk through it: \`awsquiz review --attempt ${ctx.attemptId}\` (add --wrong for the misses) · report: \`awsquiz report ${ctx.attemptId}\``,
    ),
  );
  return out.join('\n');
}
