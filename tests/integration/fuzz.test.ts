import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/bank/load.js';
import { checkBank } from '../../src/bank/validate.js';
import { seededRng } from '../../src/core/rng.js';
import { fixtureProject, goodQuestion } from './fixtures.js';

/** Ways to break a question file: each takes a good file and the RNG and returns a broken one. */
const MUTATIONS: ((src: string, r: () => number) => string)[] = [
  (s, r) => s.slice(0, Math.floor(r() * s.length)), // truncated anywhere
  (s, r) => {
    const i = Math.floor(r() * s.length);
    return s.slice(0, i) + '\t:{[&*!|>' + s.slice(i);
  },
  (s) => s.replace('difficulty: 2', 'difficulty: "hard"'),
  (s) => s.replace('correct: true', 'correct: yes please'),
  (s) => s.replace(/stem: .*/, `stem: ${JSON.stringify('x'.repeat(200_000))}`),
  (s) => s.replace('domain: storage', 'domain: storage\n  domain: storage'),
  (s) => s.replace('  options:', '  options: 42\n  ignored:'),
  (s) => `${s}${s}`,
  (s) => s.replace('- id:', 'id:'),
  () =>
    'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
  () => `${'- '.repeat(5000)}x\n`,
  () => `${'['.repeat(3000)}\n`,
  (s) => s.replace('S3 Standard-IA', '\u202e\u0007S3 \u001b]0;pwned\u0007Standard-IA'),
  (s) => s.replace(/quote: .*/, 'quote: "\u{1F600}\u0301 \uFFFF"'),
  (s) => s.replace('cite:', 'cite: !!binary aGVsbG8=\n  cite2:'),
  (s, r) =>
    Buffer.from(Buffer.from(s).map((b) => (r() < 0.02 ? Math.floor(r() * 256) : b))).toString('latin1'),
  () => '',
  () => '\u0000\u0001\u0002',
  (s) => s.replace(/verified: .*/, 'verified: 2026-13'),
  (s) => s.replace(/- text: S3 Standard\n/, '- text: [1, 2]\n'),
];

describe('the bank loader and validator on 1,000 broken inputs', () => {
  it('never throws, reports every problem as file:line, and stays fast', () => {
    const rng = seededRng(2026);
    const base =
      goodQuestion('storage-fuzz') +
      goodQuestion('storage-fuzz-two', {
        stem: 'Another distinct stem about retention of archived ledgers for auditors?',
      });
    const project = fixtureProject({});
    const started = Date.now();
    let withProblems = 0;
    for (let i = 0; i < 1000; i++) {
      const dir = join(project.bank, 'storage');
      mkdirSync(dir, { recursive: true });
      const mutate = MUTATIONS[i % MUTATIONS.length]!;
      writeFileSync(join(dir, 'fuzz.yaml'), mutate(base, rng));
      const check = checkBank(project.bank, project.notes);
      for (const p of check.problems) expect(formatProblem(p)).toMatch(/^\S+\.yaml:\d+ .+/);
      if (check.problems.length) withProblems++;
    }
    // a few mutations can leave a valid file (an empty file, a flip inside a text), never a crash
    expect(withProblems).toBeGreaterThan(800);
    expect(Date.now() - started).toBeLessThan(120_000);
  });

  it('reports a missing notes directory and a missing bank directory instead of crashing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'awsquiz-empty-'));
    const check = checkBank(join(empty, 'nope'), join(empty, 'nothing'));
    expect(check.problems.map(formatProblem).join('\n')).toMatch(
      /taxonomy file is missing[\s\S]*notes directory is missing[\s\S]*question bank directory is missing|question bank directory is missing/,
    );
  });
});
