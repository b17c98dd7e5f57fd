import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes } from 'mdast';
import { cacheDir, fingerprint, writeCache } from './cache.js';
import { freshness, parseUnchanged, SEED_DIR, type FileStamp } from './parse-cache.js';

/** One heading of a notes file and the text it owns. */
export interface Section {
  /** `<file-stem>#<github-slug>`, e.g. `saa-c03-course#s3-storage-classes` */
  id: string;
  note: string;
  slug: string;
  /** path shown to the learner, relative to the working directory when inside it */
  file: string;
  depth: number;
  title: string;
  /** heading titles from the top of the file down to this one */
  path: string[];
  /** 1-based line of the heading */
  line: number;
  /** last line of the section: up to the next heading of the same or higher level */
  endLine: number;
  /** last line of the section's own text: up to the next heading of any level */
  ownEndLine: number;
  /** the section's own text (heading line included), as written */
  ownText: string;
  /** words of own text below the heading: how substantive the section is */
  ownWords: number;
}

export interface NotesFile {
  note: string;
  file: string;
  lines: string[];
  sections: Section[];
}

function headings(tree: Nodes, out: Heading[] = []): Heading[] {
  if (tree.type === 'heading') out.push(tree);
  if ('children' in tree) for (const child of tree.children) headings(child, out);
  return out;
}

/** Normalise text for evidence matching: case, whitespace and inline Markdown markup do not matter. */
export function normaliseForMatch(s: string): string {
  return s
    .toLowerCase()
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function countWords(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Split Markdown before every column-0 ATX heading outside fenced code. Such a line always closes the blocks
 * before it, so parsing the pieces separately finds the same headings — and micromark, whose cost grows faster
 * than linearly with document size, parses a large notes file many times faster in pieces.
 */
function chunks(lines: string[]): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let fence: string | null = null;
  let start = 0;
  lines.forEach((line, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line))
        fence = null;
      return;
    }
    if (fence === null && i > start && /^#{1,6}(\s|$)/.test(line)) {
      out.push({ start, text: lines.slice(start, i).join('\n') });
      start = i;
    }
  });
  out.push({ start, text: lines.slice(start).join('\n') });
  return out;
}

export function parseNotes(note: string, source: string, file: string): NotesFile {
  const lines = source.split('\n');
  const slugger = new GithubSlugger();
  const hs: { depth: number; title: string; line: number; endOfHeading: number }[] = [];
  for (const chunk of chunks(lines)) {
    for (const h of headings(fromMarkdown(chunk.text))) {
      if (!h.position) continue;
      hs.push({
        depth: h.depth,
        title: toString(h).trim(),
        line: h.position.start.line + chunk.start,
        endOfHeading: h.position.end.line + chunk.start,
      });
    }
  }
  const lastLine = source.endsWith('\n') ? lines.length - 1 : lines.length;
  const sections: Section[] = [];
  const stack: { depth: number; title: string }[] = [];
  hs.forEach((h, i) => {
    const slug = slugger.slug(h.title);
    let endLine = lastLine;
    for (const later of hs.slice(i + 1)) {
      if (later.depth <= h.depth) {
        endLine = later.line - 1;
        break;
      }
    }
    const next = hs[i + 1];
    const ownEndLine = next ? next.line - 1 : lastLine;
    while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    stack.push({ depth: h.depth, title: h.title });
    sections.push({
      id: `${note}#${slug}`,
      note,
      slug,
      file,
      depth: h.depth,
      title: h.title,
      path: stack.map((s) => s.title),
      line: h.line,
      endLine,
      ownEndLine,
      ownText: lines.slice(h.line - 1, ownEndLine).join('\n'),
      ownWords: countWords(lines.slice(h.endOfHeading, ownEndLine).join('\n')),
    });
  });
  return { note, file, lines, sections };
}

export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

const NOTES_FORMAT = 2;

interface NotesEntry extends FileStamp {
  notes: NotesFile;
}

interface NotesCache {
  format: number;
  /** file name → its parsed sections */
  files: Record<string, NotesEntry>;
}

function readNotesCache(file: string): Record<string, NotesEntry> | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as NotesCache;
    return c.format === NOTES_FORMAT && c.files && typeof c.files === 'object' ? c.files : undefined;
  } catch {
    return undefined;
  }
}

/** A parsed notes file as shown from another working directory: only the displayed path changes. */
function shownAs(nf: NotesFile, file: string): NotesFile {
  if (nf.file === file) return nf;
  return { ...nf, file, sections: nf.sections.map((s) => ({ ...s, file })) };
}

/**
 * Every `*.md` in the notes directory except README.md, parsed into sections. Parsing the notes is the slowest
 * part of validation, so each file's sections are cached: reused while its size and modification time are
 * unchanged, or else while its contents are (after a checkout, or on a fresh install, where the cache starts from
 * the index built with the package).
 */
export function loadNotes(
  notesDir: string,
  env: NodeJS.ProcessEnv = process.env,
  seed = join(SEED_DIR, 'notes.json'),
): Map<string, NotesFile> {
  const names = readdirSync(notesDir)
    .sort()
    .filter((name) => name.endsWith('.md') && name !== 'README.md');
  const cacheFile = join(cacheDir(env), `notes-${fingerprint(`${NOTES_FORMAT}\0${resolve(notesDir)}`)}.json`);
  const old = readNotesCache(cacheFile) ?? readNotesCache(seed) ?? {};
  const next: Record<string, NotesEntry> = {};
  let dirty = Object.keys(old).some((name) => !names.includes(name));
  const files = new Map<string, NotesFile>();
  for (const name of names) {
    const note = name.slice(0, -3);
    const abs = join(notesDir, name);
    const shown = displayPath(abs);
    let entry = old[name];
    if (entry) {
      const st = statSync(abs);
      const fresh = freshness(entry, abs, st);
      if (fresh === 'moved') {
        entry = { ...entry, mtimeMs: st.mtimeMs };
        dirty = true;
      } else if (!fresh) entry = undefined;
    }
    if (!entry) {
      const { value: parsed, stamp } = parseUnchanged(abs, () =>
        parseNotes(note, readFileSync(abs, 'utf8'), shown),
      );
      if (!stamp) {
        files.set(note, parsed);
        continue;
      }
      entry = { ...stamp, notes: parsed };
      dirty = true;
    }
    next[name] = entry;
    files.set(note, shownAs(entry.notes, shown));
  }
  if (dirty) writeCache(cacheFile, { format: NOTES_FORMAT, files: next } satisfies NotesCache);
  return files;
}

/** `notes/saa-c03-course.md:2425 S3 › S3 Storage Classes` */
export function pointer(s: Pick<Section, 'file' | 'line' | 'path'>): string {
  return `${s.file}:${s.line} ${s.path.join(' › ')}`;
}
