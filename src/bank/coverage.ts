import type { Section } from './notes.js';
import type { Taxonomy } from './schema.js';

/** A section is worth a question when its own text (below the heading) has at least this many words. */
export const SUBSTANTIVE_WORDS = 40;

export interface CoverageRow {
  total: number;
  cited: number;
  percent: number;
}

export interface Coverage {
  substantive: number;
  cited: number;
  percent: number;
  byFile: Record<string, CoverageRow>;
  byDomain: Record<string, CoverageRow>;
  uncited: { id: string; file: string; line: number; path: string[]; words: number; domain: string }[];
}

/**
 * The topic domain a section belongs to: from its own heading up through its parents, the domain whose keyword
 * appears earliest in the first heading that mentions any (so "ACM - Integration with API Gateway" is security).
 */
export function sectionDomain(section: Pick<Section, 'path'>, taxonomy: Taxonomy): string {
  for (const title of [...section.path].reverse()) {
    const t = ` ${title.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
    let best: { domain: string; at: number } | undefined;
    for (const [domain, d] of Object.entries(taxonomy.domains)) {
      for (const k of d.keywords) {
        const at = t.indexOf(` ${k.toLowerCase()} `);
        if (at >= 0 && (!best || at < best.at)) best = { domain, at };
      }
    }
    if (best) return best.domain;
  }
  return 'unclassified';
}

export function coverage(
  sections: Iterable<Section>,
  citedIds: ReadonlySet<string>,
  taxonomy: Taxonomy,
): Coverage {
  const byFile: Record<string, CoverageRow> = {};
  const byDomain: Record<string, CoverageRow> = {};
  const uncited: Coverage['uncited'] = [];
  let substantive = 0;
  let cited = 0;
  const bump = (rec: Record<string, CoverageRow>, key: string, isCited: boolean): void => {
    const row = (rec[key] ??= { total: 0, cited: 0, percent: 0 });
    row.total++;
    if (isCited) row.cited++;
  };
  for (const s of sections) {
    if (s.ownWords < SUBSTANTIVE_WORDS) continue;
    const isCited = citedIds.has(s.id);
    const domain = sectionDomain(s, taxonomy);
    substantive++;
    if (isCited) cited++;
    bump(byFile, s.file, isCited);
    bump(byDomain, domain, isCited);
    if (!isCited)
      uncited.push({ id: s.id, file: s.file, line: s.line, path: s.path, words: s.ownWords, domain });
  }
  const pct = (a: number, b: number): number => (b ? Math.round((a / b) * 1000) / 10 : 0);
  for (const row of [...Object.values(byFile), ...Object.values(byDomain)])
    row.percent = pct(row.cited, row.total);
  return { substantive, cited, percent: pct(cited, substantive), byFile, byDomain, uncited };
}
