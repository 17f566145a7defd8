// The catalogue as a tree: an index by code, the effective six-haves of an indicator,
// and the filtered antd tree data (a branch stays when one of its leaves matches).
import { SIX_HAVES, type Indicator, type IndicatorCategory } from './types.ts';

export interface CatalogueIndex {
  byCode: Map<string, Indicator>;
  children: Map<string | null, Indicator[]>;
}

export interface CatalogueFilter {
  q?: string;
  category?: IndicatorCategory;
  scenario?: string;
  sixHave?: string;
}

export interface IndicatorNode {
  key: string;
  indicator: Indicator;
  isLeaf: boolean;
  children?: IndicatorNode[];
}

export function indexCatalogue(items: readonly Indicator[]): CatalogueIndex {
  const byCode = new Map<string, Indicator>();
  const children = new Map<string | null, Indicator[]>();
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code));
  for (const item of sorted) {
    byCode.set(item.code, item);
    const parent = item.parent ?? null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  return { byCode, children };
}

const asList = (v: string | string[] | null | undefined): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The first-level ancestor's code of any indicator code ("01.08.01" → "01"). */
export const level1Code = (code: string) => code.split('.')[0] ?? code;
/** The second-level ancestor's code ("01.08.01" → "01.08"). */
export const level2Code = (code: string) => code.split('.').slice(0, 2).join('.');

/** Own six-haves plus those of its first-level area. */
export function sixHavesOf(index: CatalogueIndex, indicator: Indicator): string[] {
  const own = asList(indicator.sixHaves);
  const area = index.byCode.get(level1Code(indicator.code));
  return [...new Set([...own, ...asList(area?.sixHaves)])];
}

/** The six-haves named in the catalogue data, in the usual order (unknown names last). */
export function sixHaveNames(index: CatalogueIndex | null): string[] {
  const found = new Set<string>();
  for (const ind of index?.byCode.values() ?? []) for (const h of asList(ind.sixHaves)) found.add(h);
  const known: string[] = SIX_HAVES.filter((h) => found.has(h));
  return [...known, ...[...found].filter((h) => !known.includes(h)).sort()];
}

export function indicatorName(indicator: Indicator, lang: string): string {
  return lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name;
}

function textMatch(indicator: Indicator, q: string): boolean {
  return indicator.code.includes(q) || indicator.name.toLowerCase().includes(q) || (indicator.nameEn ?? '').toLowerCase().includes(q);
}

function leafMatches(index: CatalogueIndex, leaf: Indicator, f: CatalogueFilter, q: string): boolean {
  if (f.category && leaf.category !== f.category) return false;
  if (f.scenario && leaf.futureScenario !== f.scenario) return false;
  if (f.sixHave && !sixHavesOf(index, leaf).includes(f.sixHave)) return false;
  if (!q) return true;
  // A text that names an area or a group keeps all its items.
  const parents = [index.byCode.get(level1Code(leaf.code)), index.byCode.get(level2Code(leaf.code))];
  return textMatch(leaf, q) || parents.some((p) => p !== undefined && textMatch(p, q));
}

export function isFiltering(f: CatalogueFilter): boolean {
  return Boolean(f.q?.trim() || f.category || f.scenario || f.sixHave);
}

/** Tree data under `parent`, pruned to branches with matching third-level indicators. */
export function buildTree(index: CatalogueIndex, f: CatalogueFilter, parent: string | null = null): IndicatorNode[] {
  const q = f.q?.trim().toLowerCase() ?? '';
  const out: IndicatorNode[] = [];
  for (const indicator of index.children.get(parent) ?? []) {
    if (indicator.level === 3) {
      if (leafMatches(index, indicator, f, q)) out.push({ key: indicator.code, indicator, isLeaf: true });
      continue;
    }
    const children = buildTree(index, f, indicator.code);
    if (children.length > 0) out.push({ key: indicator.code, indicator, isLeaf: false, children });
  }
  return out;
}

/** Codes of every branch node (to expand all when filtering). */
export function branchKeys(nodes: readonly IndicatorNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.key, ...branchKeys(n.children)] : []));
}

export function countLeaves(nodes: readonly IndicatorNode[]): number {
  return nodes.reduce((sum, n) => sum + (n.children ? countLeaves(n.children) : 1), 0);
}
