import type { CompiledBank } from '../bank/compiled.js';
import { isCorrect } from '../core/scoring.js';
import type { AttemptView } from './attempt-view.js';
import { c, clock, safe } from './color.js';
import { attemptTitle } from './exam-loop.js';
import { LETTERS, pointersOf, sectionPointer } from './render.js';

export type Filter = 'all' | 'wrong' | 'flagged';

function selected(view: AttemptView, i: number, filter: Filter): boolean {
  const ok = isCorrect(view.questions[i]!, view.answers[i] ?? null);
  return filter === 'all' || (filter === 'wrong' && !ok) || (filter === 'flagged' && view.flags[i] === true);
}

/** Every question of an attempt as asked: the stem, your answer, the key, each option's why, warning and pointer. */
export function renderWalkthrough(bank: CompiledBank, view: AttemptView, filter: Filter): string {
  const out: string[] = [];
  const { attempt, result } = view;
  out.push(
    c.bold(
      `Attempt #${attempt.id} — ${attemptTitle(bank, attempt)} · ${new Date(attempt.startedAt).toLocaleString('sv-SE').slice(0, 16)}`,
    ),
  );
  out.push(
    `Score ${result.correct}/${result.total} (${result.percent}%)${result.scaled ? ` · estimated scaled score ${result.scaled}` : ''} · time ${clock(attempt.elapsedMs)}`,
  );
  let shown = 0;
  view.questions.forEach((q, i) => {
    if (!selected(view, i, filter)) return;
    shown++;
    const order = view.items[i]!.optionOrder;
    const given = view.answers[i] ?? null;
    const ok = isCorrect(q, given);
    const verdict = given === null ? c.yellow('unanswered') : ok ? c.green('✔ right') : c.red('✘ wrong');
    out.push('');
    out.push(
      c.bold(
        `── ${i + 1} of ${view.questions.length} · ${q.domain} · ${verdict}${view.flags[i] ? c.magenta(' ⚑ marked') : ''} ${c.dim(q.id)}`,
      ),
    );
    out.push(safe(q.stem.trim()));
    order.forEach((orig, d) => {
      const o = q.options[orig]!;
      const mine = given?.includes(orig) ?? false;
      const mark = o.correct ? c.green('✔') : mine ? c.red('✘') : c.dim('·');
      const who = [o.correct ? c.green('answer') : '', mine ? c.cyan('your choice') : '']
        .filter(Boolean)
        .join(', ');
      out.push(`${mark} ${LETTERS[d]}. ${safe(o.text)}${who ? `  ${c.dim('(')}${who}${c.dim(')')}` : ''}`);
      out.push(`     ${c.dim(safe(o.why))}`);
    });
    if (q.note_warning) out.push(c.yellow(`⚠ Your note is out of date: ${safe(q.note_warning.trim())}`));
    for (const p of pointersOf(bank, q)) out.push(`${c.cyan('→ Re-read')} ${p}`);
  });
  if (!shown)
    out.push(
      '',
      filter === 'wrong' ? 'No wrong answers in this attempt.' : 'No question was marked for review.',
    );
  return `${out.join('\n')}\n`;
}

function mdEscape(s: string): string {
  return safe(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The attempt as a Markdown report: scores, the domain table, every question with answer, key, why and pointer. */
export function renderMarkdown(bank: CompiledBank, view: AttemptView): string {
  const { attempt, result } = view;
  const lines: string[] = [];
  lines.push(`# awsquiz report — attempt #${attempt.id}: ${attemptTitle(bank, attempt)}`, '');
  lines.push(`- Started: ${new Date(attempt.startedAt).toISOString()}`);
  lines.push(
    `- State: ${attempt.state}; time used ${clock(attempt.elapsedMs)}${attempt.timeLimitMs ? ` of ${clock(attempt.timeLimitMs)}` : ''}`,
  );
  lines.push(
    `- Score: ${result.correct}/${result.total} correct (${result.percent}%), ${result.total - result.answered} unanswered`,
  );
  if (result.scaled !== undefined)
    lines.push(
      `- Estimated scaled score: ${result.scaled}/1000 — ${result.passed ? 'PASS' : 'FAIL'} (estimate: 72% ≈ 720, see README)`,
    );
  lines.push('', '## By topic', '', '| domain | correct | total | % |', '| --- | --- | --- | --- |');
  for (const r of result.byDomain)
    lines.push(
      `| ${r.key} | ${r.correct} | ${r.total} | ${r.total ? Math.round((r.correct / r.total) * 100) : 0} |`,
    );
  if (result.byGuide && view.mock && attempt.exam) {
    const def = bank.taxonomy.exams[attempt.exam]!;
    lines.push(
      '',
      '## By exam-guide domain',
      '',
      '| guide domain | correct | total | % |',
      '| --- | --- | --- | --- |',
    );
    for (const r of result.byGuide)
      lines.push(
        `| ${r.key} ${def.guide_domains[r.key]?.title ?? ''} | ${r.correct} | ${r.total} | ${r.total ? Math.round((r.correct / r.total) * 100) : 0} |`,
      );
  }
  if (result.reread.length) {
    lines.push('', '## Re-read first', '');
    for (const { section, misses } of result.reread.slice(0, 10)) {
      const s = bank.sections[section];
      if (s) lines.push(`- \`${sectionPointer(s)}\` (${misses} missed)`);
    }
  }
  lines.push('', '## Questions');
  view.questions.forEach((q, i) => {
    const order = view.items[i]!.optionOrder;
    const given = view.answers[i] ?? null;
    const verdict = given === null ? 'unanswered' : isCorrect(q, given) ? 'right' : 'wrong';
    lines.push(
      '',
      `### ${i + 1}. ${verdict}${view.flags[i] ? ', marked' : ''} — ${q.domain} — \`${q.id}\``,
      '',
      safe(q.stem.trim()),
      '',
    );
    order.forEach((orig, d) => {
      const o = q.options[orig]!;
      const tags = [o.correct ? '**answer**' : '', given?.includes(orig) ? '_your choice_' : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${LETTERS[d]}. ${mdEscape(o.text)}${tags ? ` — ${tags}` : ''}  `, `  ${mdEscape(o.why)}`);
    });
    if (q.note_warning) lines.push('', `> Note out of date: ${mdEscape(q.note_warning)}`);
    for (const p of pointersOf(bank, q)) lines.push('', `Re-read: \`${p}\``);
  });
  return `${lines.join('\n')}\n`;
}

/** The same data for scripts. */
export function reportJson(bank: CompiledBank, view: AttemptView): object {
  const { attempt, result } = view;
  return {
    attempt: {
      id: attempt.id,
      title: attemptTitle(bank, attempt),
      mode: attempt.mode,
      exam: attempt.exam,
      domains: attempt.domains,
      practice: attempt.practice,
      state: attempt.state,
      started: new Date(attempt.startedAt).toISOString(),
      elapsedMs: attempt.elapsedMs,
      timeLimitMs: attempt.timeLimitMs,
      seed: attempt.seed,
    },
    score: {
      correct: result.correct,
      total: result.total,
      answered: result.answered,
      percent: result.percent,
      scaledEstimate: result.scaled ?? null,
      passed: result.passed ?? null,
    },
    byDomain: result.byDomain,
    byGuideDomain: result.byGuide ?? [],
    reread: result.reread.map((r) => ({
      ...r,
      pointer: bank.sections[r.section] ? sectionPointer(bank.sections[r.section]!) : null,
    })),
    questions: view.questions.map((q, i) => {
      const order = view.items[i]!.optionOrder;
      const given = view.answers[i] ?? null;
      return {
        seq: i + 1,
        id: q.id,
        domain: q.domain,
        stem: q.stem.trim(),
        options: order.map((orig, d) => ({
          letter: LETTERS[d],
          text: q.options[orig]!.text,
          correct: q.options[orig]!.correct === true,
          chosen: given?.includes(orig) ?? false,
          why: q.options[orig]!.why,
        })),
        answered: given !== null,
        correct: isCorrect(q, given),
        flagged: view.flags[i] === true,
        noteWarning: q.note_warning ?? null,
        pointers: pointersOf(bank, q),
      };
    }),
    missingFromBank: view.missing,
  };
}
