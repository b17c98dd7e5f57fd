import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
let counter = 0;

/**
 * The built binary in a real terminal: a private tmux server whose pane runs `node bin/awsquiz.js …` directly.
 * Tests wait for text on the screen (polling the pane), never for fixed sleeps.
 */
export class Terminal {
  readonly socket: string;
  private readonly conf: string;
  private readonly statusFile: string;

  readonly env: Record<string, string>;

  constructor(
    readonly args: string[],
    env: Record<string, string>,
    size: { cols: number; rows: number } = { cols: 110, rows: 50 },
  ) {
    this.socket = `awsquiz-e2e-${process.pid}-${++counter}`;
    const dir = mkdtempSync(join(tmpdir(), 'awsquiz-tmux-'));
    this.conf = join(dir, 'tmux.conf');
    // keep the pane after the program exits so its exit status and last screen can be read
    writeFileSync(this.conf, 'set -g history-limit 5000\n');
    // tmux does not always record a dead pane's exit status, so a shell around the program writes it down
    this.statusFile = join(dir, 'status');
    this.env = { ...env, AWSQUIZ_E2E_STATUS: this.statusFile };
    this.tmux([
      '-f',
      this.conf,
      'new-session',
      '-d',
      '-s',
      'e2e',
      '-x',
      String(size.cols),
      '-y',
      String(size.rows),
      '-c',
      ROOT,
      '/bin/sh',
      '-c',
      `"$0" bin/awsquiz.js "$@"; echo $? > "$AWSQUIZ_E2E_STATUS"; sleep 600`,
      process.execPath,
      ...args,
    ]);
  }

  private tmux(args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color', ...this.env },
    });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-2000', '-t', 'e2e']);
  }

  /** Only what is on the screen now (no scrollback), lines wrapped by the terminal joined back. */
  visible(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-t', 'e2e']);
  }

  /** Resize the terminal, as a learner dragging the window's edge does. */
  resize(cols: number, rows: number): void {
    this.tmux(['resize-window', '-t', 'e2e', '-x', String(cols), '-y', String(rows)]);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Type characters literally. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'e2e', '-l', text]);
  }

  /** Press named keys: Enter, C-c, Up… */
  press(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'e2e', ...keys]);
  }

  /** The awsquiz process (a child of the shell that runs in the pane). */
  pid(): number {
    const shell = this.tmux(['display-message', '-p', '-t', 'e2e', '#{pane_pid}']).trim();
    return Number(readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]);
  }

  /** The program's exit status once it has ended. */
  async exitStatus(timeoutMs = 20_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = existsSync(this.statusFile) ? readFileSync(this.statusFile, 'utf8') : '';
      if (text.endsWith('\n')) return Number(text.trim());
      if (Date.now() > end) throw new Error(`program did not exit; screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
