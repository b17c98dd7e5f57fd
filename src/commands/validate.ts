import { coverage } from '../bank/coverage.js';
import { formatProblem } from '../bank/load.js';
import { countBank, checkBank, examCounts } from '../bank/validate.js';
import { AwsquizError } from '../errors.js';
import { c } from '../ui/color.js';
import { bankLocation } from './exam.js';

/** Exit code 2 with every problem already printed. */
class ProblemsFound extends AwsquizError {
  constructor(n: number) {
    super(`${n} problem(s) found`, 2);
  }
}

export async function validate(opts: {
  bank?: string;
  notes?: string;
  json?: boolean;
  coverage?: boolean;
}): Promise<void> {
  const loc = bankLocation(opts);
  const check = checkBank(loc.bankDir, loc.notesDir, { cache: true });
  const counts = countBank(check.questions);
  const byExam = check.taxonomy ? examCounts(check.questions, check.taxonomy) : {};
  const cov =
    opts.coverage && check.taxonomy
      ? coverage(
          check.sections.values(),
          new Set(check.questions.flatMap((q) => q.cite.map((x) => `${x.note}#${x.section}`))),
          check.taxonomy,
        )
      : undefined;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ ...counts, byExam, problems: check.problems.map((p) => ({ ...p, text: formatProblem(p) })), ...(cov ? { coverage: cov } : {}) }, null, 2)}\n`,
    );
  } else {
    for (const p of check.problems) process.stdout.write(`${formatProblem(p)}\n`);
    if (cov) {
      process.stdout.write(
        `\n${c.bold(`Coverage: ${cov.cited} of ${cov.substantive} substantive note sections cited (${cov.percent}%)`)}\n`,
      );
      process.stdout.write(c.dim('A section is substantive when its own text has at least 40 words.\n'));
      for (const [f, r] of Object.entries(cov.byFile))
        process.stdout.write(
          `  ${f.padEnd(32)} ${String(r.cited).padStart(4)}/${String(r.total).padEnd(4)} ${r.percent}%\n`,
        );
      process.stdout.write(`${c.bold('By domain')}\n`);
      for (const [d, r] of Object.entries(cov.byDomain).sort())
        process.stdout.write(
          `  ${d.padEnd(32)} ${String(r.cited).padStart(4)}/${String(r.total).padEnd(4)} ${r.percent}%\n`,
        );
      if (cov.uncited.length) {
        process.stdout.write(`${c.bold(`Not cited by any question (${cov.uncited.length})`)}\n`);
        for (const u of cov.uncited)
          process.stdout.write(
            `  ${u.file}:${u.line} ${u.path.join(' › ')} ${c.dim(`[${u.domain}, ${u.words} words] ${u.id}`)}\n`,
          );
      }
      process.stdout.write('\n');
    }
    const exams = Object.entries(counts.exams)
      .map(([e, n]) => `${e} ${n}`)
      .join(', ');
    for (const [exam, e] of Object.entries(byExam)) {
      if (!e.questions) continue;
      const guide = Object.entries(e.guideDomains)
        .map(([k, g]) => `${k}: ${g.questions}/${g.perMock}`)
        .join(' · ');
      process.stdout.write(
        c.dim(
          `${exam}: ${e.questions} questions, guide domain questions/per mock ${guide} → ${e.fullMocksWithoutRepeats} full mock(s) without a repeat\n`,
        ),
      );
    }
    const summary = `${counts.questions} questions (${exams || 'no exams'}), ${Object.keys(counts.domains).length} domains, ${check.problems.length} problems`;
    process.stdout.write(`${check.problems.length ? c.red(summary) : c.green(summary)}\n`);
  }
  if (check.problems.length) throw new ProblemsFound(check.problems.length);
}
