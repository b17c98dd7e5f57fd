import { readdirSync, readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../../src/bank/notes.js';

function wholeFileHeadings(source: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'heading') out.push([n.position!.start.line, n.depth, toString(n).trim()]);
    if ('children' in n) n.children.forEach(walk);
  };
  walk(fromMarkdown(source));
  return out.sort((a, b) => a[0] - b[0]);
}

describe('notes parsed in chunks find exactly the headings of a whole-file parse', () => {
  for (const name of readdirSync('notes').filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    it(name, () => {
      const source = readFileSync(`notes/${name}`, 'utf8');
      const sections = parseNotes(name.slice(0, -3), source, `notes/${name}`).sections;
      expect(sections.map((s) => [s.line, s.depth, s.title])).toEqual(wholeFileHeadings(source));
      expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length);
    });
  }
});
