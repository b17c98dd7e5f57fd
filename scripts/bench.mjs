#!/usr/bin/env node
// npm run bench — start-up and speed figures, each as a ratio to `node -e 0` measured in the same run.
// Time to first question is measured in a real pseudo-terminal (util-linux `script`), from launch until
// "Question 1 of" is on the screen; peak RSS is read from /proc for the awsquiz process at that moment.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
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

function nodeDescendant(pid) {
  for (const c of childPids(pid)) {
    try {
      if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('awsquiz')) return c;
    } catch {
      /* gone */
    }
    const deeper = nodeDescendant(c);
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

/** Launch → "Question 1 of" on a pseudo-terminal's screen; also the process's peak RSS at that moment. */
function firstQuestion() {
  return new Promise((resolve, reject) => {
    const cmd = `${JSON.stringify(node)} bin/awsquiz.js exam --domain storage --count 3 --seed 1`;
    const t0 = performance.now();
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { ...env, TERM: 'xterm', COLUMNS: '120', LINES: '40' },
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        p.kill('SIGKILL');
        reject(new Error(`no first question within 20 s:\n${out}`));
      }
    }, 20_000);
    p.stdout.on('data', (d) => {
      out += d.toString();
      if (!done && out.includes('Question 1 of')) {
        done = true;
        const ms = performance.now() - t0;
        const pid = nodeDescendant(p.pid);
        const rss = pid ? peakRss(pid) : NaN;
        clearTimeout(timer);
        if (pid) process.kill(pid, 'SIGKILL');
        p.kill('SIGKILL');
        resolve({ ms, rss });
      }
    });
    p.on('error', reject);
  });
}

function hasScript() {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const lines = [];
const report = (name, value, ratio) => {
  const line = `${name.padEnd(44)} ${value.padStart(10)}${ratio !== undefined ? `   ${ratio.toFixed(2)}× node -e 0` : ''}`;
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
  const fq = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(time(['-e', '0']));
    const r = await firstQuestion();
    fq.push(r.ms);
    rss.push(r.rss);
  }
  report('launch → first question on a pty', fmt(median(fq)), median(fq) / median(base));
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

const v = [];
for (let i = 0; i < Math.min(RUNS, 5); i++) v.push(time(['bin/awsquiz.js', 'validate']));
report('awsquiz validate (whole bank, wall)', fmt(median(v)));
