import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatPath,
  listYamlFiles,
  loadYamlList,
  LOAD_MODULE,
  parseYaml,
  zodProblems,
  type Problem,
  type RawItem,
} from './load.js';
import { ParseCache, parseUnchanged, type CachedQuestion } from './parse-cache.js';
import { allocate } from '../core/blueprint.js';
import { displayPath, loadNotes, normaliseForMatch, type NotesFile, type Section } from './notes.js';
import { questionSchema, SCHEMA_MODULE, taxonomySchema, type Question, type Taxonomy } from './schema.js';

export interface LocatedQuestion extends Question {
  file: string;
  line: number;
}

export interface BankCheck {
  taxonomy: Taxonomy | undefined;
  questions: LocatedQuestion[];
  notes: Map<string, NotesFile>;
  /** section id → section, for every section of every notes file */
  sections: Map<string, Section>;
  problems: Problem[];
}

export const TAXONOMY_FILE = 'taxonomy.yaml';

export function loadTaxonomy(bankDir: string): { taxonomy?: Taxonomy; problems: Problem[] } {
  const abs = join(bankDir, TAXONOMY_FILE);
  const file = displayPath(abs);
  if (!existsSync(abs)) return { problems: [{ file, line: 1, message: 'taxonomy file is missing' }] };
  const { doc, lc, yamlProblems } = parseYaml(readFileSync(abs, 'utf8'), file);
  if (yamlProblems.length) return { problems: yamlProblems };
  const parsed = taxonomySchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (parsed.success) return { taxonomy: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((i) => {
      const node = doc.getIn(i.path as unknown[], true) as { range?: [number] } | undefined;
      return {
        file,
        line: node?.range ? lc.linePos(node.range[0]).line : 1,
        field: i.path.join('.'),
        message: i.message,
      };
    }),
  };
}

/** Word-set similarity of two stems, for near-duplicate detection. */
function stemTokens(stem: string): Set<string> {
  return new Set(
    stem
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2),
  );
}

export const NEAR_DUPLICATE = 0.85;

/**
 * Every pair of word sets with Jaccard similarity ≥ NEAR_DUPLICATE, as [later, earlier] indices — exactly the pairs
 * a comparison of all pairs finds, without comparing all pairs ("All-Pairs" prefix filtering): with the words of
 * each set ordered rarest first, two sets that similar must share a word among the first
 * |A| − ⌈t·|A|⌉ + 1 of each, and their sizes must be within a factor t. Only pairs meeting both are compared.
 */
export function nearDuplicatePairs(sets: readonly Set<string>[], t = NEAR_DUPLICATE): [number, number][] {
  const df = new Map<string, number>();
  for (const set of sets) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const rarestFirst = (a: string, b: string): number =>
    df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const index = new Map<string, number[]>();
  const pairs: [number, number][] = [];
  sets.forEach((set, i) => {
    const words = [...set].sort(rarestFirst);
    const prefix = words.length - Math.ceil(t * words.length) + 1;
    const candidates = new Set<number>();
    for (const w of words.slice(0, prefix)) {
      for (const j of index.get(w) ?? []) candidates.add(j);
      const list = index.get(w);
      if (list) list.push(i);
      else index.set(w, [i]);
    }
    for (const j of candidates) {
      const other = sets[j]!;
      if (Math.min(set.size, other.size) < t * Math.max(set.size, other.size)) continue;
      if (jaccard(set, other) >= t) pairs.push([i, j]);
    }
  });
  return pairs;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** The taxonomy from the parse cache when its file is unchanged and was valid, else parsed (and cached if valid). */
function cachedTaxonomy(bankDir: string, cache: ParseCache | undefined): ReturnType<typeof loadTaxonomy> {
  const abs = join(bankDir, TAXONOMY_FILE);
  if (!cache || !existsSync(abs)) return loadTaxonomy(bankDir);
  const hit = cache.get(abs);
  if (hit?.[0]) return { taxonomy: hit[0].value as Taxonomy, problems: [] };
  const { value: loaded, stamp } = parseUnchanged(abs, () => loadTaxonomy(bankDir));
  if (stamp && loaded.taxonomy && !loaded.problems.length)
    cache.put(abs, stamp, [{ value: loaded.taxonomy, line: 1, lines: {} }]);
  return loaded;
}

function toCache(item: RawItem, data: Question): CachedQuestion {
  const paths: PropertyKey[][] = [['id'], ['domain'], ['stem']];
  for (const exam of Object.keys(data.exams)) paths.push(['exams', exam]);
  data.cite.forEach((_, i) => paths.push(['cite', i, 'note'], ['cite', i, 'section'], ['cite', i, 'quote']));
  return {
    value: data,
    line: item.line,
    lines: Object.fromEntries(paths.map((p) => [formatPath(p), item.lineOf(p)])),
  };
}

function fromCache(file: string, c: CachedQuestion): RawItem {
  return { file, line: c.line, index: 0, value: c.value, lineOf: (p) => c.lines[formatPath(p)] ?? c.line };
}

/** The whole CI gate: schema, ids, taxonomy tags, citations and their quotes, duplicates. Never throws for bad input. */
export function checkBank(bankDir: string, notesDir: string, opts: { cache?: boolean } = {}): BankCheck {
  const problems: Problem[] = [];
  const cache = opts.cache
    ? new ParseCache(bankDir, [import.meta.url, LOAD_MODULE, SCHEMA_MODULE])
    : undefined;
  const { taxonomy, problems: taxProblems } = cachedTaxonomy(bankDir, cache);
  problems.push(...taxProblems);

  let notes = new Map<string, NotesFile>();
  if (!existsSync(notesDir)) {
    problems.push({ file: displayPath(notesDir), line: 1, message: 'notes directory is missing' });
  } else {
    notes = loadNotes(notesDir);
  }
  const sections = new Map<string, Section>();
  for (const nf of notes.values()) for (const s of nf.sections) sections.set(s.id, s);

  const normalisedText = new Map<string, string>();
  const questions: LocatedQuestion[] = [];
  const firstById = new Map<string, LocatedQuestion>();
  const files = existsSync(bankDir) ? listYamlFiles(bankDir).filter((f) => !f.endsWith(TAXONOMY_FILE)) : [];
  if (!existsSync(bankDir))
    problems.push({ file: displayPath(bankDir), line: 1, message: 'question bank directory is missing' });

  for (const abs of files) {
    // a file unchanged since it last passed parsing and the schema is taken from the cache
    const cached = cache?.get(abs);
    const items: { item: RawItem; data: Question }[] = [];
    if (cached) {
      const file = displayPath(abs);
      for (const c of cached) items.push({ item: fromCache(file, c), data: c.value as Question });
    } else {
      const { value: loaded, stamp } = cache
        ? parseUnchanged(abs, () => loadYamlList(abs))
        : { value: loadYamlList(abs), stamp: undefined };
      problems.push(...loaded.problems);
      let clean = loaded.problems.length === 0;
      for (const item of loaded.items) {
        const rawId = (item.value as { id?: unknown } | null)?.id;
        const id = typeof rawId === 'string' ? rawId : undefined;
        const parsed = questionSchema.safeParse(item.value);
        if (!parsed.success) {
          problems.push(...zodProblems(item, id, parsed.error));
          clean = false;
          continue;
        }
        items.push({ item, data: parsed.data });
      }
      if (cache && stamp && clean)
        cache.put(
          abs,
          stamp,
          items.map(({ item, data }) => toCache(item, data)),
        );
    }
    for (const { item, data } of items) {
      const q: LocatedQuestion = { ...data, file: item.file, line: item.line };
      const at = (path: PropertyKey[], message: string): void => {
        problems.push({
          file: item.file,
          line: item.lineOf(path),
          id: q.id,
          field: formatPath(path),
          message,
        });
      };
      const first = firstById.get(q.id);
      if (first) {
        at(['id'], `duplicate id, first defined at ${first.file}:${first.line}`);
        continue;
      }
      firstById.set(q.id, q);
      if (taxonomy) {
        if (!taxonomy.domains[q.domain])
          at(['domain'], `unknown domain "${q.domain}" (known: ${Object.keys(taxonomy.domains).join(', ')})`);
        for (const [exam, gd] of Object.entries(q.exams)) {
          const ex = taxonomy.exams[exam];
          if (!ex)
            at(['exams', exam], `unknown exam "${exam}" (known: ${Object.keys(taxonomy.exams).join(', ')})`);
          else if (!ex.guide_domains[String(gd)]) at(['exams', exam], `${exam} has no guide domain ${gd}`);
        }
      }
      q.cite.forEach((c, i) => {
        const nf = notes.get(c.note);
        if (!nf) {
          at(['cite', i, 'note'], `no notes file "${c.note}.md" (known: ${[...notes.keys()].join(', ')})`);
          return;
        }
        const section = sections.get(`${c.note}#${c.section}`);
        if (!section) {
          at(['cite', i, 'section'], `no section "${c.section}" in ${nf.file}`);
          return;
        }
        let text = normalisedText.get(section.id);
        if (text === undefined) normalisedText.set(section.id, (text = normaliseForMatch(section.ownText)));
        if (!text.includes(normaliseForMatch(c.quote))) {
          at(
            ['cite', i, 'quote'],
            `not found in ${section.file}:${section.line}-${section.ownEndLine} (${section.title})`,
          );
        }
      });
      questions.push(q);
    }
  }
  cache?.save();

  const pairs = nearDuplicatePairs(questions.map((q) => stemTokens(q.stem)));
  for (const [i, j] of pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const q = questions[i]!;
    const other = questions[j]!;
    problems.push({
      file: q.file,
      line: q.line,
      id: q.id,
      field: 'stem',
      message: `near-duplicate of ${other.id} (${other.file}:${other.line})`,
    });
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { taxonomy, questions, notes, sections, problems };
}

export interface BankCounts {
  questions: number;
  exams: Record<string, number>;
  domains: Record<string, number>;
  guideDomains: Record<string, Record<string, number>>;
  types: Record<string, number>;
  difficulty: Record<string, number>;
  /** share of single-choice questions whose correct option is the longest (a give-away when high) */
  correctIsLongestShare: number;
  withNoteWarning: number;
}

export interface ExamCounts {
  questions: number;
  /** topic domain → questions tagged for this exam */
  domains: Record<string, number>;
  /** guide domain → questions, and how many a full mock draws from it */
  guideDomains: Record<string, { questions: number; perMock: number }>;
  multiShare: number;
  difficultyShare: Record<string, number>;
  correctIsLongestShare: number;
  /** how many full mocks in a row the bank can give without repeating a question */
  fullMocksWithoutRepeats: number;
}

/** Per exam: what a full mock needs from each guide domain and how many mocks the bank supports. */
export function examCounts(questions: readonly Question[], taxonomy: Taxonomy): Record<string, ExamCounts> {
  const out: Record<string, ExamCounts> = {};
  for (const [exam, def] of Object.entries(taxonomy.exams)) {
    const mine = questions.filter((q) => q.exams[exam] !== undefined);
    const weights = Object.fromEntries(Object.entries(def.guide_domains).map(([k, g]) => [k, g.weight]));
    const perMock = allocate(
      def.questions,
      weights,
      Object.fromEntries(Object.keys(weights).map((k) => [k, def.questions])),
    );
    const c = countBank(mine);
    const share = (n: number): number => (mine.length ? Math.round((n / mine.length) * 1000) / 1000 : 0);
    const guideDomains: ExamCounts['guideDomains'] = {};
    let mocks = Infinity;
    for (const k of Object.keys(weights)) {
      const n = c.guideDomains[exam]?.[k] ?? 0;
      guideDomains[k] = { questions: n, perMock: perMock[k]! };
      if (perMock[k]! > 0) mocks = Math.min(mocks, Math.floor(n / perMock[k]!));
    }
    out[exam] = {
      questions: mine.length,
      domains: c.domains,
      guideDomains,
      multiShare: share(c.types.multi ?? 0),
      difficultyShare: Object.fromEntries(Object.entries(c.difficulty).map(([d, n]) => [d, share(n)])),
      correctIsLongestShare: c.correctIsLongestShare,
      fullMocksWithoutRepeats: Number.isFinite(mocks) ? mocks : 0,
    };
  }
  return out;
}

export function countBank(questions: readonly Question[]): BankCounts {
  const inc = (rec: Record<string, number>, key: string): void => {
    rec[key] = (rec[key] ?? 0) + 1;
  };
  const c: BankCounts = {
    questions: questions.length,
    exams: {},
    domains: {},
    guideDomains: {},
    types: {},
    difficulty: {},
    correctIsLongestShare: 0,
    withNoteWarning: 0,
  };
  let singles = 0;
  let longest = 0;
  for (const q of questions) {
    inc(c.domains, q.domain);
    inc(c.types, q.type);
    inc(c.difficulty, String(q.difficulty));
    if (q.note_warning) c.withNoteWarning++;
    for (const [exam, gd] of Object.entries(q.exams)) {
      inc(c.exams, exam);
      inc((c.guideDomains[exam] ??= {}), String(gd));
    }
    if (q.type === 'single') {
      singles++;
      const lengths = q.options.map((o) => o.text.length);
      const max = Math.max(...lengths);
      const key = q.options.findIndex((o) => o.correct);
      if (lengths[key] === max && lengths.filter((l) => l === max).length === 1) longest++;
    }
  }
  c.correctIsLongestShare = singles ? Math.round((longest / singles) * 1000) / 1000 : 0;
  return c;
}
