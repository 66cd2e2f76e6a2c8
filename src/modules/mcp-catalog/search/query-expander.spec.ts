import { createLexiconExpander } from './query-expander';
import { splitWords } from './text-analyzer';

const expand = createLexiconExpander();
const aliasesOf = (text: string) => expand(splitWords(text)).filter((e) => e.source === 'alias').map((e) => e.term);

describe('lexicon expander', () => {
  it('finds product phrases of one, two and three words anywhere in a request', () => {
    expect(aliasesOf('open it in visual studio code')).toContain('vscode');
    expect(aliasesOf('take this to vs code please')).toContain('vscode');
    expect(aliasesOf('a route on the open street map')).toContain('openstreetmap');
    expect(aliasesOf('plot it on osm')).toContain('openstreetmap');
    // The words of a phrase that are not in a row name nothing.
    expect(aliasesOf('open the street map')).not.toContain('openstreetmap');
    expect(aliasesOf('visual code studio')).not.toContain('vscode');
  });

  it('expands a phrase at the very end of the request and every occurrence in order', () => {
    expect(aliasesOf('edit in vs code')).toEqual(['vscode']);
    expect(aliasesOf('vs code, then visual studio code')).toEqual(['vscode', 'vscode']);
  });
});
