import { buildCorpusStats } from './corpus-stats';
import { notNames } from './prepared-query';
import { understandQuery } from './query-understanding';
import { rerank } from './reranker';
import { testServerDoc } from './server-doc.test-helper';

// "sys" and "drive" are mostly names here: servers called sys-bridge and drive-files hold them, filler
// servers do not. The editor and the maps server do the requests' actions.
const docs = [
  testServerDoc('sys-bridge', 'Bridge to sys tools', [['sys_exec', 'Run a command on the host']]),
  testServerDoc('drive-files', 'Files in your drive', [['drive_list', 'List files']]),
  testServerDoc('editor', 'Edits source files', [['replace_in_file', 'Replace text in a source file']]),
  testServerDoc('maps', 'Maps and routes', [['get_directions', 'Get directions for a route between places']]),
  ...Array.from({ length: 30 }, (_, i) => testServerDoc(`util-${i}`, `Utility ${i} for notes`, [[`note_${i}`, `Write note ${i}`]])),
];
const stats = buildCorpusStats(docs);
const ranked = (request: string) => rerank(understandQuery(request), docs, stats).map((r) => r.id);
const score = (request: string, id: string) => rerank(understandQuery(request), docs, stats).find((r) => r.id === id)?.score ?? 0;

describe('reranker: words a request gives no sign of naming a product with', () => {
  it('reads words only inside quotes as the user\'s data, and words also written outside them as possible names', () => {
    // Stems: "sys" is read as "sy".
    expect([...notNames("replace 'import os' with \"import sys\"").quoted].sort()).toEqual(['import', 'os', 'sy']);
    expect([...notNames("replace 'import os' with import os").quoted]).toEqual([]);
    // An apostrophe inside a word opens no quote.
    expect([...notNames("the team's sys report").quoted]).toEqual([]);
  });

  it('reads lower-case words only written as -ing/-ed forms as verbs, not names', () => {
    expect([...notNames('driving directions home').conjugated]).toEqual(['drive']);
    expect([...notNames('driving to the drive').conjugated]).toEqual([]);
    // A word that is its own stem ("bring" stems to itself) is not a conjugated form.
    expect([...notNames('bring directions').conjugated]).toEqual([]);
  });

  it('gives a product name in quotes no credit: the quoted text goes to the server doing the action', () => {
    expect(ranked("replace 'import sys' in the source file")[0]).toBe('editor');
    // The same word outside quotes is mostly a name here and does pull its server up.
    expect(score('replace import sys in the source file', 'sys-bridge')).toBeGreaterThan(score("replace 'import sys' in the source file", 'sys-bridge'));
  });

  it('gives a verb form no product credit while the base word still counts as a name', () => {
    expect(ranked('get driving directions for my route')[0]).toBe('maps');
    expect(score('get drive directions for my route', 'drive-files')).toBeGreaterThan(score('get driving directions for my route', 'drive-files'));
  });
});
