import { buildCorpusStats } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank, type RankedServer } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

const server = testServerDoc;

const docs = [
  server('flights-a', 'Search flights and airfares', [['search_flights', 'Search flights between airports'], ['flight_prices', 'Cheapest flight prices']]),
  server('flights-b', 'Flight search and booking', [['find_flights', 'Find flights to a city'], ['book_flight', 'Book a flight']]),
  server('flights-c', 'Airline flight status', [['flight_status', 'Flight status and delays'], ['search_flights', 'Search flights']]),
  server('airports', 'Airport information and flights', [['airport_info', 'Airport details'], ['departures', 'Departing flights']]),
  server('paris-guide', 'Paris city guide', [['paris_sights', 'Sights in Paris'], ['paris_flights', 'Flights to Paris']]),
  server('travel', 'Travel planner for flights and hotels', [['plan_trip', 'Plan a trip with flights'], ['search_hotels', 'Search hotels in a city']]),
  server('word', 'Microsoft Word documents', [['create_document', 'Create a Word document'], ['save_document', 'Save a docx file']]),
  server('clock', 'Current date and time in any timezone', [['get_current_time', 'Current time and date'], ['convert_time', 'Convert time between timezones']]),
  server('no-tools', 'Notes about flights kept as plain text', []),
  ...Array.from({ length: 5 }, (_, i) => server(`misc-${i}`, `Unrelated tool number ${i} for notes`, [['take_note', `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const explain = (r: RankedServer) => ({ fields: r.matchedFields, tools: r.matchedTools.map((t) => [t.name, t.score, t.terms]), terms: r.matchedTerms });

describe('reranker: match explanations', () => {
  // The date step promotes "clock" into the top five; servers it passes are re-scored (capped).
  const text = 'Search flights to Paris next Friday';

  it('explains every server as when nothing is promoted (re-scored entries included)', () => {
    const ranked = rerank(understandQuery(text), docs, stats);
    const off = rerank(understandQuery(text), docs, stats, { ...DEFAULT_RERANKER_OPTIONS, diversifyTop: 0 });
    const plain = new Map(off.map((r) => [r.id, explain(r)]));
    const offScore = new Map(off.map((r) => [r.id, r.score]));
    expect(ranked.length).toBe(docs.length);
    expect(ranked.some((r) => r.score < (offScore.get(r.id) ?? 0))).toBe(true);
    for (const r of ranked) expect(explain(r)).toEqual(plain.get(r.id));
    expect(ranked.find((r) => r.id === 'flights-b')?.matchedTools.length).toBeGreaterThan(0);
  });

  it('names the fields, tools (best first, named ones only) and words that matched', () => {
    const word = rerank(understandQuery('save a Word document'), docs, stats).find((r) => r.id === 'word');
    expect(word?.matchedFields).toEqual(expect.arrayContaining(['name', 'toolName', 'description']));
    expect(word?.matchedTools.map((t) => t.name).sort()).toEqual(['create_document', 'save_document']);
    const scores = word?.matchedTools.map((t) => t.score) ?? [];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(word?.matchedTerms).toEqual(expect.arrayContaining(['save', 'word', 'document']));
    const noTools = rerank(understandQuery('flights notes'), docs, stats).find((r) => r.id === 'no-tools');
    expect(noTools?.matchedTools).toEqual([]);
    expect(noTools?.matchedFields).toContain('description');
  });
});
