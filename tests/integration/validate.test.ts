import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/bank/load.js';
import { checkBank } from '../../src/bank/validate.js';
import { fixtureProject, goodQuestion } from './fixtures.js';

function problems(files: Record<string, string>): string[] {
  const p = fixtureProject(files);
  process.chdir(p.root);
  try {
    return checkBank(p.bank, p.notes).problems.map(formatProblem);
  } finally {
    process.chdir(__dirname + '/../..');
  }
}

describe('validate', () => {
  it('passes a good question', () => {
    expect(problems({ 'storage/s3.yaml': goodQuestion('storage-ok') })).toEqual([]);
  });

  it('names file:line, id and field for a missing why', () => {
    const broken = goodQuestion('storage-no-why').replace('      why: Retrieval takes hours.\n', '');
    expect(problems({ 'storage/s3.yaml': broken })).toEqual([
      'question-bank/storage/s3.yaml:13 storage-no-why: options[2].why: Required',
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const out = problems({
      'storage/s3.yaml': goodQuestion('storage-a') + '- id: [unclosed\n  domain: storage\n',
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^question-bank\/storage\/s3\.yaml:2[2-3] YAML: /);
  });

  it('reports every problem at once: duplicate id, unknown domain and exam, bad citation and quote', () => {
    const out = problems({
      'storage/a.yaml': goodQuestion('storage-dup'),
      'storage/b.yaml':
        goodQuestion('storage-dup', {
          stem: 'Completely different wording about an unrelated retention scenario entirely?',
        }) +
        goodQuestion('storage-bad', {
          stem: 'Which EBS volume fits a boot disk for a small web server cheaply?',
          quote: 'ninety days',
        })
          .replace('domain: storage', 'domain: storagex')
          .replace('{ saa: 4 }', '{ saa: 7, sap: 1 }')
          .replace('section: s3-storage-classes', 'section: ebs-volumes'),
    });
    expect(out).toEqual([
      expect.stringMatching(
        /^question-bank\/storage\/b\.yaml:1 storage-dup: id: duplicate id, first defined at question-bank\/storage\/a\.yaml:1$/,
      ),
      expect.stringMatching(/^question-bank\/storage\/b\.yaml:24 storage-bad: exams.saa: Too big/),
    ]);
    const schemaOk = problems({
      'storage/b.yaml': goodQuestion('storage-bad', { quote: 'ninety days' })
        .replace('domain: storage', 'domain: storagex')
        .replace('{ saa: 4 }', '{ saa: 4, sap: 1 }'),
    });
    expect(schemaOk).toEqual([
      expect.stringMatching(/:2 storage-bad: domain: unknown domain "storagex"/),
      expect.stringMatching(/:3 storage-bad: exams.sap: unknown exam "sap"/),
      expect.stringMatching(
        /:20 storage-bad: cite\[0\].quote: not found in .*course\.md:3-7 \(S3 Storage Classes\)/,
      ),
    ]);
  });

  it('checks multi-select counts against the stem', () => {
    const multi = goodQuestion('storage-multi')
      .replace('type: single', 'type: multi')
      .replace(
        '      why: Costs more per GB for rarely read data.',
        '      correct: true\n      why: Costs more per GB for rarely read data.',
      )
      .replace('  cite:', '    - text: S3 Outposts\n      why: On premises only.\n  cite:');
    expect(problems({ 'storage/m.yaml': multi })).toEqual([
      expect.stringMatching(/storage-multi: stem: multi stem must say "\(Choose TWO\.\)"/),
    ]);
    const wrongCount = multi.replace('MOST cost-effective?', 'MOST cost-effective? (Choose THREE.)');
    expect(problems({ 'storage/m.yaml': wrongCount })).toEqual([
      expect.stringMatching(/stem says Choose THREE but 2 options are correct/),
    ]);
    expect(
      problems({
        'storage/m.yaml': multi.replace('MOST cost-effective?', 'MOST cost-effective? (Choose TWO.)'),
      }),
    ).toEqual([]);
  });

  it('rejects terminal escape sequences and control characters', () => {
    const evil = goodQuestion('storage-evil', {
      stem: 'Which class is cheapest \u001b[2J\u001b[31mfor rarely read reports kept a year?',
    });
    expect(problems({ 'storage/e.yaml': evil })).toEqual([
      expect.stringMatching(/storage-evil: stem: contains a control character/),
    ]);
  });

  it('reports the same problems, on the same lines, from the parsed-question cache; a changed file is parsed again', () => {
    const p = fixtureProject({
      'storage/a.yaml': goodQuestion('storage-dup'),
      'storage/b.yaml':
        goodQuestion('storage-bad', { quote: 'ninety days' })
          .replace('domain: storage', 'domain: storagex')
          .replace('{ saa: 4 }', '{ saa: 4, sap: 1 }') +
        goodQuestion('storage-dup', {
          stem: 'Completely different wording about an unrelated retention scenario?',
        }),
    });
    process.chdir(p.root);
    const sharedCache = process.env.AWSQUIZ_CACHE_DIR;
    process.env.AWSQUIZ_CACHE_DIR = mkdtempSync(join(tmpdir(), 'awsquiz-parse-cache-'));
    try {
      const run = (cache: boolean) => checkBank(p.bank, p.notes, { cache }).problems.map(formatProblem);
      const plain = run(false);
      expect(plain).toHaveLength(5);
      expect(run(true)).toEqual(plain); // parses, fills the cache
      expect(run(true)).toEqual(plain); // from the cache: same messages, same lines
      const cacheDir = process.env.AWSQUIZ_CACHE_DIR!;
      const cached = readdirSync(cacheDir)
        .filter((f) => f.startsWith('parsed-'))
        .map(
          (f) => JSON.parse(readFileSync(join(cacheDir, f), 'utf8')) as { files: Record<string, unknown> },
        );
      expect(cached.map((c) => Object.keys(c.files).sort())).toEqual([
        [join('storage', 'a.yaml'), join('storage', 'b.yaml'), 'taxonomy.yaml'],
      ]);
      const broken = goodQuestion('storage-no-why').replace('      why: Retrieval takes hours.\n', '');
      appendFileSync(join(p.bank, 'storage', 'a.yaml'), broken);
      const after = run(true);
      expect(after).toContain('question-bank/storage/a.yaml:34 storage-no-why: options[2].why: Required');
    } finally {
      process.env.AWSQUIZ_CACHE_DIR = sharedCache;
      process.chdir(__dirname + '/../..');
    }
  });

  it('flags near-duplicate stems', () => {
    const out = problems({
      'storage/a.yaml':
        goodQuestion('storage-one') +
        goodQuestion('storage-two').replace('monthly storage-two reports', 'monthly storage-one reports!'),
    });
    expect(out).toEqual([expect.stringMatching(/storage-two: stem: near-duplicate of storage-one/)]);
  });

  it('refuses files that are not a list and unknown fields', () => {
    expect(problems({ 'storage/x.yaml': 'id: nope\n' })).toEqual([
      'question-bank/storage/x.yaml:1 a question file must be a YAML list of questions',
    ]);
    const extra = goodQuestion('storage-extra').replace(
      '  verified: 2026-11',
      '  verified: 2026-11\n  answer: A',
    );
    expect(problems({ 'storage/y.yaml': extra })).toEqual([
      expect.stringMatching(/storage-extra: Unrecognized key: "answer"/),
    ]);
  });

  it('exits 2 from the CLI with every problem, 0 with a summary when clean', () => {
    const bad = fixtureProject({
      'storage/s3.yaml': goodQuestion('storage-cli').replace('difficulty: 2', 'difficulty: 5'),
    });
    const run = spawnSync(
      process.execPath,
      ['bin/awsquiz.js', 'validate', '--bank', bad.bank, '--notes', bad.notes],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/s3\.yaml:5 storage-cli: difficulty: /);
    const good = fixtureProject({ 'storage/s3.yaml': goodQuestion('storage-cli') });
    const out = execFileSync(
      process.execPath,
      ['bin/awsquiz.js', 'validate', '--bank', good.bank, '--notes', good.notes],
      { encoding: 'utf8' },
    );
    expect(out.trim().split('\n').at(-1)).toBe('1 questions (saa 1), 1 domains, 0 problems');
    const json = JSON.parse(
      execFileSync(
        process.execPath,
        ['bin/awsquiz.js', 'validate', '--json', '--coverage', '--bank', good.bank, '--notes', good.notes],
        { encoding: 'utf8' },
      ),
    );
    expect(json).toMatchObject({
      questions: 1,
      exams: { saa: 1 },
      guideDomains: { saa: { '4': 1 } },
      types: { single: 1 },
      difficulty: { '2': 1 },
    });
    expect(json.coverage.substantive).toBe(0);
  });
});
