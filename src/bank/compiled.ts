import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../root.js';
import { BankError } from '../errors.js';
import { cacheDir, fingerprint, writeCacheText } from './cache.js';
import type { CoreQuestion } from '../core/types.js';
import type { Question, Taxonomy } from './schema.js';

/** A question as the exam needs it: validated, located, with its citations resolved to section ids. */
export interface CompiledQuestion extends Question {
  file: string;
  line: number;
  sections: string[];
}

/** Where a remediation pointer leads: `notes/saa-c03-course.md:2425 S3 › S3 Storage Classes`. */
// the core works on compiled questions directly
const compiledIsCore = (q: CompiledQuestion): CoreQuestion => q;
void compiledIsCore;

export interface SectionRef {
  id: string;
  file: string;
  line: number;
  endLine: number;
  path: string[];
}

export interface CompiledBank {
  format: number;
  hash: string;
  taxonomy: Taxonomy;
  questions: CompiledQuestion[];
  sections: Record<string, SectionRef>;
}

const FORMAT = 4;

export interface BankLocation {
  bankDir: string;
  notesDir: string;
}

export function defaultLocation(): BankLocation {
  return { bankDir: join(PACKAGE_ROOT, 'question-bank'), notesDir: join(PACKAGE_ROOT, 'notes') };
}

/** Ordinal order: the same on every machine, and without the ~7 ms `localeCompare` costs on first use. */
export const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

function walk(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, out);
    else if (keep(e.name)) out.push(p);
  }
  return out;
}

/**
 * A fingerprint of everything the compiled bank is made from: each bank and notes file's path, size and
 * modification time (as build tools key their caches), the locations and this format. Editing any file
 * changes it; computing it reads no file contents, which keeps start-up fast.
 */
export function bankHash(loc: BankLocation): string {
  const parts = [`${FORMAT}\0${resolve(loc.bankDir)}\0${resolve(loc.notesDir)}`];
  const files = [
    ...walk(loc.bankDir, (n) => /\.ya?ml$/.test(n)),
    ...walk(loc.notesDir, (n) => n.endsWith('.md') && n !== 'README.md'),
  ];
  for (const f of files) {
    const st = statSync(f);
    parts.push(`${f}\0${st.size}\0${st.mtimeMs}`);
  }
  return fingerprint(parts.join('\n'));
}

/** What planning, scoring and mastery read of every question; the rest is parsed only for questions shown. */
type Light = 'id' | 'domain' | 'exams' | 'type' | 'difficulty' | 'file' | 'line' | 'sections';
type LightQuestion = Pick<CompiledQuestion, Light>;

/** A question's light fields, compactly: files and section ids are indices into the header's tables. */
type IndexRow = [
  id: string,
  domain: string,
  exams: Record<string, number>,
  type: 'single' | 'multi',
  difficulty: number,
  file: number,
  line: number,
  sections: number[],
];

interface CacheHeader {
  format: number;
  hash: string;
  taxonomy: Taxonomy;
  files: string[];
  sectionIds: string[];
  index: IndexRow[];
  /** byte offsets after the header: each question's JSON, as start, end pairs, then the sections table's */
  spans: number[];
}

/**
 * The cache file: the header's length in bytes on the first line, the header (taxonomy, each question's light
 * fields and where its full JSON lies), then one line of JSON per question and a last line with the note sections
 * the questions cite. A start-up reads and parses the header only; a question's stem, options and citations are
 * read from the file and parsed the first time they are used — an exam reads them for the questions it shows,
 * not for the whole bank — and the sections table when a result first points at the notes.
 */
export function serializeBank(bank: CompiledBank): string {
  const bodies = [...bank.questions.map((q) => JSON.stringify(q)), JSON.stringify(bank.sections)];
  const spans: number[] = [];
  let at = 0;
  for (const b of bodies) {
    const n = Buffer.byteLength(b);
    spans.push(at, at + n);
    at += n + 1;
  }
  const files = [...new Set(bank.questions.map((q) => q.file))];
  const sectionIds = [...new Set(bank.questions.flatMap((q) => q.sections))];
  const fileNo = new Map(files.map((f, i) => [f, i]));
  const sectionNo = new Map(sectionIds.map((id, i) => [id, i]));
  const header: CacheHeader = {
    format: bank.format,
    hash: bank.hash,
    taxonomy: bank.taxonomy,
    files,
    sectionIds,
    index: bank.questions.map((q) => [
      q.id,
      q.domain,
      q.exams,
      q.type,
      q.difficulty,
      fileNo.get(q.file)!,
      q.line,
      q.sections.map((id) => sectionNo.get(id)!),
    ]),
    spans,
  };
  const headerText = JSON.stringify(header);
  return [String(Buffer.byteLength(headerText)), headerText, ...bodies].join('\n');
}

/** Reads `length` bytes at `position` of the cache, or throws if the file ends first. */
type ReadAt = (position: number, length: number) => Buffer;

/**
 * A question read from the cache: the light fields are its own, the rest is read and parsed from its line of the
 * cache the first time any of it is used. `toJSON` gives the whole question, as compiled.
 */
class CachedQuestion {
  declare readonly id: string;
  declare readonly domain: string;
  declare readonly exams: Record<string, number>;
  declare readonly type: 'single' | 'multi';
  declare readonly difficulty: number;
  declare readonly file: string;
  declare readonly line: number;
  declare readonly sections: string[];
  readonly #readAt: ReadAt;
  readonly #start: number;
  readonly #end: number;
  #full: CompiledQuestion | undefined;

  constructor(light: LightQuestion, readAt: ReadAt, start: number, end: number) {
    Object.assign(this, light);
    this.#readAt = readAt;
    this.#start = start;
    this.#end = end;
  }

  #load(): CompiledQuestion {
    return (this.#full ??= JSON.parse(
      this.#readAt(this.#start, this.#end - this.#start).toString('utf8'),
    ) as CompiledQuestion);
  }

  get stem(): string {
    return this.#load().stem;
  }
  get options(): CompiledQuestion['options'] {
    return this.#load().options;
  }
  get cite(): CompiledQuestion['cite'] {
    return this.#load().cite;
  }
  get note_warning(): string | undefined {
    return this.#load().note_warning;
  }
  get references(): string[] | undefined {
    return this.#load().references;
  }
  get verified(): string {
    return this.#load().verified;
  }
  toJSON(): CompiledQuestion {
    return this.#load();
  }
}

/** A bank from a cache of `size` bytes read through `readAt`; only the header is read now. */
function readBank(readAt: ReadAt, size: number): CompiledBank {
  const first = readAt(0, Math.min(size, 24));
  const nl = first.indexOf(10);
  const headerBytes = Number(first.toString('latin1', 0, nl));
  if (nl < 1 || !Number.isSafeInteger(headerBytes) || nl + 1 + headerBytes > size)
    throw new Error('truncated bank cache');
  const header = JSON.parse(readAt(nl + 1, headerBytes).toString('utf8')) as CacheHeader;
  const base = nl + 1 + headerBytes + 1;
  const { index, spans, files, sectionIds } = header;
  if (spans.length !== index.length * 2 + 2) throw new Error('bank cache index does not match');
  const last = spans.at(-1)!;
  if (base + last > size) throw new Error('truncated bank cache');
  if (base + last < size) throw new Error('bank cache has more questions than its index');
  const at: ReadAt = (position, length) => readAt(base + position, length);
  const questions = index.map(
    ([id, domain, exams, type, difficulty, file, line, sections], i) =>
      new CachedQuestion(
        {
          id,
          domain,
          exams,
          type,
          difficulty,
          file: files[file]!,
          line,
          sections: sections.map((n) => sectionIds[n]!),
        },
        at,
        spans[2 * i]!,
        spans[2 * i + 1]!,
      ),
  );
  let sections: Record<string, SectionRef> | undefined;
  const [sStart, sEnd] = spans.slice(-2) as [number, number];
  return {
    format: header.format,
    hash: header.hash,
    taxonomy: header.taxonomy,
    questions,
    get sections() {
      return (sections ??= JSON.parse(at(sStart, sEnd - sStart).toString('utf8')) as Record<
        string,
        SectionRef
      >);
    },
  };
}

/** The cache's bytes, already in memory, back into a bank (see `serializeBank`). */
export function deserializeBank(source: Buffer | string): CompiledBank {
  const buf = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  return readBank((position, length) => buf.subarray(position, position + length), buf.length);
}

/**
 * The cache file back into a bank without reading it whole: the file stays open (a replaced cache file keeps its
 * old contents for this process), and each question's bytes are read when it is first used.
 */
function openBankCache(file: string): CompiledBank {
  const fd = openSync(file, 'r');
  try {
    const readAt: ReadAt = (position, length) => {
      const buf = Buffer.allocUnsafe(length);
      if (readSync(fd, buf, 0, length, position) !== length) throw new Error('truncated bank cache');
      return buf;
    };
    return readBank(readAt, fstatSync(fd).size);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

type Heavy = 'stem' | 'options' | 'cite' | 'note_warning' | 'references' | 'verified';
// a field added to questions must be listed as light or heavy, or this stops compiling
type Unlisted = Exclude<keyof CompiledQuestion, Light | Heavy>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
// …and every heavy field must have its getter on CachedQuestion
type NoGetter = Exclude<Heavy, keyof CachedQuestion>;
const everyGetterThere: [NoGetter] extends [never] ? true : NoGetter = true;
const cachedIsCompiled = (q: CachedQuestion): CompiledQuestion => q;
void everyFieldListed;
void everyGetterThere;
void cachedIsCompiled;

/** The compiled bank from the cache when its sources have not changed since, else undefined. */
export function cachedBank(
  loc: BankLocation = defaultLocation(),
  env = process.env,
): CompiledBank | undefined {
  const hash = bankHash(loc);
  try {
    const cached = openBankCache(cacheFile(hash, env));
    if (cached.format === FORMAT && cached.hash === hash) return cached;
  } catch {
    // no cache yet, or unreadable: the caller compiles
  }
  return undefined;
}

function cacheFile(hash: string, env: NodeJS.ProcessEnv): string {
  return join(cacheDir(env), `bank-${hash}.json`);
}

/**
 * The bank for an exam. Validating YAML and parsing notes is slow next to a quiz's start-up budget, so the
 * validated result is cached as JSON keyed by a hash of its sources and rebuilt only when they change.
 * A bank with problems is refused with every problem listed.
 */
export async function loadBank(
  loc: BankLocation = defaultLocation(),
  env = process.env,
): Promise<CompiledBank> {
  const hit = cachedBank(loc, env);
  if (hit) return hit;
  const bank = await compileBank(loc);
  writeCacheText(cacheFile(bank.hash, env), serializeBank(bank));
  return bank;
}

export async function compileBank(loc: BankLocation, hash = bankHash(loc)): Promise<CompiledBank> {
  const { checkBank } = await import('./validate.js');
  const { formatProblem } = await import('./load.js');
  const check = checkBank(loc.bankDir, loc.notesDir, { cache: true });
  if (check.problems.length || !check.taxonomy) {
    throw new BankError(
      `the question bank has ${check.problems.length} problem(s); run \`awsquiz validate\` for details`,
      check.problems.map(formatProblem),
    );
  }
  const notesRoot = dirname(resolve(loc.notesDir));
  const sections: Record<string, SectionRef> = {};
  const questions: CompiledQuestion[] = check.questions.map((q) => {
    const ids = [...new Set(q.cite.map((c) => `${c.note}#${c.section}`))];
    for (const id of ids) {
      const s = check.sections.get(id)!;
      const abs = join(loc.notesDir, `${s.note}.md`);
      sections[id] = {
        id,
        file: relative(notesRoot, abs) || basename(abs),
        line: s.line,
        endLine: s.endLine,
        path: s.path,
      };
    }
    return { ...q, sections: ids };
  });
  return { format: FORMAT, hash, taxonomy: check.taxonomy, questions, sections };
}
