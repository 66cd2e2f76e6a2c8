import { extractLiterals } from './request-literals';
import { understandQuery } from './query-understanding';

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

describe('request literals', () => {
  it('takes paths out of the request and keeps their file type in words', () => {
    const r = extractLiterals("Create the file at ./test_project_root/data/sales_1.csv with the content 'id,name'.");
    expect(words(r.text)).toEqual(['Create', 'the', 'file', 'at', 'with', 'the', 'content', "'id,name'."]);
    expect(r.cues).toEqual(['csv']);
    expect(r.literals).toEqual(['./test_project_root/data/sales_1.csv']);
  });

  it('names office and media formats the way servers describe them', () => {
    expect(extractLiterals('Save it to /root/excel/goods.xlsx').cues).toEqual(['xlsx excel spreadsheet']);
    expect(extractLiterals('Read report.pdf and slides.pptx').cues).toEqual(['pdf', 'pptx powerpoint presentation']);
    expect(extractLiterals('Read the papers in /root/pdf/embodied_ai and /root/excel/').cues).toEqual(['pdf', 'excel']);
  });

  it('keeps the site a URL points at and leaves the clause punctuation in place', () => {
    const r = extractLiterals('Summarise https://www.youtube.com/watch?v=abc, then draw a mind map');
    expect(r.cues).toEqual(['youtube']);
    expect(r.text).toContain(', then draw a mind map');
    expect(extractLiterals('Star github.com/owner/repo for me').cues).toEqual(['github']);
  });

  it('keeps a plain-word file name, which is often a convention naming the tool', () => {
    expect(words(extractLiterals('Generate llms.txt and check package.json').text)).toEqual(['Generate', 'llms', 'and', 'check', 'package']);
  });

  it('drops CSS selectors and snake_case names, which are the user data', () => {
    expect(words(extractLiterals('Click the element with selector #login-button on the page').text)).toEqual(['Click', 'the', 'element', 'with', 'selector', 'on', 'the', 'page']);
    expect(extractLiterals('List files in the test_project_root directory').literals).toEqual(['test_project_root']);
  });

  it('drops opaque payloads (base64, hashes, UUIDs) but not long model names', () => {
    const r = extractLiterals('What does this base64 image mean? iVBORw0KGgoAAAANSUhEUgAAAgAAAAIACAYAAAD0eNT6AAAABHNCSVQICAgIfAhkiAAA');
    expect(words(r.text)).toEqual(['What', 'does', 'this', 'base64', 'image', 'mean?']);
    expect(extractLiterals('Look up commit 3f786850e387550fdab836ed7e6dc881de23001b').literals).toHaveLength(1);
    expect(extractLiterals('Compare claude-3-5-sonnet-20241022 with others').literals).toEqual([]);
  });

  it('leaves prose with slashes and product names with dots alone', () => {
    for (const text of ['Compare input/output and TCP/IP, and/or w/o', 'Upgrade Node.js and Next.js to 1.0', 'Open 24/7 stores']) {
      expect(extractLiterals(text)).toEqual({ text, cues: [], literals: [] });
    }
  });

  it('feeds only the capability words of a literal into the query terms', () => {
    const terms = understandQuery('Edit ./test_project_root/src/config/settings.yaml and replace the version').terms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['edit', 'yaml', 'replac', 'version']));
    expect(terms).not.toEqual(expect.arrayContaining(['test']));
    expect(terms).not.toContain('config');
  });
});
