import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { AttemptStore } from '../store/attempts.js';
import { dbPath, openDb } from '../store/db.js';
import { loadAttemptView } from '../ui/attempt-view.js';
import { renderMarkdown, renderWalkthrough, reportJson, type Filter } from '../ui/walkthrough.js';
import type { DrillOptions } from './drill.js';
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

/** `awsquiz review --weak|--missed|--due` drills; `awsquiz review --attempt [ID] [--wrong | --flagged]` walks through. */
export async function review(
  opts: Common &
    DrillOptions & {
      attempt?: string | boolean;
      wrong?: boolean;
      flagged?: boolean;
      weak?: boolean;
      missed?: boolean;
      due?: boolean;
    },
): Promise<void> {
  const kinds = (['weak', 'missed', 'due'] as const).filter((k) => opts[k]);
  if (kinds.length + (opts.attempt !== undefined ? 1 : 0) !== 1)
    throw new UsageError(
      'choose one: --weak, --missed, --due, or --attempt [ID] (see `awsquiz review --help`)',
    );
  if (kinds[0]) {
    if (opts.wrong || opts.flagged) throw new UsageError('--wrong and --flagged go with --attempt');
    const { drill } = await import('./drill.js');
    return drill(kinds[0], opts);
  }
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
