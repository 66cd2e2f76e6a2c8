import { buildCorpusStats } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

const server = testServerDoc;

const docs = [
  server('flights-a', 'Search flights and airfares', [['search_flights', 'Search flights between airports'], ['flight_prices', 'Cheapest flight prices']]),
  server('flights-b', 'Flight search and booking', [['find_flights', 'Find flights to a city'], ['book_flight', 'Book a flight']]),
  server('flights-c', 'Airline flight status', [['flight_status', 'Flight status and delays'], ['search_flights', 'Search flights']]),
  server('travel', 'Travel planner for flights and hotels', [['plan_trip', 'Plan a trip with flights'], ['search_hotels', 'Search hotels in a city']]),
  server('airports', 'Airport information and flights', [['airport_info', 'Airport details'], ['departures', 'Departing flights']]),
  server('paris-guide', 'Paris city guide', [['paris_sights', 'Sights in Paris'], ['paris_flights', 'Flights to Paris']]),
  server('word', 'Microsoft Word documents', [['create_document', 'Create a Word document'], ['save_document', 'Save a docx file']]),
  server('clock', 'Current date and time in any timezone', [['get_current_time', 'Current time and date'], ['convert_time', 'Convert time between timezones']]),
  ...Array.from({ length: 6 }, (_, i) => server(`misc-${i}`, `Unrelated tool number ${i} for notes`, [['take_note', `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const ids = (text: string, options = DEFAULT_RERANKER_OPTIONS) => rerank(understandQuery(text), docs, stats, options).map((r) => r.id);
const off = { ...DEFAULT_RERANKER_OPTIONS, diversifyTop: 0 };

describe('reranker: a place in the top five for each step', () => {
  it('gives an implied step its best server without moving the first place', () => {
    const text = 'Search flights to Paris next Friday';
    expect(ids(text, off).slice(0, 5)).not.toContain('clock');
    const ranked = ids(text);
    expect(ranked.slice(0, 5)).toContain('clock');
    expect(ranked[0]).toBe(ids(text, off)[0]);
  });

  it('does not push out close rivals of the best server', () => {
    const strict = { ...DEFAULT_RERANKER_OPTIONS, diversifyDisplaceBelow: 0 };
    expect(ids('Search flights to Paris next Friday', strict).slice(0, 5)).toEqual(ids('Search flights to Paris next Friday', off).slice(0, 5));
  });

  it('keeps scores sorted after promoting', () => {
    const ranked = rerank(understandQuery('Search flights to Paris next Friday'), docs, stats);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it('changes nothing for a single-step request', () => {
    expect(ids('Search flights to Paris')).toEqual(ids('Search flights to Paris', off));
  });
});
