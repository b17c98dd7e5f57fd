import { createPrompt, isEnterKey, useKeypress, useState } from '@inquirer/core';
import { c, safe } from './color.js';
import { timerText, useCountdown } from './question-prompt.js';

export interface ReviewPromptConfig {
  title: string;
  cells: { answered: boolean; flagged: boolean }[];
  current: number;
  remainingMs: number | null;
  limitMs: number | null;
  now: () => number;
}

export type ReviewOutcome = { kind: 'goto'; seq: number } | { kind: 'submit' };

/** Ten cells a row, fewer on a narrow terminal (each cell is 7 columns wide). */
function perRow(): number {
  return Math.max(3, Math.min(10, Math.floor((process.stdout.columns || 80) / 7)));
}

/**
 * The review screen before submitting, like the real exam's: every question marked answered, unanswered or
 * flagged; open any of them; submit only after a confirmation that says how many are unanswered.
 */
export const reviewPrompt = createPrompt<ReviewOutcome, ReviewPromptConfig>((config, done) => {
  const left = useCountdown(config.remainingMs, config.now);
  const n = config.cells.length;
  const perLine = perRow();
  const [cursor, setCursor] = useState(Math.min(Math.max(config.current, 0), n - 1));
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const unanswered = config.cells.filter((x) => !x.answered).length;
  const flagged = config.cells.filter((x) => x.flagged).length;

  const finish = (o: ReviewOutcome): void => {
    setStatus('done');
    done(o);
  };

  useKeypress((key) => {
    if (status === 'done' || key.ctrl) return;
    if (confirming) {
      if (key.name === 'y') finish({ kind: 'submit' });
      else setConfirming(false);
      return;
    }
    if (isEnterKey(key)) return finish({ kind: 'goto', seq: cursor });
    // typing a question number moves to it; Enter opens it
    if (/^[0-9]$/.test(key.name ?? '')) {
      const next = (typed + key.name).slice(-3);
      setTyped(next);
      if (Number(next) >= 1) setCursor(Math.min(n, Number(next)) - 1);
      return;
    }
    setTyped('');
    if (key.name === 's') return setConfirming(true);
    const moves: Record<string, number> = {
      left: -1,
      right: 1,
      up: -perLine,
      down: perLine,
      h: -1,
      l: 1,
      k: -perLine,
      j: perLine,
    };
    const by = moves[key.name ?? ''];
    if (by !== undefined) return setCursor(Math.min(n - 1, Math.max(0, cursor + by)));
    if (key.name === 'u' || key.name === 'f') {
      const want =
        key.name === 'u' ? (x: { answered: boolean }) => !x.answered : (x: { flagged: boolean }) => x.flagged;
      for (let k = 1; k <= n; k++) {
        const i = (cursor + k) % n;
        if (want(config.cells[i]!)) return setCursor(i);
      }
    }
  });

  if (status === 'done') return '';
  const { timer, warning } = timerText(left, config.limitMs);
  const lines = [
    `${c.bold(`Review — ${safe(config.title)}`)}   ${timer}`,
    `${n - unanswered} answered · ${unanswered ? c.yellow(`${unanswered} unanswered`) : '0 unanswered'} · ${flagged} marked for review`,
  ];
  if (warning) lines.push(warning);
  lines.push('');
  for (let row = 0; row < n; row += perLine) {
    const cells = config.cells.slice(row, row + perLine).map((cell, k) => {
      const i = row + k;
      const state = cell.answered ? c.green('✔') : c.yellow('·');
      const flag = cell.flagged ? c.magenta('⚑') : ' ';
      const text = `${String(i + 1).padStart(3)}${state}${flag}`;
      return i === cursor ? c.inverse(text) : text;
    });
    lines.push(cells.join(' '));
  }
  lines.push('');
  lines.push(c.dim('✔ answered · · unanswered · ⚑ marked for review'));
  const bottom = confirming
    ? c.bold(
        unanswered
          ? `Submit now? ${unanswered} unanswered question(s) will count as wrong. y submit · any other key keeps working`
          : 'Submit the exam now? y submit · any other key keeps working',
      )
    : c.dim('←→↑↓ or a number · Enter open · u unanswered · f marked · s submit · ^C save & quit');
  return [lines.join('\n'), bottom];
});
