import { Chalk, type ChalkInstance } from 'chalk';

/** Colour only for a terminal, and never when NO_COLOR is set or --no-color is given (https://no-color.org). */
export function colorLevel(
  stream: NodeJS.WriteStream = process.stdout,
  env = process.env,
  argv = process.argv,
): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR || argv.includes('--no-color')) return 0;
  if (env.FORCE_COLOR === '0') return 0;
  if (!stream.isTTY && !env.FORCE_COLOR) return 0;
  const depth = typeof stream.getColorDepth === 'function' ? stream.getColorDepth(env) : 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : env.FORCE_COLOR ? 1 : 0;
}

export const c: ChalkInstance = new Chalk({ level: colorLevel() });

/** Strip anything that could drive the terminal from text that came from a file (defence in depth behind validate). */
export function safe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    '',
  );
}

/** `███████░░░` — a proportion as a bar of `width` cells. */
export function bar(fraction: number, width = 20): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  const colour = f >= 0.72 ? c.green : f >= 0.5 ? c.yellow : c.red;
  return colour('█'.repeat(full)) + c.dim('░'.repeat(width - full));
}

export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}
