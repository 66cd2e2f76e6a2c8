import { buildCorpusStats } from './corpus-stats';
import { understandQuery } from './query-understanding';
import { rerank, type RankedServer } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

const server = testServerDoc;
const mailTools: [string, string][] = [
  ['send_email', 'Send an email message with attachments'],
  ['search_inbox', 'Search the inbox for invoices'],
  ['label_thread', 'Label a thread'],
];
// Hundreds of unrelated words: far more terms than a request has, so the re-ranker looks each
// request term up in it instead of walking its whole term list as it does for the small servers.
const padding: [string, string][] = Array.from({ length: 120 }, (_, i) => [`tool_${i}`, `Unrelated helper alpha${i} beta${i} gamma${i}`]);
const docs = [
  server('mail-small', 'Email client for invoices', mailTools),
  server('mail-large', 'Email client for invoices', [...mailTools, ...padding]),
  server('sheets', 'Spreadsheet rows and invoices totals', [['append_row', 'Append a row to a sheet']]),
  server('chat', 'Team chat messages', [['post_message', 'Post a message to a channel']]),
  ...Array.from({ length: 6 }, (_, i) => server(`misc-${i}`, `Unrelated notes number ${i}`, [['take_note', `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const request = 'Search my email inbox for invoices, send the totals as an email message and label the thread';
const byId = (ranked: readonly RankedServer[], id: string): RankedServer | undefined => ranked.find((r) => r.id === id);

describe('reranker: matching request terms against a server', () => {
  it('finds the same terms, in the same order, whichever way a server is searched', () => {
    const ranked = rerank(understandQuery(request), docs, stats);
    const small = byId(ranked, 'mail-small');
    const large = byId(ranked, 'mail-large');
    expect(small?.matchedTerms.length).toBeGreaterThanOrEqual(6);
    expect(large?.matchedTerms).toEqual(small?.matchedTerms);
    expect(large?.matchedTools.map((t) => [t.name, t.terms])).toEqual(small?.matchedTools.map((t) => [t.name, t.terms]));
  });

  it('explains a ranking the same after later rankings have run (no shared working state)', () => {
    const first = rerank(understandQuery(request), docs, stats);
    const explain = (r: RankedServer | undefined) => r && { fields: r.matchedFields, tools: r.matchedTools, terms: r.matchedTerms };
    rerank(understandQuery('post a message to the team chat'), docs, stats);
    rerank(understandQuery('append a row to a spreadsheet'), docs, stats);
    const fresh = rerank(understandQuery(request), docs, stats);
    expect(first.map((r) => [r.id, r.score])).toEqual(fresh.map((r) => [r.id, r.score]));
    for (const id of ['mail-small', 'mail-large', 'sheets']) expect(explain(byId(first, id))).toEqual(explain(byId(fresh, id)));
  });

  it('scores a server the same whatever else is being ranked with it', () => {
    const pair = [docs[0], docs[2]].filter((d) => d !== undefined);
    const alone = rerank(understandQuery('send an email'), pair, stats);
    const among = rerank(understandQuery('send an email'), docs, stats);
    for (const r of alone) expect(byId(among, r.id)?.score).toBe(r.score);
  });
});
