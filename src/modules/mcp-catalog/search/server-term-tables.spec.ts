import { countsOf, entryEnd, entryStart, FIELDS, indexOfTerm, knownTermId, TOOL_POSTINGS_AT } from './server-term-tables';
import { testServerDoc } from './server-doc.test-helper';

const doc = testServerDoc('mail-box', 'Send and read mail', [
  ['send_mail', 'Send a mail message'],
  ['read_inbox', 'Read the inbox'],
  ['mail_labels', 'List mail labels'],
]);

/** The entry of `term` in the document: field counts and (tool, name count, description count) postings. */
function entryOf(term: string): { fields: Record<string, number>; postings: number[][] } | undefined {
  const counts = countsOf(doc);
  const id = knownTermId(term);
  const index = id === undefined ? -1 : indexOfTerm(counts, id);
  if (index < 0) return undefined;
  const start = entryStart(counts, index);
  const values = Array.from(counts.table.subarray(start, entryEnd(counts, index)));
  const postings: number[][] = [];
  for (let i = TOOL_POSTINGS_AT; i < values.length; i += 3) postings.push(values.slice(i, i + 3));
  return { fields: Object.fromEntries(FIELDS.map((f, i) => [f, values[i] ?? 0])), postings };
}

describe('server term tables', () => {
  it("keeps the server's term ids ascending, each with where its entry starts and ends", () => {
    const counts = countsOf(doc);
    const ids = Array.from(counts.table.subarray(0, counts.termCount));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 0; i < counts.termCount; i++) expect(entryEnd(counts, i)).toBeGreaterThanOrEqual(entryStart(counts, i) + TOOL_POSTINGS_AT);
    expect(entryEnd(counts, counts.termCount - 1)).toBe(counts.table.length);
  });

  it('finds every term the server holds and nothing else', () => {
    const counts = countsOf(doc);
    for (let i = 0; i < counts.termCount; i++) expect(indexOfTerm(counts, counts.table[i] as number)).toBe(i);
    const other = countsOf(testServerDoc('weather', 'Forecasts and temperature', []));
    const foreign = Array.from(other.table.subarray(0, other.termCount)).filter((id) => indexOfTerm(counts, id) < 0);
    expect(foreign.length).toBeGreaterThan(0);
    expect(indexOfTerm(counts, -1)).toBe(-1);
    expect(indexOfTerm(counts, 1 << 30)).toBe(-1);
  });

  it('counts a term per field and lists the tools that hold it, in tool order', () => {
    const mail = entryOf('mail');
    // The name field holds the name and the id's product part, both "mail-box" here.
    expect(mail?.fields).toMatchObject({ name: 2, toolName: 2, description: 1, toolDescription: 2 });
    // send_mail (name and description), mail_labels (name and description); read_inbox has no "mail".
    expect(mail?.postings).toEqual([[0, 1, 1], [2, 1, 1]]);
    expect(entryOf('inbox')?.postings).toEqual([[1, 1, 1]]);
    expect(entryOf('forecast')).toBeUndefined();
  });
});
