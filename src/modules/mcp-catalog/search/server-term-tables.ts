import type { ServerDocument, ServerField } from './server-document';

/**
 * Per-server term tables the re-ranker reads: built once per document (at snapshot load through
 * warmRerankerCache) and kept beside it, so a request never re-counts a server's words.
 */

export const FIELDS: readonly ServerField[] = ['name', 'toolName', 'owner', 'category', 'description', 'toolDescription'];

/**
 * One term's evidence in one server, flattened into a small-integer array: its count in each field
 * (FIELDS order), then (tool index, count in the tool's name, count in its description) per tool
 * that contains it. Built once per snapshot, so a request term costs one map lookup per server and
 * only the tools that contain it are visited.
 */
export type TermEntry = number[];
export const TOOL_POSTINGS_AT = FIELDS.length;

export interface Counts {
  /** Keyed by termId: a small-integer key makes the re-ranker's hot lookup several times cheaper than a string. */
  readonly terms: ReadonlyMap<number, TermEntry>;
  /** Field lengths in FIELDS order. */
  readonly fieldLength: readonly number[];
  readonly tools: readonly { readonly len: number; readonly pairs: ReadonlySet<string> }[];
  /** Indexes of the description stand-ins among the tools (see ServerDocument's `pseudo`). */
  readonly pseudoTools: readonly number[];
}

/**
 * One id per term any document holds, shared by every snapshot of the process. It only grows: a
 * catalog's vocabulary (~100k words at 8.8k servers) bounds it, and ids never change meaning.
 */
const termIds = new Map<string, number>();

function termId(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) termIds.set(term, (id = termIds.size));
  return id;
}

/** A request term's id, or undefined when no document ever held it (then it matches nothing). */
export function knownTermId(term: string): number | undefined {
  return termIds.get(term);
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
  const terms = new Map<number, TermEntry>();
  const entry = (t: string): TermEntry => {
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
  // Arrays grown by push keep spare capacity (~25 MB of heap at 8.8k servers): copy them to exact size.
  for (const [t, e] of terms) if (e.length > TOOL_POSTINGS_AT) terms.set(t, e.slice());
  const tools = doc.tools.map((t) => ({ len: t.nameTerms.length + t.descriptionTerms.length, pairs: pairsOf([t.nameTerms, t.descriptionTerms]) }));
  const pseudoTools = doc.tools.flatMap((t, i) => (t.pseudo ? [i] : []));
  return { terms, fieldLength: FIELDS.map((f) => doc.fields[f].length), tools, pseudoTools };
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
