#!/usr/bin/env node
// npm run bench — start-up and speed figures, each as a ratio to `node -e 0` measured in the same run.
// Time to first question is measured in a real pseudo-terminal (util-linux `script`), from launch until
// "Question 1 of" is on the screen; peak RSS is read from /proc for the awsquiz process at that moment.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const node = process.execPath;
const dir = mkdtempSync(join(tmpdir(), 'awsquiz-bench-'));
const env = {
  ...process.env,
  AWSQUIZ_DB: join(dir, 'bench.db'),
  AWSQUIZ_CACHE_DIR: join(dir, 'cache'),
  NO_COLOR: '1',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function time(args) {
  const t0 = performance.now();
  const r = spawnSync(node, args, { env, stdio: 'ignore' });
  if (r.status !== 0 && !(args.includes('validate') && r.status === 2))
    throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

/** Paired runs, interleaved so that machine load affects both sides alike. */
function paired(args) {
  const base = [];
  const cmd = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(time(['-e', '0']));
    cmd.push(time(args));
  }
  return { base: median(base), cmd: median(cmd) };
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function nodeDescendant(pid, match) {
  for (const c of childPids(pid)) {
    try {
      const cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
      if (cmd.startsWith(node) && cmd.includes(match)) return c;
    } catch {
      /* gone */
    }
    const deeper = nodeDescendant(c, match);
    if (deeper) return deeper;
  }
  return undefined;
}

function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, from /proc: steadier than wall time on a busy machine. */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
  } catch {
    return NaN;
  }
}
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * Launch → `marker` on a pseudo-terminal's screen; also the process's peak RSS and CPU time at that moment.
 * `node -e` printing a word is measured the same way, as the baseline for CPU time.
 */
function onPty(args, marker, match) {
  return new Promise((resolve, reject) => {
    const cmd = [node, ...args].map((a) => JSON.stringify(a)).join(' ');
    const t0 = performance.now();
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { ...env, TERM: 'xterm', COLUMNS: '120', LINES: '40' },
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        p.kill('SIGKILL');
        reject(new Error(`no "${marker}" within 20 s:\n${out}`));
      }
    }, 20_000);
    p.stdout.on('data', (d) => {
      out += d.toString();
      if (!done && out.includes(marker)) {
        done = true;
        const ms = performance.now() - t0;
        const pid = nodeDescendant(p.pid, match);
        const rss = pid ? peakRss(pid) : NaN;
        const cpu = pid ? cpuMs(pid) : NaN;
        clearTimeout(timer);
        if (pid) process.kill(pid, 'SIGKILL');
        p.kill('SIGKILL');
        resolve({ ms, rss, cpu });
      }
    });
    p.on('error', reject);
  });
}

const firstQuestion = () =>
  onPty(
    ['bin/awsquiz.js', 'exam', '--domain', 'storage', '--count', '3', '--seed', '1'],
    'Question 1 of',
    'awsquiz',
  );
const nodeOnPty = () => onPty(['-e', "console.log('READY'); setTimeout(() => {}, 5000)"], 'READY', 'READY');

function hasScript() {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const lines = [];
const report = (name, value, ratio, of = 'node -e 0') => {
  const line = `${name.padEnd(44)} ${value.padStart(10)}${ratio !== undefined ? `   ${ratio.toFixed(2)}× ${of}` : ''}`;
  lines.push(line);
  console.log(line);
};

console.log(
  `awsquiz bench — ${RUNS} paired runs each, median; ${process.version}, ${readdirSync('/proc').filter((d) => /^\d+$/.test(d)).length} processes on the machine\n`,
);

const help = paired(['bin/awsquiz.js', '--help']);
report('node -e 0', fmt(help.base));
report('awsquiz --help', fmt(help.cmd), help.cmd / help.base);
const ver = paired(['bin/awsquiz.js', '--version']);
report('awsquiz --version', fmt(ver.cmd), ver.cmd / ver.base);

// warm the compiled-bank cache once, then measure what a learner sees on every later start
spawnSync(
  node,
  ['bin/awsquiz.js', 'exam', '--domain', 'storage', '--count', '3', '--seed', '1', '--plan', '--json'],
  { env, stdio: 'ignore' },
);
const plan = paired([
  'bin/awsquiz.js',
  'exam',
  '--domain',
  'storage',
  '--count',
  '3',
  '--seed',
  '1',
  '--plan',
  '--json',
]);
report('exam --plan (load bank, plan; cached)', fmt(plan.cmd), plan.cmd / plan.base);

if (hasScript()) {
  const base = [];
  const basePty = [];
  const baseCpu = [];
  const fq = [];
  const rss = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(time(['-e', '0']));
    const b = await nodeOnPty();
    basePty.push(b.ms);
    baseCpu.push(b.cpu);
    const r = await firstQuestion();
    fq.push(r.ms);
    rss.push(r.rss);
    cpu.push(r.cpu);
  }
  report('launch → first question on a pty', fmt(median(fq)), median(fq) / median(base));
  // the same pty path (util-linux script and its shell) for node -e printing a word: what the pty itself costs
  report(
    '  node -e printing on the same pty',
    fmt(median(basePty)),
    median(fq) / median(basePty),
    'is the first question over this',
  );
  report('  CPU time to the first question', fmt(median(cpu)));
  report(
    '  CPU time of node -e on the same pty',
    fmt(median(baseCpu)),
    median(cpu) / median(baseCpu),
    'is the CPU time to the first question over this',
  );
  report('peak RSS at the first question', `${median(rss).toFixed(1)} MB`);
} else {
  console.log('launch → first question: skipped (util-linux `script` is not installed)');
}
const nodeRss = (() => {
  const out = execFileSync(
    '/usr/bin/env',
    ['bash', '-c', `${JSON.stringify(node)} -e "console.log(process.memoryUsage().rss)"`],
    { encoding: 'utf8' },
  );
  return Number(out) / 1024 / 1024;
})();
report('RSS of node -e (for comparison)', `${nodeRss.toFixed(1)} MB`);

// validate: warm (notes and unchanged question files from the cache); a fresh install (empty cache directory,
// starting from the index `npm run build` puts in dist/index); and with no cache and no index at all
const v = [];
const vFresh = [];
const vCold = [];
const validateWith = (cacheDir) => {
  const t0 = performance.now();
  spawnSync(node, ['bin/awsquiz.js', 'validate'], {
    env: { ...env, AWSQUIZ_CACHE_DIR: cacheDir },
    stdio: 'ignore',
  });
  return performance.now() - t0;
};
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  v.push(time(['bin/awsquiz.js', 'validate']));
  vFresh.push(validateWith(join(dir, `fresh-${i}`)));
}
if (existsSync('dist/index')) {
  renameSync('dist/index', 'dist/index.bench-aside');
  try {
    for (let i = 0; i < Math.min(RUNS, 5); i++) vCold.push(validateWith(join(dir, `cold-${i}`)));
  } finally {
    renameSync('dist/index.bench-aside', 'dist/index');
  }
}
report('awsquiz validate, whole bank (warm cache)', fmt(median(v)));
report('awsquiz validate, fresh install (package index)', fmt(median(vFresh)));
if (vCold.length) report('awsquiz validate, no cache and no index', fmt(median(vCold)));

// ---- history at scale: 1,000,000 stored answers ----
{
  const { openDb, loadMigrations } = await import('../dist/store/db.js');
  const { AttemptStore } = await import('../dist/store/attempts.js');
  const { loadBank, defaultLocation } = await import('../dist/bank/compiled.js');
  const { masteryReport } = await import('../dist/commands/stats.js');
  const { drillOrder } = await import('../dist/core/domain-mastery.js');
  const { planReview } = await import('../dist/core/review-plan.js');
  const { seededRng } = await import('../dist/core/rng.js');
  const bank = await loadBank(defaultLocation(), env);
  const file = join(dir, 'million.db');
  const [first, ...rest] = loadMigrations();
  // answers are written straight into the first schema; the next migration then builds the mastery tables from
  // them, exactly as it would for a learner upgrading with a long history
  let db = openDb(file, [first]);
  const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
  const PER = 65;
  const ids = bank.questions.map((q) => q.id);
  const domainOf = new Map(bank.questions.map((q) => [q.id, q.domain]));
  const now = Date.now();
  const t0 = performance.now();
  const insAttempt = db.prepare(
    "INSERT INTO attempt (mode, exam, seed, started_at, state, total, correct, finished_at) VALUES ('mock', 'saa', 1, ?, 'submitted', ?, ?, ?)",
  );
  const insItem = db.prepare(
    'INSERT INTO attempt_question (attempt_id, seq, question_id, option_order, domain) VALUES (?, ?, ?, ?, ?)',
  );
  const insAnswer = db.prepare('INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?, ?)');
  let rnd = 12345;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  db.transaction(() => {
    for (let a = 0; a < ANSWERS / PER; a++) {
      const started = now - Math.floor((1 - a / (ANSWERS / PER)) * 365 * 86_400_000);
      const aid = Number(insAttempt.run(started, PER, 0, started + 3_600_000).lastInsertRowid);
      for (let s = 0; s < PER; s++) {
        const q = ids[Math.floor(next() * ids.length)];
        insItem.run(aid, s, q, '[0,1,2,3]', domainOf.get(q));
        insAnswer.run(aid, s, q, '[0]', next() < 0.7 ? 1 : 0, started + s * 60_000, 60);
      }
    }
  })();
  db.close();
  const tMig = performance.now();
  db = openDb(file, [first, ...rest]);
  const built = performance.now();
  const store = new AttemptStore(db);
  const count = db.prepare('SELECT count(*) AS n FROM answer').get().n;
  report(`generate ${count.toLocaleString('en')} answers`, `${((tMig - t0) / 1000).toFixed(1)} s`);
  report('migrate: build mastery tables from them', `${((built - tMig) / 1000).toFixed(1)} s`);
  const timeIt = (fn) => {
    const xs = [];
    for (let i = 0; i < 15; i++) {
      const s = performance.now();
      fn();
      xs.push(performance.now() - s);
    }
    return median(xs);
  };
  report(
    'stats over 1M answers (in process)',
    fmt(timeIt(() => masteryReport(bank, store, 'saa', Date.now()))),
  );
  report(
    'next review --weak question (in process)',
    fmt(
      timeIt(() => {
        const r = masteryReport(bank, store, 'saa', Date.now());
        const domains = drillOrder(r.topics)
          .slice(0, 3)
          .map((x) => x.key);
        const history = new Map(
          store.mastery
            .states()
            .map((s) => [s.questionId, { lastCorrect: s.lastCorrect, lastAt: s.lastAt, due: s.due }]),
        );
        planReview('weak', bank.questions, history, {
          domains,
          count: 10,
          now: Date.now(),
          rng: seededRng(1),
        });
      }),
    ),
  );
  const aid = store.create({
    mode: 'topic',
    exam: null,
    domains: ['storage'],
    practice: false,
    seed: 1,
    startedAt: now,
    timeLimitMs: null,
    bankHash: 'b',
    items: ids
      .slice(0, 50)
      .map((questionId) => ({ questionId, optionOrder: [0, 1, 2, 3], domain: domainOf.get(questionId) })),
  });
  let seq = 0;
  report(
    'one answer persisted (answer + mastery + card)',
    fmt(
      timeIt(() =>
        store.saveAnswer(
          aid,
          {
            seq: seq,
            questionId: ids[seq++],
            selection: [0],
            correct: true,
            answeredAt: Date.now(),
            secondsSpent: 1,
          },
          { elapsedMs: 1, position: seq },
        ),
      ),
    ),
  );
  db.close();
  const st = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    spawnSync(node, ['bin/awsquiz.js', 'stats', '--json', '--db', file], { env, stdio: 'ignore' });
    st.push(performance.now() - s);
  }
  report(`awsquiz stats --json, ${(count / 1e6).toFixed(1)}M answers (process)`, fmt(median(st)));
}
