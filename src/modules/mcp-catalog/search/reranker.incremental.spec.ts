import { buildCorpusStats } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { rerank, Reranking, type RankedServer } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

const server = testServerDoc;
const docs = [
  server('gmail', 'Read and send Gmail email', [['send_email', 'Send an email'], ['search_email', 'Search the inbox']]),
  server('sheets', 'Google Sheets spreadsheets', [['append_row', 'Append a row to a sheet'], ['read_range', 'Read cells']]),
  server('slack', 'Slack team chat', [['post_message', 'Post a message to a channel']]),
  server('outlook', 'Outlook email and calendar', [['send_mail', 'Send mail'], ['list_events', 'List calendar events']]),
  ...Array.from({ length: 6 }, (_, i) => server(`misc-${i}`, `Unrelated notes number ${i} about email`, [['take_note', `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const request = 'Watch my Gmail for invoices, add the totals to a Google Sheet and post to Slack';
const view = (ranked: readonly RankedServer[]) => ranked.map((r) => [r.id, r.score, r.matchedTerms, r.matchedTools.map((t) => t.name)]);

describe('reranker: candidates fed as they arrive', () => {
  it('ranks exactly as one call over all candidates, whichever list arrives first', () => {
    const expected = view(rerank(understandQuery(request), docs, stats));
    for (const early of [docs.slice(0, 4), docs.slice(4), docs.slice(2, 7), docs]) {
      const ranking = new Reranking(understandQuery(request), stats);
      ranking.add(early);
      ranking.add(early.slice(0, 2));
      expect(view(ranking.result(docs))).toEqual(expected);
    }
  });

  it('takes in a late candidate that brings words no counted server had', () => {
    // Built here and never counted before this test: its words get term ids only when it is added.
    const late = server('zorblax-crm', 'Zorblax CRM contacts', [['zorblax_contacts', 'List Zorblax contacts']]);
    const text = 'find zorblax contacts and post to Slack';
    const ranking = new Reranking(understandQuery(text), stats);
    ranking.add(docs);
    const ranked = ranking.result([...docs, late]);
    expect(ranked[0]?.id).toBe('zorblax-crm');
    expect(ranked[0]?.matchedTerms).toContain('zorblax');
    expect(view(ranked)).toEqual(view(rerank(understandQuery(text), [...docs, late], stats)));
  });
});
