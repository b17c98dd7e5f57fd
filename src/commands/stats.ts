import type { CompiledBank } from '../bank/compiled.js';
import { masteryRows, type MasteryRow, type StateInput } from '../core/domain-mastery.js';
import { readiness, type Readiness } from '../core/mastery.js';
import { UsageError } from '../errors.js';
import { AttemptStore } from '../store/attempts.js';
import { dbPath, openDb } from '../store/db.js';
import { bankLocation, openBank } from './exam.js';

export interface MasteryReport {
  exam: string | null;
  now: number;
  topics: MasteryRow[];
  guides: MasteryRow[];
  /** note sections with answers, weakest first */
  sections: MasteryRow[];
  readiness: Record<string, Readiness & { title: string }>;
  attempts: { id: number; finishedAt: number; percent: number; mode: string; exam: string | null }[];
}

/** Mastery of the stored history against the bank, for `stats` and `review --weak`. */
export function masteryReport(
  bank: CompiledBank,
  store: AttemptStore,
  exam: string | undefined,
  now: number,
): MasteryReport {
  if (exam !== undefined && !bank.taxonomy.exams[exam])
    throw new UsageError(
      `unknown exam "${exam}"; choose one of: ${Object.keys(bank.taxonomy.exams).join(', ')}`,
    );
  const states = new Map<string, StateInput>(store.mastery.states().map((s) => [s.questionId, s]));
  const questions = exam ? bank.questions.filter((q) => q.exams[exam] !== undefined) : bank.questions;
  const perDomain = new Map<string, number>();
  for (const q of questions) perDomain.set(q.domain, (perDomain.get(q.domain) ?? 0) + 1);
  const topics = masteryRows(
    questions,
    states,
    now,
    (q) => [q.domain],
    (d) => (perDomain.get(d) ?? 0) / (questions.length || 1),
  );
  const sections = masteryRows(
    questions.filter((q) => states.has(q.id)),
    states,
    now,
    (q) => [...q.sections],
    () => 0,
  );
  const guides: MasteryRow[] = [];
  const ready: MasteryReport['readiness'] = {};
  for (const [id, def] of Object.entries(bank.taxonomy.exams)) {
    if (exam && id !== exam) continue;
    const total = Object.values(def.guide_domains).reduce((s, g) => s + g.weight, 0);
    const rows = masteryRows(
      bank.questions.filter((q) => q.exams[id] !== undefined),
      states,
      now,
      (q) => [String(q.exams[id])],
      (g) => (def.guide_domains[g]?.weight ?? 0) / total,
    );
    if (exam) guides.push(...rows.sort((a, b) => a.key.localeCompare(b.key)));
    const r = readiness(
      Object.entries(def.guide_domains).map(([g, gd]) => ({
        weight: gd.weight,
        evidence: rows.find((x) => x.key === g)?.evidence ?? { n: 0, c: 0 },
      })),
    );
    ready[id] = { ...r, title: def.title };
  }
  const attempts = store
    .list(200)
    .filter(
      (a) =>
        a.state !== 'active' &&
        a.correct !== null &&
        a.total > 0 &&
        (!exam || a.exam === exam || a.exam === null),
    )
    .reverse()
    .map((a) => ({
      id: a.id,
      finishedAt: a.finishedAt ?? a.startedAt,
      percent: Math.round((a.correct! / a.total) * 1000) / 10,
      mode: a.mode,
      exam: a.exam,
    }));
  return { exam: exam ?? null, now, topics, guides, sections, readiness: ready, attempts };
}

export async function stats(opts: {
  exam?: string;
  json?: boolean;
  db?: string;
  bank?: string;
  notes?: string;
}): Promise<void> {
  const bank = await openBank(bankLocation(opts));
  const db = openDb(dbPath(opts.db));
  try {
    const report = masteryReport(bank, new AttemptStore(db), opts.exam?.toLowerCase(), Date.now());
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const { renderStats } = await import('../ui/stats-view.js');
    process.stdout.write(renderStats(bank, report));
  } finally {
    db.close();
  }
}
