import { productMentions, splitClauses } from './capabilities';
import { maskArguments, searchableText } from './request-arguments';

describe('request arguments (paths and links)', () => {
  it('searches a path by its kind of file and a folder as a folder', () => {
    expect(searchableText('Read the data under /root/excel/people_data.xlsx and tell me the total.')).toBe('Read the data under excel spreadsheet and tell me the total.');
    expect(searchableText('List the files in ./test_project_root/docs, sorted by size')).toBe('List the files in folder, sorted by size');
    expect(searchableText('Convert report.docx to PDF')).toBe('Convert word document to PDF');
  });

  it('searches a folder named for a kind of file as a folder of such files', () => {
    expect(searchableText('Read all the articles in the /root/pdf/embodied_ai_papers directory')).toBe('Read all the articles in the pdf document folder directory');
    expect(searchableText('Merge the reports in /root/word into one')).toBe('Merge the reports in word document folder into one');
  });

  it('searches a link by the site it points to, keeping the sentence punctuation', () => {
    expect(searchableText('Summarise https://www.youtube.com/watch?v=abc, then post it')).toBe('Summarise youtube, then post it');
    expect(searchableText('Read https://news.bbc.co.uk/world.')).toBe('Read news bbc.');
  });

  it('leaves repository names and domains without a scheme alone', () => {
    expect(searchableText('Get deepwiki for vercel/ai')).toBe('Get deepwiki for vercel/ai');
    expect(searchableText('Who registered fakeshoponline.com')).toBe('Who registered fakeshoponline.com');
  });

  it('blanks links and paths without moving the rest of the text', () => {
    const text = 'Save it to /root/ppt/STEINS_GATE.pptx and post to Slack';
    const masked = maskArguments(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.indexOf('Slack')).toBe(text.indexOf('Slack'));
    expect(productMentions(text).map((m) => m.text)).toEqual(['Slack']);
  });

  it('reads the object of a clause from its kind of file, not from the folders of its path', () => {
    const [clause] = splitClauses('Analyse the audio at /root/docs/alarm.wav');
    expect(clause.object).toBe('files');
  });
});

describe('splitClauses on long and punctuated requests', () => {
  it('does not split inside numbers, file names or domains', () => {
    const clauses = splitClauses('My income was 15,000 CNY. Save it to /root/ppt/apple_news.pptx, then check example.com');
    expect(clauses.map((c) => c.text)).toEqual(['My income was 15,000 CNY', 'Save it to /root/ppt/apple_news.pptx', 'check example.com']);
  });

  it('joins a bare verb to the clause whose object it shares', () => {
    expect(splitClauses('List and filter issues in a repository').map((c) => c.text)).toEqual(['List and filter issues in a repository']);
    expect(splitClauses('Connect and ingest files from cloud storage')).toHaveLength(1);
  });

  it('keeps a sentence with no known verb or object apart instead of gluing it to the previous one', () => {
    const clauses = splitClauses('I just pulled a new hero. I need a healer who can keep the team alive');
    expect(clauses).toHaveLength(2);
  });

  it('still joins a short trailing fragment to its clause', () => {
    expect(splitClauses('When a GitHub issue is labelled bug and urgent, post it to Slack').map((c) => c.text)).toEqual(['When a GitHub issue is labelled bug and urgent', 'post it to Slack']);
  });
});
