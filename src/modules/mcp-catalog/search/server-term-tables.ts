import type { ServerDocument, ServerField } from './server-document';

/**
 * Per-server term tables the re-ranker reads: built once per document (at snapshot load through
 * warmRerankerCache) and kept beside it, so a request never re-counts a server's words.
 */

export const FIELDS: readonly ServerField[] = ['name', 'toolName', 'owner', 'category', 'description', 'toolDescription'];

/**
 * A term's entry in a server: its count in each field (FIELDS order), then (tool index, count in
 * the tool's name, count in its description) per tool that contains it, in tool order. Only the
 * tools that contain a request term are visited.
 */
export const TOOL_POSTINGS_AT = FIELDS.length;

export interface Counts {
  /** How many distinct terms the server holds (n). */
  readonly termCount: number;
  /**
   * One flat array per server, so that scoring a candidate reads a few adjacent cache lines rather
   * than one small array per term (those cache misses were most of a long request's ranking):
   * - [0, n): the term ids, ascending;
   * - [n, 2n]: where each term's entry starts in this array, then where the last one ends;
   * - then the entries.
   */
  readonly table: Int32Array;
  /** Field lengths in FIELDS order. */
  readonly fieldLength: readonly number[];
  readonly tools: readonly { readonly len: number; readonly pairs: ReadonlySet<string> }[];
  /** Indexes of the description stand-ins among the tools (see ServerDocument's `pseudo`). */
  readonly pseudoTools: readonly number[];
}

/** Where the entry of the server's `index`-th term starts in `table`, and where it ends. */
export function entryStart(counts: Counts, index: number): number {
  return counts.table[counts.termCount + index] as number;
}

export function entryEnd(counts: Counts, index: number): number {
  return counts.table[counts.termCount + index + 1] as number;
}

/**
 * One id per term any document holds, shared by every snapshot of the process. It only grows: a
 * catalog's vocabulary (~100k words at 8.8k servers) bounds it, and ids never change meaning.
 */
const idByTerm = new Map<string, number>();

function termId(term: string): number {
  let id = idByTerm.get(term);
  if (id === undefined) idByTerm.set(term, (id = idByTerm.size));
  return id;
}

/** How many term ids exist (they only grow: a change means some document brought new terms). */
export function termIdCount(): number {
  return idByTerm.size;
}

/** A request term's id, or undefined when no document ever held it (then it matches nothing). */
export function knownTermId(term: string): number | undefined {
  return idByTerm.get(term);
}

/** Adjacent word pairs (order-free) of each sequence. */
function pairsOf(seqs: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const seq of seqs) {
    for (let i = 0; i + 1 < seq.length; i++) {
      const a = seq[i] ?? '';
      const b = seq[i + 1] ?? '';
      if (a !== b) out.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
  }
  return out;
}

const countCache = new WeakMap<ServerDocument, Counts>();

function buildCounts(doc: ServerDocument): Counts {
  const terms = new Map<number, number[]>();
  const entry = (t: string): number[] => {
    const id = termId(t);
    let e = terms.get(id);
    if (!e) terms.set(id, (e = FIELDS.map(() => 0)));
    return e;
  };
  FIELDS.forEach((f, i) => {
    for (const t of doc.fields[f]) (entry(t)[i] as number)++;
  });
  doc.tools.forEach((tool, i) => {
    const own = new Map<string, [number, number]>();
    for (const t of tool.nameTerms) ((own.get(t) ?? own.set(t, [0, 0]).get(t)) as [number, number])[0]++;
    for (const t of tool.descriptionTerms) ((own.get(t) ?? own.set(t, [0, 0]).get(t)) as [number, number])[1]++;
    for (const [t, [name, desc]] of own) entry(t).push(i, name, desc);
  });
  const ids = [...terms.keys()].sort((a, b) => a - b);
  const n = ids.length;
  let size = 2 * n + 1;
  for (const e of terms.values()) size += e.length;
  const table = new Int32Array(size);
  let at = 2 * n + 1;
  ids.forEach((id, k) => {
    const e = terms.get(id) as number[];
    table[k] = id;
    table[n + k] = at;
    table.set(e, at);
    at += e.length;
  });
  table[2 * n] = at;
  const tools = doc.tools.map((t) => ({ len: t.nameTerms.length + t.descriptionTerms.length, pairs: pairsOf([t.nameTerms, t.descriptionTerms]) }));
  const pseudoTools = doc.tools.flatMap((t, i) => (t.pseudo ? [i] : []));
  return { termCount: n, table, fieldLength: FIELDS.map((f) => doc.fields[f].length), tools, pseudoTools };
}

/** Index of `id` in the server's sorted term ids, or -1 when it does not hold the term. */
export function indexOfTerm(counts: Counts, id: number): number {
  const ids = counts.table;
  let lo = 0;
  let hi = counts.termCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid] as number;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function countsOf(doc: ServerDocument): Counts {
  let c = countCache.get(doc);
  if (!c) countCache.set(doc, (c = buildCounts(doc)));
  return c;
}

/** Builds the per-server term-count maps up front (at startup), so no request pays for them. */
export function warmRerankerCache(docs: readonly ServerDocument[]): void {
  for (const d of docs) countsOf(d);
}
