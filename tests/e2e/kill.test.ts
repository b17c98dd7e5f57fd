import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/rng.js';

/**
 * kill -9 at 100 random points of a scripted exam, driven through a pseudo-terminal (util-linux `script`): after
 * each kill the database passes integrity_check and holds every answer whose next question had appeared on screen,
 * and `resume` says so.
 */
class Pty {
  readonly proc: ChildProcessWithoutNullStreams;
  screen = '';

  constructor(args: string[], env: Record<string, string>) {
    const cmd = `stty cols 120 rows 50; exec ${[process.execPath, 'bin/awsquiz.js', ...args].map((a) => `'${a}'`).join(' ')}`;
    this.proc = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { ...process.env, ...env, TERM: 'xterm', NO_COLOR: '1', COLUMNS: '120', LINES: '50' },
    });
    this.proc.stdout.on('data', (d: Buffer) => (this.screen += d.toString()));
  }

  async waitFor(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.screen.slice(from));
      if (m) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}:\n${this.screen.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The awsquiz process itself, a grandchild of `script`. */
  awsquizPid(): number | undefined {
    const walk = (pid: number): number | undefined => {
      let kids: number[];
      try {
        kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        return undefined;
      }
      for (const k of kids) {
        try {
          if (readFileSync(`/proc/${k}/cmdline`, 'utf8').includes('awsquiz.js')) return k;
        } catch {
          /* gone */
        }
        const deeper = walk(k);
        if (deeper) return deeper;
      }
      return undefined;
    };
    return walk(this.proc.pid!);
  }

  kill(): Promise<void> {
    const pid = this.awsquizPid();
    if (pid) process.kill(pid, 'SIGKILL');
    return new Promise((resolve) => {
      this.proc.on('close', () => resolve());
      setTimeout(() => this.proc.kill('SIGKILL'), 2_000);
    });
  }
}

function dbState(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      answers: (
        db
          .prepare('SELECT count(*) AS n FROM answer WHERE attempt_id = (SELECT max(id) FROM attempt)')
          .get() as { n: number }
      ).n,
      active: (db.prepare("SELECT count(*) AS n FROM attempt WHERE state = 'active'").get() as { n: number })
        .n,
    };
  } finally {
    db.close();
  }
}

describe('kill -9 at 100 random points', () => {
  it('never loses an acknowledged answer nor corrupts the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awsquiz-kill-'));
    const env = { AWSQUIZ_DB: join(dir, 'h.db'), AWSQUIZ_CACHE_DIR: join(dir, 'cache') };
    const rng = seededRng(9);
    const COUNT = 20;
    let acknowledged = 0;
    let kills = 0;
    const started: Pty[] = [];
    try {
      while (kills < 100) {
        const fresh = kills === 0 || dbState(env.AWSQUIZ_DB).active === 0;
        if (fresh) acknowledged = 0;
        const pty = new Pty(
          fresh
            ? ['exam', '--domain', 'storage,database', '--count', String(COUNT), '--seed', String(kills)]
            : ['resume'],
          env,
        );
        started.push(pty);
        const first = await pty.waitFor(/Question (\d+) of \d+ · \w+(?: ⚑ marked for review)? +⏱|Review — /);
        if (!fresh) {
          // resume reports exactly what the database holds, which includes every acknowledged answer
          const saved = dbState(env.AWSQUIZ_DB).answers;
          expect(saved).toBeGreaterThanOrEqual(acknowledged);
          if (saved > 0) expect(pty.screen).toContain(`Resuming: ${saved} of ${COUNT} already answered`);
          acknowledged = saved;
        }
        if (first[0].startsWith('Review')) {
          // every question answered: submit, and the next round starts a new attempt
          pty.proc.stdin.write('s');
          await pty.waitFor(/Submit the exam now\?/);
          pty.proc.stdin.write('y');
          await pty.waitFor(/Attempt #\d+ saved/);
          await new Promise((r) => pty.proc.on('close', r));
          continue;
        }
        // answer 0–3 questions, then kill at a random moment: between keystrokes, mid-write, or while idle
        const toAnswer = Math.floor(rng() * 4);
        for (let i = 0; i < toAnswer; i++) {
          // the question on screen now (the prompt repaints itself, so look for the next one, not any)
          const headers = [
            ...pty.screen.matchAll(/Question (\d+) of \d+ · \w+(?: ⚑ marked for review)? +⏱/g),
          ];
          const k = Number(headers.at(-1)![1]);
          const m = /Enter answer \(choose (\d)\)/.exec(pty.screen.slice(headers.at(-1)!.index));
          pty.proc.stdin.write(m ? 'ABC'.slice(0, Number(m[1])) : 'a');
          pty.proc.stdin.write('\r');
          if (i === toAnswer - 1 && rng() < 0.5) break; // kill while this answer may still be in flight
          const next = await pty.waitFor(
            new RegExp(`Question ${k + 1} of \\d+ · \\w+(?: ⚑ marked for review)? +⏱|Review — `),
            headers.at(-1)!.index,
          );
          acknowledged++;
          if (next[0].startsWith('Review')) break;
        }
        await new Promise((r) => setTimeout(r, Math.floor(rng() * 60)));
        await pty.kill();
        kills++;
        const after = dbState(env.AWSQUIZ_DB);
        expect(after.integrity).toBe('ok');
        expect(after.answers).toBeGreaterThanOrEqual(acknowledged);
      }
    } finally {
      // a failed run must not leave a program behind
      for (const p of started) {
        const pid = p.awsquizPid();
        if (pid) process.kill(pid, 'SIGKILL');
        p.proc.kill('SIGKILL');
      }
    }
  }, 400_000);
});
