import { buildCorpusStats, productness } from './corpus-stats';
import { namedStems } from './prepared-query';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank } from './reranker';
import { shortRequestShare } from './reranker-options';
import { testServerDoc } from './server-doc.test-helper';

// Two browser servers: one's tool says the request's action word for word, the other is the
// product the request names (its description mentions screenshots). Filler servers give the words realistic frequencies.
const browsers = [
  testServerDoc('playwright', 'Browser automation for agents', [
    ['browser_take_screenshot', 'Take a screenshot of the current page'],
    ['browser_navigate', 'Navigate to a URL'],
  ]),
  testServerDoc('puppeteer', 'Headless Chrome automation: pages, forms and screenshots', [
    ['puppeteer_navigate', 'Open a URL in the browser'],
    ['puppeteer_capture', 'Capture an image of the page'],
  ]),
];
const utilities = (mentions: number) =>
  Array.from({ length: 40 }, (_, i) =>
    testServerDoc(`util-${i}`, i < mentions ? `Utility ${i}: runs your Puppeteer scripts` : `Utility ${i} for files`, [[`run_${i}`, i % 4 === 0 ? 'Take a backup of a file' : `Run job ${i}`]]),
  );
const docs = [...browsers, ...utilities(0)];
const stats = buildCorpusStats(docs);
const top = (request: string, options = DEFAULT_RERANKER_OPTIONS, corpus = docs) => rerank(understandQuery(request), corpus, buildCorpusStats(corpus), options)[0]?.id;

describe('reranker: a product the request names outranks another product\'s tool for the action', () => {
  it('reads the names a request writes: capitalised words that do not open a sentence', () => {
    const named = namedStems('Use Zapier to send an email. Then list issues from GitHub; Post it');
    expect([...named].sort()).toEqual(['git', 'hub', 'zapier']);
    expect(namedStems('take a screenshot with puppeteer').size).toBe(0);
  });

  it('measures how much a word is a name without smoothing (a word only one server holds, in its name, is 1)', () => {
    expect(productness(stats, 'puppet')).toBe(1);
    expect(productness(stats, 'screenshot')).toBe(0);
    expect(productness(stats, 'unknown-word')).toBe(0);
  });

  it('ranks the named product first, and only with the bonus on', () => {
    expect(top('Take a screenshot with Puppeteer', { ...DEFAULT_RERANKER_OPTIONS, productNameWeight: 0 })).toBe('playwright');
    expect(top('Take a screenshot with Puppeteer')).toBe('puppeteer');
  });

  it('reads a word in lower case as a name only when the catalog mostly uses it as one', () => {
    // Only the Puppeteer server holds the word: it is a name however it is written.
    expect(top('take a screenshot with puppeteer')).toBe('puppeteer');
    // Two other servers mention it (productness 1/3): written in lower case, the tool match decides.
    const mentioned = [...browsers, ...utilities(2)];
    expect(top('take a screenshot with puppeteer', DEFAULT_RERANKER_OPTIONS, mentioned)).toBe('playwright');
    const puppeteerScore = (request: string) => rerank(understandQuery(request), mentioned, buildCorpusStats(mentioned)).find((r) => r.id === 'puppeteer')?.score ?? 0;
    expect(puppeteerScore('take a screenshot with Puppeteer')).toBeGreaterThan(puppeteerScore('take a screenshot with puppeteer'));
  });

  it('applies to short requests in full and fades out with length', () => {
    const o = DEFAULT_RERANKER_OPTIONS;
    expect(shortRequestShare(8, o)).toBe(1);
    expect(shortRequestShare(19, o)).toBeCloseTo(0.5);
    expect(shortRequestShare(30, o)).toBe(0);
  });
});
