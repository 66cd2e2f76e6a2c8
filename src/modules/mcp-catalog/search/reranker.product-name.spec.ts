import { buildCorpusStats, productness } from './corpus-stats';
import { namedStems } from './prepared-query';
import { understandQuery } from './query-understanding';
import { DEFAULT_RERANKER_OPTIONS, rerank } from './reranker';
import { shortRequestShare } from './reranker-options';
import { testServerDoc } from './server-doc.test-helper';

// Two browser servers: one's tool says the request's action word for word, the other is the
// product the request names (its description mentions screenshots). Filler servers give the words realistic frequencies.
const docs = [
  testServerDoc('playwright', 'Browser automation for agents', [
    ['browser_take_screenshot', 'Take a screenshot of the current page'],
    ['browser_navigate', 'Navigate to a URL'],
  ]),
  testServerDoc('puppeteer', 'Headless Chrome automation: pages, forms and screenshots', [
    ['puppeteer_navigate', 'Open a URL in the browser'],
    ['puppeteer_capture', 'Capture an image of the page'],
  ]),
  ...Array.from({ length: 40 }, (_, i) => testServerDoc(`util-${i}`, `Utility ${i} for files`, [[`run_${i}`, i % 4 === 0 ? 'Take a backup of a file' : `Run job ${i}`]])),
];
const stats = buildCorpusStats(docs);
const top = (request: string, options = DEFAULT_RERANKER_OPTIONS) => rerank(understandQuery(request), docs, stats, options)[0]?.id;

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
    // Written in lower case the word is not read as a name: the tool match decides.
    expect(top('take a screenshot with puppeteer')).toBe('playwright');
  });

  it('applies to short requests in full and fades out with length', () => {
    const o = DEFAULT_RERANKER_OPTIONS;
    expect(shortRequestShare(8, o)).toBe(1);
    expect(shortRequestShare(19, o)).toBeCloseTo(0.5);
    expect(shortRequestShare(30, o)).toBe(0);
  });
});
