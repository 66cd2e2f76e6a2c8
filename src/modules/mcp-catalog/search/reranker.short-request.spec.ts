import { buildCorpusStats } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank, shortRequestOptions } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

const server = (id: string, description: string, tools: [string, string][]) => testServerDoc(id, description, tools, false);

// "listed" documents the action as a tool; "described" only mentions it in its description (no tools listed).
const docs = [
  server('listed', 'Container host', [['stop_container', 'Stop a running container'], ['list_images', 'List images']]),
  server('described', 'Stop a running container and restart it', []),
  ...Array.from({ length: 6 }, (_, i) => server(`misc-${i}`, `Unrelated helper ${i} for notes`, [['take_note', `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const off = { ...DEFAULT_RERANKER_OPTIONS, shortPseudoToolFactor: 1 };
const score = (text: string, id: string, options = DEFAULT_RERANKER_OPTIONS) =>
  rerank(understandQuery(text), docs, stats, options).find((r) => r.id === id)?.score ?? 0;

describe('reranker: short requests prefer servers that list the action as a tool', () => {
  it('discounts a description-only match for a short request', () => {
    const text = 'Stop a running container';
    expect(score(text, 'described')).toBeLessThan(score(text, 'described', off));
    expect(score(text, 'listed')).toBe(score(text, 'listed', off));
  });

  it('leaves long requests alone and fades in between', () => {
    const o = { ...DEFAULT_RERANKER_OPTIONS, shortPseudoToolFactor: 0.5, shortRequestTerms: 8 };
    expect(shortRequestOptions(8, o).pseudoToolFactor).toBeCloseTo(0.5);
    expect(shortRequestOptions(19, o).pseudoToolFactor).toBeCloseTo(0.75);
    expect(shortRequestOptions(30, o)).toBe(o);
    expect(shortRequestOptions(3, o)).toBe(shortRequestOptions(4, o));
  });

  it('is off at factor 1', () => {
    expect(shortRequestOptions(3, off)).toBe(off);
  });
});
