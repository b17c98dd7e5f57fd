import { describe, expect, it } from 'vitest';
import { coverage, sectionDomain } from '../../src/bank/coverage.js';
import type { Section } from '../../src/bank/notes.js';
import type { Taxonomy } from '../../src/bank/schema.js';

const taxonomy = {
  domains: {
    serverless: { title: 'S', aliases: [], keywords: ['api gateway', 'lambda'] },
    security: { title: 'K', aliases: [], keywords: ['acm', 'kms'] },
    storage: { title: 'St', aliases: [], keywords: ['s3'] },
  },
  exams: {},
} as Taxonomy;

function section(id: string, path: string[], ownWords: number): Section {
  return {
    id,
    note: 'n',
    slug: id,
    file: 'notes/n.md',
    depth: path.length,
    title: path.at(-1)!,
    path,
    line: 1,
    endLine: 2,
    ownEndLine: 2,
    ownText: '',
    ownWords,
  };
}

describe('coverage', () => {
  it('classifies a section by the earliest keyword of its nearest heading that has one', () => {
    expect(sectionDomain({ path: ['Security', 'ACM - Integration with API Gateway'] }, taxonomy)).toBe(
      'security',
    );
    expect(sectionDomain({ path: ['S3 chapter', 'Hands-On'] }, taxonomy)).toBe('storage');
    expect(sectionDomain({ path: ['Misc'] }, taxonomy)).toBe('unclassified');
  });

  it('counts only substantive sections and lists the uncited ones', () => {
    const sections = [section('a', ['S3'], 40), section('b', ['Lambda'], 120), section('c', ['KMS'], 39)];
    const cov = coverage(sections, new Set(['a', 'c']), taxonomy);
    expect(cov).toMatchObject({ substantive: 2, cited: 1, percent: 50 });
    expect(cov.byDomain).toEqual({
      storage: { total: 1, cited: 1, percent: 100 },
      serverless: { total: 1, cited: 0, percent: 0 },
    });
    expect(cov.uncited.map((u) => u.id)).toEqual(['b']);
  });
});
