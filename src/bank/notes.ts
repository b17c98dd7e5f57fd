import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes } from 'mdast';

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

export function parseNotes(note: string, source: string, file: string): NotesFile {
  const lines = source.split('\n');
  const tree = fromMarkdown(source);
  const slugger = new GithubSlugger();
  const hs = headings(tree)
    .filter((h) => h.position)
    .sort((a, b) => a.position!.start.line - b.position!.start.line);
  const lastLine = source.endsWith('\n') ? lines.length - 1 : lines.length;
  const sections: Section[] = [];
  const stack: { depth: number; title: string }[] = [];
  hs.forEach((h, i) => {
    const title = toString(h).trim();
    const slug = slugger.slug(title);
    const line = h.position!.start.line;
    let endLine = lastLine;
    for (const later of hs.slice(i + 1)) {
      if (later.depth <= h.depth) {
        endLine = later.position!.start.line - 1;
        break;
      }
    }
    const next = hs[i + 1];
    const ownEndLine = next ? next.position!.start.line - 1 : lastLine;
    while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    stack.push({ depth: h.depth, title });
    const ownText = lines.slice(line - 1, ownEndLine).join('\n');
    const body = lines.slice(h.position!.end.line, ownEndLine).join('\n');
    sections.push({
      id: `${note}#${slug}`,
      note,
      slug,
      file,
      depth: h.depth,
      title,
      path: stack.map((s) => s.title),
      line,
      endLine,
      ownEndLine,
      ownText,
      ownWords: countWords(body),
    });
  });
  return { note, file, lines, sections };
}

export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

/** Every `*.md` in the notes directory except README.md, parsed into sections. */
export function loadNotes(notesDir: string): Map<string, NotesFile> {
  const files = new Map<string, NotesFile>();
  for (const name of readdirSync(notesDir).sort()) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const note = name.slice(0, -3);
    const abs = join(notesDir, name);
    files.set(note, parseNotes(note, readFileSync(abs, 'utf8'), displayPath(abs)));
  }
  return files;
}

/** `notes/saa-c03-course.md:2425 S3 › S3 Storage Classes` */
export function pointer(s: Pick<Section, 'file' | 'line' | 'path'>): string {
  return `${s.file}:${s.line} ${s.path.join(' › ')}`;
}
