import { describe, expect, it } from 'vitest';
import { normaliseForMatch, parseNotes, pointer } from '../../src/bank/notes.js';

const md = `# AWS Storage

Intro words.

## S3 Storage Classes

Standard-IA has a 30 days minimum.

\`\`\`
# not a heading, inside a fence
\`\`\`

### Glacier

Retrieval in hours.

## S3 Storage Classes

Same title again.

# Databases
`;

describe('parseNotes', () => {
  const nf = parseNotes('course', md, 'notes/course.md');

  it('gives each heading a GitHub anchor, numbering duplicates, ignoring fenced "headings"', () => {
    expect(nf.sections.map((s) => s.id)).toEqual([
      'course#aws-storage',
      'course#s3-storage-classes',
      'course#glacier',
      'course#s3-storage-classes-1',
      'course#databases',
    ]);
  });

  it('records the heading path and line range', () => {
    const s3 = nf.sections[1]!;
    expect(s3).toMatchObject({
      depth: 2,
      title: 'S3 Storage Classes',
      path: ['AWS Storage', 'S3 Storage Classes'],
      line: 5,
    });
    expect(s3.ownEndLine).toBe(12); // up to the Glacier heading
    expect(s3.endLine).toBe(16); // up to the next heading of the same level
    expect(nf.sections[4]!.endLine).toBe(21);
    expect(pointer(nf.sections[2]!)).toBe('notes/course.md:13 AWS Storage › S3 Storage Classes › Glacier');
  });

  it('keeps own text separate from subsections', () => {
    const s3 = nf.sections[1]!;
    expect(s3.ownText).toContain('30 days minimum');
    expect(s3.ownText).not.toContain('Retrieval in hours');
    expect(s3.ownWords).toBe(12);
  });
});

describe('normaliseForMatch', () => {
  it('ignores case, whitespace, emphasis, code marks and escapes', () => {
    expect(normaliseForMatch('**S3**  Standard\n`IA`  1\\. item')).toBe('s3 standard ia 1. item');
  });
});
