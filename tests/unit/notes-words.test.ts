import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Each converted note and the seed file it came from (kept byte for byte in notes/source/).
const FILES: [string, string][] = [
  ['000_aeb479d87371505e.txt', 'saa-architect-notes.md'],
  ['001_4493e8ad5d9402b2.txt', 'saa-c03-course.md'],
  ['002_608427b1f9651e9b.txt', 'dva-developer-notes.md'],
  ['003_eb3ee2de16221295.txt', 'aws-overview.md'],
  ['004_ee93846695fd145b.txt', 'dva-c02-course.md'],
];

/** Words with Markdown markup, list markers, separator lines and surrounding punctuation taken away. */
function words(text: string): string[] {
  const out: string[] = [];
  for (let line of text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/â€”/g, '—')
    .split('\n')) {
    if (/^\s*[-=]{3,}\s*$/.test(line) || /^\s*[-=]\s*$/.test(line)) continue;
    line = line
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/\[\[|\]\]/g, ' ')
      .replace(/[#*_`>]/g, ' ');
    let prev;
    do {
      prev = line;
      line = line.replace(/^\s*([-+*]|\d{1,3}[.)])(\s+|$)/, '');
    } while (line !== prev);
    out.push(line);
  }
  return out
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

describe('converted notes keep every word of the originals, in order', () => {
  for (const [source, converted] of FILES) {
    it(`${converted} ← ${source}`, () => {
      const original = words(readFileSync(`notes/source/${source}`, 'utf8'));
      const now = words(readFileSync(`notes/${converted}`, 'utf8'));
      const missing: string[] = [];
      let j = 0;
      for (const [i, w] of original.entries()) {
        let k = j;
        while (k < now.length && now[k] !== w) k++;
        if (k === now.length)
          missing.push(`${w} (near: ${original.slice(Math.max(0, i - 4), i + 4).join(' ')})`);
        else j = k + 1;
      }
      expect(missing).toEqual([]);
      // only a few words may be added: new chapter headings and code-fence languages
      expect(now.length - original.length).toBeLessThanOrEqual(20);
    });
  }
});
