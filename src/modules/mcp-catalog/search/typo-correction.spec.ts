import type { CorpusStats } from './corpus-stats';
import { understandQuery, type Expander } from './query-understanding';
import { adjacentKeys, CORRECTION_WEIGHT, correctTypos, oneTypoApart, Vocabulary } from './typo-correction';

function stats(df: Record<string, number>): CorpusStats {
  const avg = { name: 1, toolName: 1, owner: 1, category: 1, description: 1, toolDescription: 1 };
  return { serverCount: 100, toolCount: 100, serverDf: new Map(Object.entries(df)), toolDf: new Map(), nameDf: new Map(), avgFieldLength: avg, avgToolLength: 1 };
}

describe('oneTypoApart', () => {
  it('accepts one dropped, added or swapped letter, or a neighbouring key', () => {
    expect(oneTypoApart('slakc', 'slack')).toBe(true); // swap
    expect(oneTypoApart('notin', 'notion')).toBe(true); // dropped
    expect(oneTypoApart('gmaill', 'gmail')).toBe(true); // added
    expect(oneTypoApart('jita', 'jira')).toBe(true); // t is next to r
  });

  it('rejects other substitutions and anything two edits away', () => {
    expect(oneTypoApart('sweet', 'sheet')).toBe(false);
    expect(oneTypoApart('joint', 'point')).toBe(false);
    expect(oneTypoApart('stipre', 'stripe')).toBe(false);
    expect(oneTypoApart('slack', 'slackbot')).toBe(false);
  });

  it('knows the keyboard: rows and the half-key offset between them', () => {
    expect(adjacentKeys('q', 'w')).toBe(true);
    expect(adjacentKeys('w', 'a')).toBe(true);
    expect(adjacentKeys('s', 'x')).toBe(true);
    expect(adjacentKeys('q', 'p')).toBe(false);
    expect(adjacentKeys('a', 'c')).toBe(false);
  });
});

describe('Vocabulary', () => {
  const vocab = new Vocabulary(stats({ slack: 30, slacker: 1, notion: 12, launch: 200, lunar: 3, stock: 9 }), ['slack', 'notion', 'lunar', 'stock']);

  it('reads an unknown word as the server-name word one typo away', () => {
    expect(vocab.correct('slakc')).toEqual({ written: 'slack', term: 'slack' });
    expect(vocab.correct('notoin')?.term).toBe('notion');
  });

  it('compares words as written and answers with the term the search indexes', () => {
    // The stemmer makes "sentry" sentri but leaves "sentyr" as it is: two edits apart as stems, one as written.
    const v = new Vocabulary(stats({ sentri: 12 }), ['Sentry MCP']);
    expect(v.correct('sentyr')).toEqual({ written: 'sentry', term: 'sentri' });
  });

  it('leaves known words, short words and words only other fields use alone', () => {
    expect(vocab.correct('slack')).toBeUndefined();
    expect(vocab.correct('slak')).toBeUndefined(); // shorter than 5 letters
    expect(vocab.correct('lauch')).toBeUndefined(); // "launch" is in no server name
    expect(vocab.correct('zzqxv')).toBeUndefined();
  });

  it('prefers the word more servers use, and breaks ties alphabetically', () => {
    const v = new Vocabulary(stats({ sheet: 40, shelf: 2, trunk: 5, drunk: 5 }), ['sheet', 'shelf', 'trunk', 'drunk']);
    expect(v.correct('sheer')?.term).toBe('sheet'); // r→t and r→f are both neighbouring keys
    expect(v.correct('frunk')?.term).toBe('drunk'); // f is next to both d and t; both used by 5 servers
  });
});

describe('correctTypos', () => {
  const vocab = new Vocabulary(stats({ slack: 30, messag: 50, post: 80 }), ['slack']);

  it('adds the correction beside the typed word, weighted lower, in the request and in its parts', () => {
    const analysis = correctTypos(understandQuery('post to slakc, then archive it'), vocab);
    const added = analysis.terms.find((t) => t.term === 'slack');
    expect(added).toEqual({ term: 'slack', weight: CORRECTION_WEIGHT, source: 'alias' });
    expect(analysis.terms.some((t) => t.term === 'slakc')).toBe(true);
    expect(analysis.parts[0]?.terms.map((t) => t.term)).toContain('slack');
    expect(analysis.parts[1]?.terms.map((t) => t.term)).not.toContain('slack');
  });

  it('expands the corrected word as the word spelt right would have been', () => {
    const v = new Vocabulary(stats({ outlook: 14 }), ['outlook']);
    const aliases: Expander = (words) => (words.includes('outlook') ? [{ term: 'microsoft', weight: 0.5, source: 'alias' }] : []);
    const terms = correctTypos(understandQuery('read my outlok mail'), v, aliases).terms;
    expect(terms.find((t) => t.term === 'outlook')?.weight).toBeCloseTo(CORRECTION_WEIGHT);
    expect(terms.find((t) => t.term === 'microsoft')?.weight).toBeCloseTo(CORRECTION_WEIGHT * 0.5);
  });

  it('returns the analysis untouched when nothing needs correcting', () => {
    const analysis = understandQuery('post to slack');
    expect(correctTypos(analysis, vocab)).toBe(analysis);
  });
});
