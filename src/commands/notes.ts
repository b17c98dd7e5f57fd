import { loadNotes, pointer, type Section } from '../bank/notes.js';
import { UsageError } from '../errors.js';
import { c, safe } from '../ui/color.js';
import { bankLocation, openBank } from './exam.js';

function printSection(lines: string[], s: Section): string {
  const body = lines
    .slice(s.line - 1, s.endLine)
    .join('\n')
    .replace(/\n+$/, '');
  return `${c.cyan.bold(pointer(s))}\n${c.dim(`${s.file}#${s.slug}`)}\n\n${safe(body)}\n`;
}

/** `awsquiz notes saa-c03-course#s3-storage-classes`, `awsquiz notes s3-storage-classes` or `awsquiz notes <question-id>`. */
export async function notes(target: string, opts: { bank?: string; notes?: string }): Promise<void> {
  const loc = bankLocation(opts);
  const files = loadNotes(loc.notesDir);
  const all = [...files.values()].flatMap((f) => f.sections.map((s) => ({ s, lines: f.lines })));
  const ref = target.replace(/^notes\//, '').replace('.md#', '#');
  let hits = all.filter(({ s }) => s.id === ref);
  if (!hits.length && !ref.includes('#')) hits = all.filter(({ s }) => s.slug === ref);
  if (hits.length === 1) {
    process.stdout.write(printSection(hits[0]!.lines, hits[0]!.s));
    return;
  }
  if (hits.length > 1) {
    throw new UsageError(
      `"${target}" is in several notes files; name one:\n${hits.map(({ s }) => `  ${s.id}`).join('\n')}`,
    );
  }
  const bank = await openBank(loc);
  const q = bank.questions.find((x) => x.id === target);
  if (!q) {
    const near = all
      .filter(({ s }) => s.id.includes(ref) || s.title.toLowerCase().includes(ref.toLowerCase()))
      .slice(0, 10);
    throw new UsageError(
      `no note section or question "${target}".${near.length ? ` Did you mean:\n${near.map(({ s }) => `  ${s.id}`).join('\n')}` : ' Section ids look like saa-c03-course#s3-storage-classes.'}`,
    );
  }
  process.stdout.write(`${c.bold(`Question ${q.id}`)} ${c.dim(`(${q.file}:${q.line})`)} cites:\n`);
  if (q.note_warning)
    process.stdout.write(`${c.yellow(`⚠ This note is out of date: ${safe(q.note_warning.trim())}`)}\n`);
  for (const cite of q.cite) {
    const hit = all.find(({ s }) => s.id === `${cite.note}#${cite.section}`);
    if (hit)
      process.stdout.write(
        `\n${c.dim(`evidence: "${safe(cite.quote)}"`)}\n${printSection(hit.lines, hit.s)}`,
      );
  }
}
