import { buildCorpusStats, nameShare } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank, topicalWeight } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

// As in real catalogs: "weather" names most servers that hold it; "recent", "based", "two" and "day"
// are filler, spread over tool descriptions, that a note-taking server holds all of in one tool.
const docs = [
  ...Array.from({ length: 10 }, (_, i) => testServerDoc(`weather-${i}`, `Forecasts source ${i}`, [[`get_forecast_${i}`, 'Weather forecast for a city']])),
  testServerDoc('travel-notes', 'Trip notes, with the weather of each stop', [['add_note', 'Add a note to a trip']]),
  testServerDoc('memory', 'Notes kept for you', [['recent_activity', 'Recent activity of the last two days']]),
  ...Array.from({ length: 150 }, (_, i) =>
    testServerDoc(`tool-${i}`, `Utility ${i} for files and text`, [[`run_${i}`, i % 10 === 0 ? `Run job ${i} on files based on the last two days` : i % 7 === 1 ? 'Show recent jobs' : `Run job ${i} on a file`]]),
  ),
];
const stats = buildCorpusStats(docs);
const request = 'Give me a two-day tour of the city based on the recent weather, my hotel is in the old district';
const top = (options = DEFAULT_RERANKER_OPTIONS) => rerank(understandQuery(request), docs, stats, options)[0]?.id;

describe('reranker: terms that name servers outweigh filler in longer requests', () => {
  it('reads name shares off the corpus', () => {
    expect(nameShare(stats, 'weather')).toBeGreaterThan(0.4);
    expect(nameShare(stats, 'recent')).toBe(0);
  });

  it('ranks a server named for the subject above one that holds the filler words', () => {
    // The product-name bonus off too: "weather" is mostly a name here, and that bonus alone would also do it.
    const alone = { ...DEFAULT_RERANKER_OPTIONS, productNameWeight: 0 };
    expect(top({ ...alone, topicalWeight: 0 })).toBe('memory');
    expect(top(alone)).toMatch(/weather/);
    expect(top()).toMatch(/weather/);
  });

  it('is off for short requests and ramps in with length', () => {
    const o = { ...DEFAULT_RERANKER_OPTIONS, topicalWeight: 1, topicalFromTerms: 5, topicalFullAtTerms: 12 };
    expect(topicalWeight(5, o)).toBe(0);
    expect(topicalWeight(8, o)).toBeCloseTo(3 / 7);
    expect(topicalWeight(12, o)).toBe(1);
    expect(topicalWeight(40, o)).toBe(1);
    expect(topicalWeight(40, { ...o, topicalWeight: 0 })).toBe(0);
  });
});
