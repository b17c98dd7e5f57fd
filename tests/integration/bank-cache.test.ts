import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cachedBank,
  compileBank,
  defaultLocation,
  deserializeBank,
  loadBank,
  serializeBank,
  type CompiledBank,
} from '../../src/bank/compiled.js';

let bank: CompiledBank;
beforeAll(async () => {
  bank = await compileBank(defaultLocation());
});

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('the compiled-bank cache', () => {
  it('gives back exactly the compiled bank', () => {
    const again = deserializeBank(serializeBank(bank));
    expect(again.questions.length).toBe(bank.questions.length);
    expect(plain(again)).toEqual(plain(bank));
    const q = again.questions[7]!;
    const orig = bank.questions[7]!;
    expect(q.stem).toBe(orig.stem);
    expect(q.options.map((o) => o.correct === true)).toEqual(orig.options.map((o) => o.correct === true));
    expect(q.note_warning).toBe(orig.note_warning);
  });

  it('parses a question body only when it is read', () => {
    const lines = serializeBank(bank).split('\n');
    // the third question's JSON (after the header-length and header lines), damaged at the same length
    lines[4] = `{${'x'.repeat(Buffer.byteLength(lines[4]!) - 1)}`;
    const lazy = deserializeBank(lines.join('\n'));
    const damaged = lazy.questions[2]!;
    // planning needs only the light fields, which come from the header
    expect(damaged.id).toBe(bank.questions[2]!.id);
    expect(damaged.sections).toEqual(bank.questions[2]!.sections);
    expect(lazy.questions[5]!.stem).toBe(bank.questions[5]!.stem);
    expect(() => damaged.stem).toThrow(SyntaxError);
  });

  it('refuses a truncated or padded file, and a stale format is rebuilt', async () => {
    const text = serializeBank(bank);
    expect(() => deserializeBank(text.slice(0, text.lastIndexOf('\n')))).toThrow(/truncated/);
    expect(() => deserializeBank(`${text}\n{}`)).toThrow(/more questions/);

    const env = { AWSQUIZ_CACHE_DIR: mkdtempSync(join(tmpdir(), 'awsquiz-cache-')) };
    expect(cachedBank(defaultLocation(), env)).toBeUndefined();
    await loadBank(defaultLocation(), env);
    const [file] = readdirSync(env.AWSQUIZ_CACHE_DIR);
    expect(cachedBank(defaultLocation(), env)?.questions.length).toBe(bank.questions.length);
    // a cache written by an older awsquiz (format 1: the whole bank as one JSON value) is not used
    const path = join(env.AWSQUIZ_CACHE_DIR, file!);
    writeFileSync(path, JSON.stringify({ ...(plain(bank) as object), format: 1 }));
    expect(cachedBank(defaultLocation(), env)).toBeUndefined();
    expect((await loadBank(defaultLocation(), env)).questions.length).toBe(bank.questions.length);
    expect(readFileSync(path, 'utf8').split('\n').length).toBe(bank.questions.length + 3);
  });
});
