import { existsSync } from 'node:fs';
import {
  cachedBank,
  defaultLocation,
  loadBank,
  type BankLocation,
  type CompiledBank,
} from '../bank/compiled.js';
import { defaultMinutes, planMock, planTopic, type Plan } from '../core/blueprint.js';
import { seedFrom, seededRng } from '../core/rng.js';
import { UsageError } from '../errors.js';

export interface ExamOptions {
  exam?: string;
  domain?: string;
  count?: string;
  minutes?: string;
  seconds?: string;
  practice?: boolean;
  seed?: string;
  db?: string;
  plan?: boolean;
  json?: boolean;
  bank?: string;
  notes?: string;
}

/** The bank from the cache, or compiled (behind a spinner: the first run after a change takes a moment). */
export async function openBank(loc: BankLocation): Promise<CompiledBank> {
  const hit = cachedBank(loc);
  if (hit) return hit;
  const { withSpinner } = await import('../ui/spinner.js');
  return withSpinner('Checking the question bank and notes…', () => loadBank(loc));
}

/** A seed for a new selection; not security-sensitive, so no node:crypto on the start-up path. */
export const freshSeed = (): number => Math.floor(Math.random() * 0x1_0000_0000);

export function bankLocation(opts: { bank?: string; notes?: string }): BankLocation {
  const def = defaultLocation();
  return { bankDir: opts.bank ?? def.bankDir, notesDir: opts.notes ?? def.notesDir };
}

function positiveInt(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return Number(value);
}

/** `s3` → storage; unknown names → the list of valid ones. */
export function resolveDomains(bank: CompiledBank, spec: string): string[] {
  const byName = new Map<string, string>();
  for (const [name, d] of Object.entries(bank.taxonomy.domains)) {
    byName.set(name, name);
    for (const a of d.aliases) byName.set(a, name);
  }
  const out: string[] = [];
  for (const raw of spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const d = byName.get(raw);
    if (!d) {
      const list = Object.entries(bank.taxonomy.domains)
        .map(([n, d]) => `  ${n}${d.aliases.length ? ` (${d.aliases.join(', ')})` : ''}`)
        .join('\n');
      throw new UsageError(`unknown domain "${raw}". Valid domains (aliases in brackets):\n${list}`);
    }
    if (!out.includes(d)) out.push(d);
  }
  if (!out.length) throw new UsageError('--domain needs at least one domain name');
  return out;
}

export interface ExamSetup {
  mode: 'mock' | 'topic';
  exam: string | null;
  domains: string[];
  seed: number;
  count: number;
  minutes: number;
  plan: Plan;
  notices: string[];
}

export function setupExam(
  bank: CompiledBank,
  opts: ExamOptions,
  lastSeen?: ReadonlyMap<string, number>,
): ExamSetup {
  const exam = opts.exam?.toLowerCase();
  if (exam !== undefined && !bank.taxonomy.exams[exam])
    throw new UsageError(
      `unknown exam "${opts.exam}"; choose one of: ${Object.keys(bank.taxonomy.exams).join(', ')}`,
    );
  if (exam === undefined && opts.domain === undefined)
    throw new UsageError(
      'say what to practise: --exam saa|dva for a full mock, or --domain <name> for a topic quiz',
    );
  const count = positiveInt('--count', opts.count, 500);
  const minutes = positiveInt('--minutes', opts.minutes, 600);
  const seed = opts.seed !== undefined ? seedFrom(opts.seed) : freshSeed();
  const rng = seededRng(seed);
  const notices: string[] = [];
  if (opts.domain === undefined && exam) {
    const def = bank.taxonomy.exams[exam]!;
    const want = count ?? def.questions;
    const weights = Object.fromEntries(Object.entries(def.guide_domains).map(([k, g]) => [k, g.weight]));
    const plan = planMock(bank.questions, exam, weights, want, rng, lastSeen);
    if (plan.items.length < want) {
      const short = Object.entries(plan.allocation)
        .filter(([, a]) => a.drawn < a.wanted)
        .map(([k, a]) => `domain ${k} ${def.guide_domains[k]?.title}: ${a.drawn} of ${a.wanted}`)
        .join('; ');
      notices.push(
        `The bank has only ${plan.items.length} ${exam.toUpperCase()} questions for a ${want}-question mock (${short}); this mock uses all of them.`,
      );
    }
    if (plan.items.length === 0) throw new UsageError(`the bank has no questions for ${exam}`);
    // the real pace: 130 minutes for 65 questions, kept when a mock is shorter (by --count or a small bank)
    const mins =
      minutes ??
      (plan.items.length === def.questions
        ? def.minutes
        : Math.max(1, Math.round((def.minutes * plan.items.length) / def.questions)));
    if (plan.items.length < want && minutes === undefined)
      notices.push(`Time is scaled to match: ${mins} minutes, the real exam's pace of 2 minutes a question.`);
    return { mode: 'mock', exam, domains: [], seed, count: want, minutes: mins, plan, notices };
  }
  const domains = resolveDomains(bank, opts.domain!);
  const want = count ?? 20;
  const plan = planTopic(bank.questions, domains, want, rng, exam, lastSeen);
  if (plan.items.length === 0)
    throw new UsageError(
      `the bank has no questions for ${domains.join(', ')}${exam ? ` on ${exam}` : ''} yet`,
    );
  if (plan.items.length < want)
    notices.push(
      `The bank has ${plan.items.length} question(s) for ${domains.join(', ')}${exam ? ` on ${exam}` : ''}; this quiz uses all of them.`,
    );
  return {
    mode: 'topic',
    exam: exam ?? null,
    domains,
    seed,
    count: want,
    minutes: minutes ?? defaultMinutes(plan.items.length),
    plan,
    notices,
  };
}

export async function exam(opts: ExamOptions): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (!opts.plan && !interactive)
    throw new UsageError(
      'awsquiz exam asks questions in an interactive terminal, and this is not one. Run it in a terminal, or use --plan --json to print the selection.',
    );
  const bank = await openBank(bankLocation(opts));
  const [{ openDb, dbPath }, { AttemptStore }] = await Promise.all([
    import('../store/db.js'),
    import('../store/attempts.js'),
  ]);
  const file = dbPath(opts.db);
  // a plan never creates the history file, but it does read it: unseen questions are drawn first
  const db = opts.plan && !existsSync(file) ? undefined : openDb(file);
  try {
    const store = db && new AttemptStore(db);
    const setup = setupExam(bank, opts, store?.lastSeen());
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    if (opts.plan || !store) {
      const { planOutput } = await import('../ui/plan.js');
      process.stdout.write(planOutput(setup, byId, Boolean(opts.json)));
      return;
    }
    const [{ runAttempt }, { c }] = await Promise.all([
      import('../ui/exam-loop.js'),
      import('../ui/color.js'),
    ]);
    const unfinished = store.latestActive();
    if (unfinished)
      process.stdout.write(
        c.dim(
          `You have an unfinished attempt (#${unfinished.id}); it stays saved — \`awsquiz resume\` continues it after this one.\n`,
        ),
      );
    const id = store.create({
      mode: setup.mode,
      exam: setup.exam,
      domains: setup.domains,
      practice: Boolean(opts.practice),
      seed: setup.seed,
      startedAt: Date.now(),
      timeLimitMs: opts.seconds
        ? positiveInt('--seconds', opts.seconds, 36_000)! * 1000
        : setup.minutes * 60_000,
      bankHash: bank.hash,
      items: setup.plan.items.map((it) => ({ ...it, domain: byId.get(it.questionId)!.domain })),
    });
    for (const n of setup.notices) process.stdout.write(`${c.yellow(n)}\n`);
    process.stdout.write(
      c.dim(
        `${setup.plan.items.length} questions · ${setup.minutes} minutes · seed ${setup.seed} · Ctrl-C saves and quits\n\n`,
      ),
    );
    await runAttempt(bank, store, id);
  } finally {
    db?.close();
  }
}
