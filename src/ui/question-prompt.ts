import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  useEffect,
  useKeypress,
  useState,
} from '@inquirer/core';
import { c, clock, safe } from './color.js';

export interface QuestionPromptConfig {
  /** e.g. `SAA-C03 mock · Question 3 of 65 · storage` */
  header: string;
  stem: string;
  /** option texts in display order */
  options: string[];
  /** 1 for single choice; otherwise how many must be chosen */
  choose: number;
  /** ms left when the prompt opened, or null when untimed */
  remainingMs: number | null;
  /** the attempt's whole time limit, for the 10- and 1-minute warnings */
  limitMs: number | null;
  /** monotonic ms clock, injected so the countdown can be tested */
  now: () => number;
  /** the learner's earlier answer (display indices), shown selected */
  selected?: number[];
  /** exam navigation: ←/→ move, m marks for review, r opens the review screen */
  navigation?: { flagged: boolean; first: boolean; last: boolean; onFlag: (flagged: boolean) => void };
}

export type QuestionOutcome =
  { kind: 'answer'; selection: number[] } | { kind: 'move'; by: -1 | 1 } | { kind: 'review' };

const LETTERS = 'ABCDEFGH';

/**
 * The countdown, yellow from 10 minutes left and red from 1 minute, with a warning line from those moments on
 * (only for exams long enough for the warning to mean something).
 */
export function timerText(left: number | null, limitMs: number | null): { timer: string; warning?: string } {
  if (left === null) return { timer: '' };
  const text = `⏱ ${clock(left)} left`;
  const long = (ms: number): boolean => limitMs === null || limitMs > ms;
  if (left <= 60_000)
    return {
      timer: c.red.bold(text),
      ...(long(60_000) ? { warning: c.red.bold('Less than 1 minute left.') } : {}),
    };
  if (left <= 600_000)
    return {
      timer: c.yellow(text),
      ...(long(600_000) ? { warning: c.yellow('Less than 10 minutes left.') } : {}),
    };
  return { timer: c.cyan(text) };
}

/** Re-render twice a second so the displayed second never lags by more than half a second. */
export function useCountdown(remainingMs: number | null, now: () => number): number | null {
  const [openedAt] = useState(() => now());
  const [, setTick] = useState(0);
  useEffect(() => {
    if (remainingMs === null) return undefined;
    let ticks = 0;
    const timer = setInterval(() => setTick(++ticks), 500);
    return () => clearInterval(timer);
  }, []);
  return remainingMs === null ? null : remainingMs - (now() - openedAt);
}

/**
 * One exam question with a live countdown. Single choice behaves like a select (↑↓ or a letter, then Enter);
 * multiple response like a checkbox (Space or a letter toggles) that accepts exactly the stated number.
 * With navigation, ←/→ leave the question without answering, m toggles the review mark, r opens the review
 * screen. Time running out is signalled by the caller's AbortSignal.
 */
export const questionPrompt = createPrompt<QuestionOutcome, QuestionPromptConfig>((config, done) => {
  const left = useCountdown(config.remainingMs, config.now);
  const multi = config.choose > 1;
  const [cursor, setCursor] = useState(config.selected?.[0] ?? 0);
  const [chosen, setChosen] = useState<number[]>(multi ? (config.selected ?? []) : []);
  const [flagged, setFlagged] = useState(config.navigation?.flagged ?? false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const n = config.options.length;
  const nav = config.navigation;

  const finish = (outcome: QuestionOutcome): void => {
    setStatus('done');
    done(outcome);
  };
  const toggle = (i: number): void => {
    setError(undefined);
    setChosen(chosen.includes(i) ? chosen.filter((x) => x !== i) : [...chosen, i].sort((a, b) => a - b));
  };

  useKeypress((key) => {
    if (status === 'done' || key.ctrl) return;
    if (isEnterKey(key)) {
      if (!multi) finish({ kind: 'answer', selection: [cursor] });
      else if (chosen.length === config.choose) finish({ kind: 'answer', selection: chosen });
      else setError(`Choose exactly ${config.choose} (you have ${chosen.length}).`);
      return;
    }
    if (isUpKey(key) || key.name === 'k') return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key) || key.name === 'j') return setCursor((cursor + 1) % n);
    if (multi && isSpaceKey(key)) return toggle(cursor);
    if (nav) {
      if (key.name === 'left' && !nav.first) return finish({ kind: 'move', by: -1 });
      if (key.name === 'right' && !nav.last) return finish({ kind: 'move', by: 1 });
      if (key.name === 'r') return finish({ kind: 'review' });
      if (key.name === 'm') {
        nav.onFlag(!flagged);
        return setFlagged(!flagged);
      }
    }
    const name = key.name ?? '';
    const letter = name.length === 1 ? LETTERS.indexOf(name.toUpperCase()) : -1;
    const pick = letter >= 0 ? letter : /^[1-8]$/.test(name) ? Number(name) - 1 : -1;
    if (pick >= 0 && pick < n) {
      setCursor(pick);
      if (multi) toggle(pick);
    }
  });

  const { timer, warning } = timerText(left, config.limitMs);
  const mark = flagged ? ` ${c.magenta('⚑ marked for review')}` : '';
  if (status === 'done') return c.dim(`${safe(config.header)}${flagged ? ' ⚑' : ''}`);
  const lines: string[] = [];
  lines.push(`${c.bold(safe(config.header))}${mark}   ${timer}`);
  if (warning) lines.push(warning);
  lines.push('');
  lines.push(safe(config.stem.trim()));
  lines.push('');
  config.options.forEach((text, i) => {
    const here = i === cursor;
    const label = `${LETTERS[i]}. ${safe(text)}`;
    if (multi) {
      const box = chosen.includes(i) ? c.green('◉') : '◯';
      lines.push(`${here ? c.cyan('❯') : ' '}${box} ${here ? c.cyan(label) : label}`);
    } else {
      const was = config.selected?.includes(i) ? c.green('•') : ' ';
      lines.push(`${here ? c.cyan('❯') : ' '}${was}${here ? c.cyan(label) : label}`);
    }
  });
  const pickHelp = multi
    ? `↑↓ Space/A–${LETTERS[n - 1]} toggle · Enter answer (choose ${config.choose})`
    : `↑↓ A–${LETTERS[n - 1]} pick · Enter answer`;
  const navHelp = nav ? ' · ←→ prev/next · m mark · r review' : '';
  const help = `${pickHelp}${navHelp} · ^C save & quit`;
  return [lines.join('\n'), `${error ? `${c.red(error)}\n` : ''}${c.dim(help)}`];
});

/** "Press Enter to continue" after feedback; Ctrl-C still saves and quits. */
export const continuePrompt = createPrompt<void, { message: string }>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  useKeypress((key) => {
    if (status === 'idle' && isEnterKey(key)) {
      setStatus('done');
      done();
    }
  });
  return status === 'done' ? '' : c.dim(config.message);
});
