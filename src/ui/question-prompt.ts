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
  /** monotonic ms clock, injected so the countdown can be tested */
  now: () => number;
}

const LETTERS = 'ABCDEFGH';

/**
 * One exam question with a live countdown. Single choice behaves like a select (↑↓ or a letter, then Enter);
 * multiple response like a checkbox (Space or a letter toggles) that accepts exactly the stated number.
 * Resolves to the chosen display indices. Time running out is signalled by the caller's AbortSignal.
 */
export const questionPrompt = createPrompt<number[], QuestionPromptConfig>((config, done) => {
  const [openedAt] = useState(() => config.now());
  const [, setTick] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [chosen, setChosen] = useState<number[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const n = config.options.length;
  const multi = config.choose > 1;

  useEffect(() => {
    if (config.remainingMs === null) return undefined;
    // repaint twice a second so the displayed second never lags by more than half a second
    let ticks = 0;
    const timer = setInterval(() => setTick(++ticks), 500);
    return () => clearInterval(timer);
  }, []);

  const toggle = (i: number): void => {
    setError(undefined);
    setChosen(chosen.includes(i) ? chosen.filter((x) => x !== i) : [...chosen, i].sort((a, b) => a - b));
  };

  useKeypress((key) => {
    if (status === 'done' || key.ctrl) return;
    if (isEnterKey(key)) {
      if (!multi) {
        setStatus('done');
        done([cursor]);
      } else if (chosen.length === config.choose) {
        setStatus('done');
        done(chosen);
      } else {
        setError(`Choose exactly ${config.choose} (you have ${chosen.length}).`);
      }
      return;
    }
    if (isUpKey(key) || key.name === 'k') {
      setCursor((cursor - 1 + n) % n);
      return;
    }
    if (isDownKey(key) || key.name === 'j') {
      setCursor((cursor + 1) % n);
      return;
    }
    if (multi && isSpaceKey(key)) {
      toggle(cursor);
      return;
    }
    const letter = LETTERS.indexOf((key.name ?? '').toUpperCase());
    const digit = /^[1-8]$/.test(key.name ?? '') ? Number(key.name) - 1 : -1;
    const pick = letter >= 0 && key.name?.length === 1 ? letter : digit;
    if (pick >= 0 && pick < n) {
      setCursor(pick);
      if (multi) toggle(pick);
    }
  });

  const left = config.remainingMs === null ? null : config.remainingMs - (config.now() - openedAt);
  const timer =
    left === null
      ? ''
      : left <= 60_000
        ? c.red.bold(`⏱ ${clock(left)} left`)
        : left <= 600_000
          ? c.yellow(`⏱ ${clock(left)} left`)
          : c.cyan(`⏱ ${clock(left)} left`);
  if (status === 'done') {
    const picked = (multi ? chosen : [cursor]).map((i) => LETTERS[i]).join(', ');
    return `${c.dim(safe(config.header))} ${c.dim(`— answered ${picked}`)}`;
  }
  const lines: string[] = [];
  lines.push(`${c.bold(safe(config.header))}   ${timer}`);
  lines.push('');
  lines.push(safe(config.stem.trim()));
  lines.push('');
  config.options.forEach((text, i) => {
    const here = i === cursor;
    const mark = multi ? (chosen.includes(i) ? c.green('◉') : '◯') : here ? c.cyan('❯') : ' ';
    const label = `${LETTERS[i]}. ${safe(text)}`;
    const pointer = multi ? (here ? c.cyan('❯') : ' ') : '';
    lines.push(`${pointer}${mark} ${here ? c.cyan(label) : label}`);
  });
  const help = multi
    ? `↑↓ move · Space or A–${LETTERS[n - 1]} toggle · Enter submit (choose ${config.choose}) · Ctrl-C save & quit`
    : `↑↓ move · A–${LETTERS[n - 1]} pick · Enter submit · Ctrl-C save & quit`;
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
