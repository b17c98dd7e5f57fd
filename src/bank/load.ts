import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { byName } from './compiled.js';
import { displayPath } from './notes.js';

/** This module's file: part of the key of the parsed-question cache. */
export const LOAD_MODULE = import.meta.url;

/** One problem, printed as `file:line id: field: message`. */
export interface Problem {
  file: string;
  line: number;
  id?: string;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}`;
  const what = [p.id, p.field].filter(Boolean).join(': ');
  return what ? `${where} ${what}: ${p.message}` : `${where} ${p.message}`;
}

/** A YAML item as written, with a way back to the line of any field inside it. */
export interface RawItem {
  file: string;
  line: number;
  index: number;
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number;
}

export interface LoadedFile {
  file: string;
  items: RawItem[];
  problems: Problem[];
}

/** Bank files larger than this are refused before parsing: a question file is a few KB. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 8) return;
    for (const entry of readdirSync(d, { withFileTypes: true }).sort(byName)) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p, depth + 1);
      else if (/\.ya?ml$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir, 0);
  return out;
}

function lineFinder(doc: Document, lc: LineCounter, base: readonly PropertyKey[]) {
  return (path: readonly PropertyKey[]): number => {
    // the deepest node that exists on the path: a missing field points at its parent
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn([...base, ...path.slice(0, n)] as unknown[], true) as
        { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
    }
    return 1;
  };
}

/** Parse one YAML file of questions (a list of maps). Problems carry file:line; nothing throws. */
export function loadYamlList(absPath: string): LoadedFile {
  const file = displayPath(absPath);
  const problems: Problem[] = [];
  let source: string;
  try {
    const size = statSync(absPath).size;
    if (size > MAX_FILE_BYTES) {
      return {
        file,
        items: [],
        problems: [{ file, line: 1, message: `file is ${size} bytes; the limit is ${MAX_FILE_BYTES}` }],
      };
    }
    source = readFileSync(absPath, 'utf8');
  } catch (e) {
    return {
      file,
      items: [],
      problems: [{ file, line: 1, message: `cannot read: ${(e as Error).message}` }],
    };
  }
  const { doc, lc, yamlProblems } = parseYaml(source, file);
  if (yamlProblems.length) return { file, items: [], problems: yamlProblems };
  const root = doc.contents;
  if (root === null) return { file, items: [], problems };
  if (!isSeq(root)) {
    return {
      file,
      items: [],
      problems: [{ file, line: 1, message: 'a question file must be a YAML list of questions' }],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { file, items: [], problems: [{ file, line: 1, message: `YAML: ${(e as Error).message}` }] };
  }
  const list = value as unknown[];
  const items: RawItem[] = root.items.map((node, index) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const line = range ? lc.linePos(range[0]).line : 1;
    if (!isMap(node))
      problems.push({ file, line, message: `item ${index + 1} is not a question (a map of fields)` });
    return { file, line, index, value: list[index], lineOf: lineFinder(doc, lc, [index]) };
  });
  return { file, items: items.filter((_, i) => isMap(root.items[i])), problems };
}

export function parseYaml(source: string, file: string) {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const yamlProblems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    file,
    line: e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line,
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  return { doc, lc, yamlProblems };
}

/** zod issue path → `options[2].why` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out;
}

export function zodProblems(item: RawItem, id: string | undefined, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    file: item.file,
    line: item.lineOf(issue.path),
    ...(id ? { id } : {}),
    field: formatPath(issue.path) || undefined,
    message: /received undefined$/.test(issue.message) ? 'Required' : issue.message,
  }));
}
