import { productMentions, splitClauses } from './capabilities';

const mentioned = (text: string) => productMentions(text).map((m) => m.text);

describe('product mentions', () => {
  it('reads capitalised runs past the first word and known products in any case', () => {
    expect(mentioned('When a GitHub issue is labelled bug, post it to slack')).toEqual(['GitHub', 'slack']);
    expect(mentioned('Add the row to Google Sheets')).toEqual(['Google Sheets']);
  });

  it('does not take a file format for a product, whatever its case', () => {
    expect(mentioned('Generate a well-formatted PDF report summarizing current douban trends')).toEqual([]);
    expect(mentioned('Read the CSV and make a PPT deck, then save it as Markdown')).toEqual([]);
    expect(mentioned('Export the JSON to Notion as a PDF')).toEqual(['Notion']);
  });

  it('reads a well-known product one typo away as the product, in any case and as the first word', () => {
    expect(mentioned('post it to slakc')).toEqual(['slakc']);
    expect(mentioned('Notoin database rows to a sheet')).toEqual(['Notoin']);
    expect(mentioned('ping jria')).toEqual([]); // too short to guess
    expect(mentioned('send a message')).toEqual([]);
  });

  it('keeps products whose names are also file words (Word, Excel)', () => {
    expect(mentioned('Summarise the sheet in Excel and write it up in Microsoft Word')).toEqual(['Excel', 'Microsoft Word']);
  });

  it('splits on conjunctions but not inside numbers', () => {
    expect(splitClauses('Pay 15,000 CNY and then post the receipt').map((c) => c.text)).toEqual(['Pay 15,000 CNY', 'post the receipt']);
  });
});
