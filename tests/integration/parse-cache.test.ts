import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOAD_MODULE } from '../../src/bank/load.js';
import { loadNotes } from '../../src/bank/notes.js';
import { contentHash, ParseCache } from '../../src/bank/parse-cache.js';
import { fixtureProject, goodQuestion } from './fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'awsquiz-cache-'));
const item = (id: string) => ({ value: { id }, line: 1, lines: { id: 1 } });
const MODULES = [LOAD_MODULE];

function filled(bank: string, file: string, env: NodeJS.ProcessEnv, seed?: string): ParseCache {
  const cache = new ParseCache(bank, MODULES, env, seed);
  cache.get(file);
  return cache;
}

describe('parse cache', () => {
  it('keeps a file whose time changed but whose contents did not, and drops one whose contents changed', () => {
    const p = fixtureProject({ 'storage/a.yaml': goodQuestion('storage-a') });
    const file = join(p.bank, 'storage', 'a.yaml');
    const env = { AWSQUIZ_CACHE_DIR: tmp() };
    const first = filled(p.bank, file, env);
    const { size, mtimeMs } = statOf(file);
    first.put(file, { size, mtimeMs, hash: contentHash(file) }, [item('storage-a')]);
    first.save();
    expect(new ParseCache(p.bank, MODULES, env).get(file)).toEqual([item('storage-a')]);

    // a checkout or copy: new time, same bytes
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const touched = new ParseCache(p.bank, MODULES, env);
    expect(touched.get(file)).toEqual([item('storage-a')]);
    touched.save();
    expect(new ParseCache(p.bank, MODULES, env).get(file)).toEqual([item('storage-a')]);

    // same size, different bytes: parsed again
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('storage-a', 'storage-b'));
    expect(new ParseCache(p.bank, MODULES, env).get(file)).toBeUndefined();
  });

  it('starts from an index built elsewhere (a fresh install): same relative path and bytes are reused', () => {
    const built = fixtureProject({ 'storage/a.yaml': goodQuestion('storage-a') });
    const builder = { AWSQUIZ_CACHE_DIR: tmp() };
    const src = join(built.bank, 'storage', 'a.yaml');
    const c = filled(built.bank, src, builder);
    c.put(src, { size: statOf(src).size, mtimeMs: statOf(src).mtimeMs, hash: contentHash(src) }, [
      item('storage-a'),
    ]);
    c.save();
    const seed = join(builder.AWSQUIZ_CACHE_DIR, readdirOne(builder.AWSQUIZ_CACHE_DIR, 'parsed-'));

    const installed = fixtureProject({ 'storage/a.yaml': goodQuestion('storage-a') });
    const learner = { AWSQUIZ_CACHE_DIR: tmp() };
    const file = join(installed.bank, 'storage', 'a.yaml');
    expect(new ParseCache(installed.bank, MODULES, learner, seed).get(file)).toEqual([item('storage-a')]);
    // an index from other code (another awsquiz build) is not trusted
    expect(new ParseCache(installed.bank, [], learner, seed).get(file)).toBeUndefined();
  });

  it('reuses parsed notes by contents and shows them with the path as seen from here', () => {
    const p = fixtureProject({});
    const builder = { AWSQUIZ_CACHE_DIR: tmp() };
    const first = loadNotes(p.notes, builder);
    const seed = join(builder.AWSQUIZ_CACHE_DIR, readdirOne(builder.AWSQUIZ_CACHE_DIR, 'notes-'));
    const course = join(p.notes, 'course.md');
    utimesSync(course, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const here = process.cwd();
    process.chdir(p.root);
    try {
      const again = loadNotes(p.notes, { AWSQUIZ_CACHE_DIR: tmp() }, seed).get('course')!;
      expect(again.file).toBe(join('notes', 'course.md'));
      expect(again.sections.every((s) => s.file === join('notes', 'course.md'))).toBe(true);
      expect(again.sections.map((s) => s.id)).toEqual(first.get('course')!.sections.map((s) => s.id));
    } finally {
      process.chdir(here);
    }
  });
});

function statOf(file: string) {
  return statSync(file);
}
function readdirOne(dir: string, prefix: string): string {
  const found = readdirSync(dir).filter((f) => f.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0]!;
}
