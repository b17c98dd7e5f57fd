import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileBank, defaultLocation, type CompiledBank } from '../../src/bank/compiled.js';
import { fixtureProject, goodQuestion } from '../integration/fixtures.js';
import { Terminal } from './terminal.js';

const LETTERS = 'ABCDEFGH';
let bank: CompiledBank;
const open: Terminal[] = [];

beforeAll(async () => {
  bank = await compileBank(defaultLocation());
});
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function env() {
  const dir = mkdtempSync(join(tmpdir(), 'awsquiz-e2e-'));
  return { AWSQUIZ_DB: join(dir, 'history.db'), AWSQUIZ_CACHE_DIR: join(dir, 'cache') };
}

function cli(args: string[], e: Record<string, string>) {
  return spawnSync(process.execPath, ['bin/awsquiz.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...e },
  });
}

interface Planned {
  id: string;
  optionOrder: number[];
}

/** The letters to type for a right or a wrong answer to one planned question. */
function keys(p: Planned, right: boolean): string {
  const q = bank.questions.find((x) => x.id === p.id)!;
  const shownCorrect = p.optionOrder.flatMap((orig, d) => (q.options[orig]!.correct ? [d] : []));
  if (right) return shownCorrect.map((d) => LETTERS[d]).join('');
  const shownWrong = p.optionOrder.flatMap((orig, d) => (q.options[orig]!.correct ? [] : [d]));
  const pick = [...shownWrong, ...shownCorrect].slice(0, shownCorrect.length);
  return pick.map((d) => LETTERS[d]).join('');
}

function plan(e: Record<string, string>, seed: string): Planned[] {
  const out = cli(['exam', '--domain', 'storage', '--count', '3', '--seed', seed, '--plan', '--json'], e);
  expect(out.status).toBe(0);
  return (JSON.parse(out.stdout) as { questions: Planned[] }).questions;
}

function start(args: string[], e: Record<string, string>, size?: { cols: number; rows: number }): Terminal {
  const t = new Terminal(args, e, size);
  open.push(t);
  return t;
}

async function answer(t: Terminal, n: number, p: Planned, right: boolean): Promise<void> {
  await t.waitFor(new RegExp(`Question ${n} of 3 · storage( ⚑ marked for review)? +⏱`));
  t.type(keys(p, right));
  t.press('Enter');
}

/** From the review screen that follows the last answer: submit and confirm. */
async function submit(t: Terminal, unanswered = 0): Promise<string> {
  await t.waitFor(/Review — storage quiz/);
  t.type('s');
  await t.waitFor(
    unanswered ? new RegExp(`Submit now\\? ${unanswered} unanswered`) : /Submit the exam now\?/,
  );
  t.type('y');
  return t.waitFor(/Attempt #\d+ saved/);
}

function savedAnswers(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT seq, question_id AS id, correct FROM answer ORDER BY seq').all() as {
      seq: number;
      id: string;
      correct: number;
    }[];
  } finally {
    db.close();
  }
}

describe('awsquiz exam in a real terminal', () => {
  it('takes a 3-question storage quiz by keystrokes to its results with a note pointer', async () => {
    const e = env();
    const p = plan(e, '11');
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '11'], e);
    await answer(t, 1, p[0]!, true);
    await answer(t, 2, p[1]!, false);
    await answer(t, 3, p[2]!, true);
    const screen = await submit(t);
    expect(screen).toMatch(/Score: 2\/3 correct \(66\.7%\)/);
    expect(screen).toMatch(/Missed \(1\)/);
    expect(screen).toMatch(/→ notes\/[a-z0-9-]+\.md:\d+ \S/);
    expect(screen).toMatch(/Re-read first\n {2}notes\/[a-z0-9-]+\.md:\d+ /);
    expect(await t.exitStatus()).toBe(0);
    expect(savedAnswers(e.AWSQUIZ_DB).map((a) => a.correct)).toEqual([1, 0, 1]);
  });

  for (const stop of ['Ctrl-C', 'kill -9'] as const) {
    it(`keeps both answers given before ${stop}, and resume finishes the attempt`, async () => {
      const e = env();
      const p = plan(e, '23');
      const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '23'], e);
      await answer(t, 1, p[0]!, false);
      await answer(t, 2, p[1]!, true);
      await t.waitFor(/Question 3 of 3 · storage +⏱/);
      if (stop === 'Ctrl-C') {
        t.press('C-c');
        await t.waitFor(/Saved — continue with `awsquiz resume`/);
        expect(await t.exitStatus()).toBe(130);
      } else {
        process.kill(t.pid(), 'SIGKILL');
        await t.exitStatus();
      }
      expect(savedAnswers(e.AWSQUIZ_DB)).toEqual([
        { seq: 0, id: p[0]!.id, correct: 0 },
        { seq: 1, id: p[1]!.id, correct: 1 },
      ]);
      const r = start(['resume'], e);
      await r.waitFor(/Resuming: 2 of 3 already answered/);
      await answer(r, 3, p[2]!, true);
      const screen = await submit(r);
      expect(screen).toMatch(/Score: 2\/3 correct/);
      expect(await r.exitStatus()).toBe(0);
      expect(savedAnswers(e.AWSQUIZ_DB).map((a) => a.correct)).toEqual([0, 1, 1]);
      expect(cli(['history', '--json'], e).stdout).toMatch(/"state": "submitted"/);
    });
  }

  it('another program holding the database locked mid-exam: a clear message, exit 1, earlier answers kept', async () => {
    const e = env();
    const p = plan(e, '31');
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '31'], e);
    await answer(t, 1, p[0]!, true);
    await t.waitFor(/Question 2 of 3 · storage +⏱/);
    // a database browser with an open write transaction, held past awsquiz's 5-second busy timeout
    const other = new Database(e.AWSQUIZ_DB);
    other.exec('BEGIN IMMEDIATE');
    try {
      t.type(keys(p[1]!, true));
      t.press('Enter');
      const screen = await t.waitFor(/continues an unfinished exam/, 30_000);
      expect(screen).toContain(`${e.AWSQUIZ_DB} is locked by another program`);
      expect(screen).not.toMatch(/unexpected error|\.js:\d+/);
      expect(await t.exitStatus()).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(savedAnswers(e.AWSQUIZ_DB)).toEqual([{ seq: 0, id: p[0]!.id, correct: 1 }]);
    const r = start(['resume'], e);
    await r.waitFor(/Resuming: 1 of 3 already answered/);
  });

  it('fits a 40-column terminal, and redraws cleanly when the window is resized', async () => {
    const e = env();
    const p = plan(e, '41');
    const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l.trimEnd()].length));
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '41'], e, {
      cols: 40,
      rows: 45,
    });
    // lines the terminal had to wrap are joined back by capture-pane -J: none may be wider than the window
    await t.waitFor(/Question 1 of 3[^]*save & quit/);
    // the prompt redraws itself in place, so it must wrap its own lines (plain lines printed once before it
    // are wrapped by the terminal, which is readable)
    const prompt = (text: string) => text.slice(text.lastIndexOf('storage quiz · Question'));
    expect(widest(prompt(t.screen()))).toBeLessThanOrEqual(40);
    t.resize(100, 45);
    // the countdown redraws the question twice a second, now wrapped to 100 columns
    for (const end = Date.now() + 20_000; widest(prompt(t.screen())) <= 40;) {
      if (Date.now() > end) throw new Error(`no redraw at 100 columns:\n${t.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    let screen = t.visible();
    expect(screen.match(/Question 1 of 3/g)).toHaveLength(1);
    expect(screen.match(/ D\. /g)).toHaveLength(1);
    expect(widest(screen)).toBeLessThanOrEqual(100);
    await answer(t, 1, p[0]!, true);
    await t.waitFor(/Question 2 of 3/);
    t.resize(40, 45);
    t.type('r');
    screen = await t.waitFor(/Review — storage quiz/);
    expect(widest(screen.slice(screen.lastIndexOf('Review — storage quiz')))).toBeLessThanOrEqual(40);
  });

  it('moves freely: answer 1, skip 2, mark 3, back to 2, the review grid shows it, submit', async () => {
    const e = env();
    const p = plan(e, '31');
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '31'], e);
    await answer(t, 1, p[0]!, true);
    await t.waitFor(/Question 2 of 3 · storage +⏱/);
    t.press('Right');
    await t.waitFor(/Question 3 of 3 · storage +⏱/);
    t.type('m');
    await t.waitFor(/Question 3 of 3 · storage ⚑ marked for review/);
    t.type('r');
    const grid = await t.waitFor(/Review — storage quiz/);
    expect(grid).toMatch(/1 answered · 2 unanswered · 1 marked for review/);
    expect(grid).toMatch(/ 1✔ +2· +3·⚑/);
    t.type('2'); // jump by number
    t.press('Enter');
    await answer(t, 2, p[1]!, false);
    await answer(t, 3, p[2]!, true);
    const screen = await submit(t);
    expect(screen).toMatch(/Score: 2\/3 correct/);
    const db = new Database(e.AWSQUIZ_DB, { readonly: true });
    expect(db.prepare('SELECT seq FROM flag').all()).toEqual([{ seq: 2 }]);
    db.close();
    // the walkthrough shows the wrong one, the flagged one, and a report carries every question
    const wrong = cli(['review', '--attempt', '--wrong'], { ...e, NO_COLOR: '1' });
    expect(wrong.status).toBe(0);
    expect(wrong.stdout).toMatch(new RegExp(`── 2 of 3 · storage · ✘ wrong ${p[1]!.id}`));
    expect(wrong.stdout).not.toMatch(/── 1 of 3/);
    expect(wrong.stdout).toMatch(/→ Re-read notes\/[a-z0-9-]+\.md:\d+ /);
    const flagged = cli(['review', '--attempt', '--flagged'], { ...e, NO_COLOR: '1' });
    expect(flagged.stdout).toMatch(/── 3 of 3 · storage · ✔ right ⚑ marked/);
    const report = JSON.parse(cli(['report', '--format', 'json'], e).stdout);
    expect(report.score).toMatchObject({ correct: 2, total: 3 });
    expect(
      report.questions.map((q: { id: string; correct: boolean; flagged: boolean }) => [
        q.id,
        q.correct,
        q.flagged,
      ]),
    ).toEqual([
      [p[0]!.id, true, false],
      [p[1]!.id, false, false],
      [p[2]!.id, true, true],
    ]);
    expect(cli(['report', '--format', 'md'], e).stdout).toMatch(
      /^# awsquiz report — attempt #1: storage quiz/,
    );
  });

  it('submits by itself when time runs out, unanswered questions counting as wrong', async () => {
    const e = env();
    const p = plan(e, '41');
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '41', '--seconds', '6'], e);
    await answer(t, 1, p[0]!, true);
    const screen = await t.waitFor(/Attempt #\d+ saved/);
    expect(screen).toMatch(/Time is up — the exam ends now/);
    expect(screen).toMatch(/Score: 1\/3 correct \(33\.3%\) · 2 unanswered/);
    expect(await t.exitStatus()).toBe(0);
    expect(cli(['history', '--json'], e).stdout).toMatch(/"state": "timed-out"/);
  });

  it('after a bad storage quiz, review --weak starts with storage and stats shows storage as weak', async () => {
    const e = env();
    const p = plan(e, '51');
    const t = start(['exam', '--domain', 'storage', '--count', '3', '--seed', '51'], e);
    await answer(t, 1, p[0]!, false);
    await answer(t, 2, p[1]!, false);
    await answer(t, 3, p[2]!, false);
    expect(await submit(t)).toMatch(/Score: 0\/3 correct/);
    const r = start(['review', '--weak'], e);
    const screen = await r.waitFor(/Question 1 of \d+ · (\w+) *$/m);
    expect(screen).toMatch(/Weak-domain drill: storage,/);
    expect(screen).toMatch(/review weak: storage, .* · Question 1 of/);
    expect(screen).toMatch(/Question 1 of \d+ · storage *$/m);
    r.press('C-c');
    expect(await r.exitStatus()).toBe(130);
    const stats = JSON.parse(cli(['stats', '--json'], e).stdout);
    expect(stats.topics[0]).toMatchObject({ key: 'storage', answered: 3, correct: 0, weak: 'below-pass' });
    expect(stats.sections.length).toBeGreaterThan(0);
    expect(stats.sections[0].correct).toBe(0);
    const text = cli(['stats'], { ...e, NO_COLOR: '1' }).stdout;
    expect(text).toMatch(/storage +3 +0 .* weak\n/);
    expect(text).toMatch(/missed → notes\/[a-z0-9-]+\.md:\d+ /);
    expect(text).toMatch(/Note sections to re-read \(lowest mastery\)\n +\d+% \[\d+%–\d+%\] notes\//);
    expect(text).toMatch(/SAA: \d+% estimated chance of ≥ 720/);
  });

  it('rejects a broken question file with file:line and exit 2', () => {
    const f = fixtureProject({
      'storage/s3.yaml': goodQuestion('storage-broken').replace('      why: Retrieval takes hours.\n', ''),
    });
    const out = cli(['validate', '--bank', f.bank, '--notes', f.notes], {});
    expect(out.status).toBe(2);
    expect(out.stdout).toMatch(/storage\/s3\.yaml:13 storage-broken: options\[2\]\.why: Required/);
    const exam = start(['exam', '--domain', 'storage', '--bank', f.bank, '--notes', f.notes], env());
    return exam.exitStatus().then((status) => {
      expect(status).toBe(2);
      expect(exam.screen()).toMatch(/s3\.yaml:13 storage-broken: options\[2\]\.why: Required/);
      expect(exam.screen()).not.toMatch(/\n\s+at /);
    });
  });

  it('answers an unknown flag with usage and exit 2', () => {
    const out = cli(['exam', '--domian', 'storage'], env());
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown option '--domian'/);
    expect(out.stderr).toMatch(/awsquiz --help/);
    const bad = cli(['exam', '--domain', 'stroage', '--plan'], env());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown domain "stroage"[\s\S]*storage \(s3\)/);
  });
});
