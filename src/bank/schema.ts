import { z } from 'zod';

/** Characters that could move the cursor, recolour or rewrite the terminal, or reorder text invisibly. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((s) => !UNSAFE_CHARS.test(s), 'contains a control character or terminal escape sequence');

const AWS_DOC_HOST = /^(docs\.aws\.amazon\.com|aws\.amazon\.com|[a-z0-9-]+\.aws\.amazon\.com)$/;

const reference = z.url({
  protocol: /^https$/,
  hostname: AWS_DOC_HOST,
  error: 'must be an https URL on an AWS documentation host',
});

export const optionSchema = z.strictObject({
  text,
  correct: z.boolean().optional(),
  why: text,
});

export const citeSchema = z.strictObject({
  note: z.string().regex(/^[a-z0-9-]+$/, 'must be a notes file name without .md'),
  section: z.string().regex(/^[^\s#]+$/, 'must be a heading anchor (no spaces, no #)'),
  quote: text,
});

const COUNT_WORDS: Record<number, string> = { 2: 'TWO', 3: 'THREE' };

/** This module's file: part of the key of the parsed-question cache. */
export const SCHEMA_MODULE = import.meta.url;

export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
    domain: z.string().min(1),
    exams: z
      .record(z.string(), z.number().int().min(1).max(4))
      .refine((e) => Object.keys(e).length > 0, 'must name at least one exam'),
    type: z.enum(['single', 'multi']),
    difficulty: z.number().int().min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3'),
    stem: text,
    options: z.array(optionSchema),
    cite: z.array(citeSchema).min(1, 'at least one citation is required'),
    note_warning: text.optional(),
    references: z.array(reference).optional(),
    verified: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'must be the month checked, YYYY-MM'),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct === true).length;
    if (q.type === 'single') {
      if (q.options.length !== 4)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `single needs exactly 4 options, has ${q.options.length}`,
        });
      if (correct !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `single needs exactly 1 correct option, has ${correct}`,
        });
    } else {
      if (q.options.length < 5 || q.options.length > 6)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `multi needs 5 or 6 options, has ${q.options.length}`,
        });
      if (correct < 2 || correct > 3)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `multi needs 2 or 3 correct options, has ${correct}`,
        });
      const stated = /\(Choose (TWO|THREE)\.?\)/.exec(q.stem)?.[1];
      const want = COUNT_WORDS[correct];
      if (!stated)
        ctx.addIssue({
          code: 'custom',
          path: ['stem'],
          message: 'multi stem must say "(Choose TWO.)" or "(Choose THREE.)"',
        });
      else if (want && stated !== want)
        ctx.addIssue({
          code: 'custom',
          path: ['stem'],
          message: `stem says Choose ${stated} but ${correct} options are correct`,
        });
    }
    const seen = new Map<string, number>();
    q.options.forEach((o, i) => {
      const key = o.text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'text'],
          message: `same as options[${first}].text`,
        });
      else seen.set(key, i);
    });
  });

export type Question = z.infer<typeof questionSchema>;
export type QuestionOption = z.infer<typeof optionSchema>;
export type Cite = z.infer<typeof citeSchema>;

const guideDomain = z.strictObject({ title: z.string().min(1), weight: z.number().positive() });

export const taxonomySchema = z.strictObject({
  domains: z.record(
    z.string().regex(/^[a-z]+$/),
    z.strictObject({
      title: z.string().min(1),
      aliases: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
      keywords: z.array(z.string().min(1)).default([]),
    }),
  ),
  exams: z.record(
    z.string().regex(/^[a-z]+$/),
    z.strictObject({
      title: z.string().min(1),
      questions: z.number().int().positive(),
      minutes: z.number().int().positive(),
      pass_scaled: z.number().int().min(100).max(1000),
      guide_domains: z.record(z.string().regex(/^[1-9]$/), guideDomain),
    }),
  ),
});

export type Taxonomy = z.infer<typeof taxonomySchema>;
