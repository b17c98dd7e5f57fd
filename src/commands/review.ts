import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { AttemptStore } from '../store/attempts.js';
import { dbPath, openDb } from '../store/db.js';
import { loadAttemptView } from '../ui/attempt-view.js';
import { renderMarkdown, renderWalkthrough, reportJson, type Filter } from '../ui/walkthrough.js';
import { bankLocation, openBank } from './exam.js';

interface Common {
  db?: string;
  bank?: string;
  notes?: string;
}

function attemptId(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined || raw === true) return undefined;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  throw new UsageError(`an attempt id is a number (see \`awsquiz history\`), not "${String(raw)}"`);
}

async function withView<T>(
  opts: Common,
  id: number | undefined,
  use: (v: Awaited<ReturnType<typeof prepare>>) => T,
): Promise<T> {
  const db = openDb(dbPath(opts.db));
  try {
    return use(await prepare(db, opts, id));
  } finally {
    db.close();
  }
}

async function prepare(db: ReturnType<typeof openDb>, opts: Common, id: number | undefined) {
  const bank = await openBank(bankLocation(opts));
  return { bank, view: loadAttemptView(bank, new AttemptStore(db), id) };
}

/** `awsquiz review --attempt [ID] [--wrong | --flagged]`: walk through a finished attempt. */
export async function review(
  opts: Common & { attempt?: string | boolean; wrong?: boolean; flagged?: boolean },
): Promise<void> {
  if (opts.attempt === undefined)
    throw new UsageError(
      'say what to review: --attempt [ID] walks through an attempt (the latest finished one by default)',
    );
  if (opts.wrong && opts.flagged) throw new UsageError('choose one filter: --wrong or --flagged');
  const filter: Filter = opts.wrong ? 'wrong' : opts.flagged ? 'flagged' : 'all';
  const text = await withView(opts, attemptId(opts.attempt), ({ bank, view }) =>
    renderWalkthrough(bank, view, filter),
  );
  process.stdout.write(text);
}

/** `awsquiz report [ID] --format md|json [--out FILE]` */
export async function report(
  id: string | undefined,
  opts: Common & { format?: string; out?: string },
): Promise<void> {
  const format = opts.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format is md or json, not "${format}"`);
  const text = await withView(opts, attemptId(id), ({ bank, view }) =>
    format === 'md' ? renderMarkdown(bank, view) : `${JSON.stringify(reportJson(bank, view), null, 2)}\n`,
  );
  if (opts.out) {
    writeFileSync(opts.out, text);
    process.stderr.write(`Report written to ${opts.out}\n`);
  } else process.stdout.write(text);
}
