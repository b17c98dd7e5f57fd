import { openDb, dbPath } from '../store/db.js';
import { AttemptStore } from '../store/attempts.js';
import { c, clock } from '../ui/color.js';
import { attemptTitle } from '../ui/exam-loop.js';
import { bankLocation, openBank } from './exam.js';

export async function history(opts: {
  db?: string;
  json?: boolean;
  limit?: string;
  bank?: string;
  notes?: string;
}): Promise<void> {
  const db = openDb(dbPath(opts.db));
  try {
    const store = new AttemptStore(db);
    const rows = store.list(opts.limit ? Math.max(1, Number(opts.limit) || 50) : 50);
    const answered = db
      .prepare('SELECT attempt_id AS id, count(*) AS n FROM answer GROUP BY attempt_id')
      .all() as { id: number; n: number }[];
    const answeredBy = new Map(answered.map((r) => [r.id, r.n]));
    const list = rows.map((a) => ({
      id: a.id,
      started: new Date(a.startedAt).toISOString(),
      mode: a.mode,
      exam: a.exam,
      domains: a.domains,
      practice: a.practice,
      state: a.state,
      answered: answeredBy.get(a.id) ?? 0,
      correct: a.correct,
      total: a.total,
      percent: a.correct !== null && a.total ? Math.round((a.correct / a.total) * 1000) / 10 : null,
      scaledEstimate: a.scaled,
      durationMs: a.elapsedMs,
      timeLimitMs: a.timeLimitMs,
    }));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return;
    }
    if (!list.length) {
      process.stdout.write('No attempts yet. Start one with `awsquiz exam --domain storage`.\n');
      return;
    }
    // titles come from the bank's taxonomy; a broken bank must not hide the history
    const bank = await openBank(bankLocation(opts)).catch(() => undefined);
    process.stdout.write(
      `${c.bold('  #  date              what                                  score           time')}\n`,
    );
    for (const [i, a] of list.entries()) {
      const row = rows[i]!;
      const date = new Date(a.started).toLocaleString('sv-SE', { hour12: false }).slice(0, 16);
      const what = attemptTitle(bank, row).slice(0, 36).padEnd(36);
      const score =
        a.state === 'active'
          ? c.yellow(`unfinished ${a.answered}/${a.total}`.padEnd(15))
          : `${a.correct}/${a.total} ${a.percent}%${a.scaledEstimate ? ` ~${a.scaledEstimate}` : ''}`.padEnd(
              15,
            );
      process.stdout.write(
        `${String(a.id).padStart(3)}  ${date}  ${what}  ${score} ${clock(a.durationMs)}\n`,
      );
    }
    if (list.some((a) => a.state === 'active'))
      process.stdout.write(c.dim('Continue the latest unfinished one with `awsquiz resume`.\n'));
  } finally {
    db.close();
  }
}
