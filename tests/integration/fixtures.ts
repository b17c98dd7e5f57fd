import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOTE = `# Storage

## S3 Storage Classes

S3 Standard-IA is for data accessed less frequently, with a minimum storage duration of 30 days.
S3 One Zone-IA keeps data in a single AZ.

## EBS Volumes

An EBS volume is a network drive attached to one instance at a time in one AZ.
`;

export function goodQuestion(id: string, extra: Record<string, string> = {}): string {
  const f = {
    stem: `A company stores monthly ${id} reports that are read rarely after the first week. Which storage class is MOST cost-effective?`,
    quote: '30 days',
    ...extra,
  };
  return `- id: ${id}
  domain: storage
  exams: { saa: 4 }
  type: single
  difficulty: 2
  stem: ${JSON.stringify(f.stem)}
  options:
    - text: S3 Standard-IA
      correct: true
      why: Cheaper storage for rarely read data with millisecond access.
    - text: S3 Standard
      why: Costs more per GB for rarely read data.
    - text: S3 Glacier Deep Archive
      why: Retrieval takes hours.
    - text: S3 Express One Zone
      why: Built for low latency, not for cheap storage.
  cite:
    - note: course
      section: s3-storage-classes
      quote: ${JSON.stringify(f.quote)}
  verified: 2026-11
`;
}

/** A temporary project with the real taxonomy, one small notes file, and the given bank files. */
export function fixtureProject(files: Record<string, string>): { root: string; bank: string; notes: string } {
  const root = mkdtempSync(join(tmpdir(), 'awsquiz-fixture-'));
  const bank = join(root, 'question-bank');
  const notes = join(root, 'notes');
  mkdirSync(join(bank, 'storage'), { recursive: true });
  mkdirSync(notes);
  copyFileSync('question-bank/taxonomy.yaml', join(bank, 'taxonomy.yaml'));
  writeFileSync(join(notes, 'course.md'), NOTE);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(bank, name), text);
  return { root, bank, notes };
}
