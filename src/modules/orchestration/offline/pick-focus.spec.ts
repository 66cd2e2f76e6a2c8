import type { CatalogSearchHit } from '../../mcp-catalog/catalog.types';
import type { Clause } from './capabilities';
import type { Evidence, Vote } from './evidence-vote';
import type { ClausePick } from './offline.planner';
import { focusPicks, FocusInput } from './pick-focus';

function hit(id: string, score: number, matchedFields: string[]): CatalogSearchHit {
  return { server: { id, name: id, description: '', categories: [], tools: [], credentials: [], launchable: true }, score, matchedFields, matchedTools: [], reason: '' };
}

// Two clauses about different kinds of thing: a request the vote decides (not one thing).
const naming: Clause = { text: 'download the report from Government Data', action: 'read', object: 'files' };
const other: Clause = { text: 'save it as a sheet', action: 'append', object: 'sheet' };
const whole: Clause = { text: `${naming.text}, ${other.text}`, action: 'read', object: 'files' };
const pick = (clause: Clause, h: CatalogSearchHit): ClausePick => ({ clause, hit: h, confidence: 0.9, tool: null });

/** The planner's side of focusPicks: picks and evidence given, the named pick being the one for `named.id`. */
function input(picks: ClausePick[], evidence: Evidence[], namedId: string): FocusInput {
  return {
    clauses: [naming, other],
    picks,
    readWhole: async () => undefined,
    named: (p) => p.hit.server.id === namedId,
    evidence: async () => evidence,
    toPick: (v: Vote) => pick(v.clause, v.hit),
    namesProduct: (h) => h.server.id === namedId,
  };
}

const ids = (picks: ClausePick[]) => [...new Set(picks.map((p) => p.hit.server.id))];

describe('focusPicks beside a named product', () => {
  const datagov = hit('d/datagov', 5, ['name']);

  it('does not let the naming clause\'s own search vote for other servers', async () => {
    // Counted with the naming clause, finance would tally 1 + 1 and outvote sheets (1 + 0.8) for the one seat left.
    const evidence: Evidence[] = [
      { clause: naming, hits: [hit('f/finance', 10, ['description']), datagov], weight: 1 },
      { clause: other, hits: [hit('s/sheets', 1, ['description'])], weight: 1 },
      { clause: whole, hits: [hit('f/finance', 1, ['description']), hit('s/sheets', 0.8, ['description'])], weight: 1, whole: true },
    ];
    const picks = [pick(naming, datagov), pick(other, hit('f/finance', 2, ['description']))];
    expect(ids(await focusPicks(input(picks, evidence, 'd/datagov')))).toEqual(['d/datagov', 's/sheets']);
  });

  it('keeps a voted server only when its tally reaches MIN_BESIDE', async () => {
    const weak: Evidence[] = [
      { clause: other, hits: [hit('s/sheets', 1, ['tools'])], weight: 1 },
      { clause: whole, hits: [hit('s/sheets', 1, ['tools'])], weight: 1, whole: true },
    ];
    const picks = [pick(naming, datagov), pick(other, hit('s/sheets', 1, ['tools']))];
    // Two tool-word matches tally 0.6: an incidental match, not a second need.
    expect(ids(await focusPicks(input(picks, weak, 'd/datagov')))).toEqual(['d/datagov']);
    const strong = weak.map((e) => ({ ...e, hits: [hit('s/sheets', 1, ['description'])] }));
    expect(ids(await focusPicks(input(picks, strong, 'd/datagov')))).toEqual(['d/datagov', 's/sheets']);
  });

  it('drops a server every search ranked below a chosen one (a runner-up, not a need)', async () => {
    const plain = hit('d/datagov', 5, ['description']);
    // The look-alike tallies 0.9 + 0.96, near the named server's 2 and above MIN_BESIDE.
    const evidence: Evidence[] = [
      { clause: other, hits: [plain, hit('g/lookalike', 4.5, ['description'])], weight: 1 },
      { clause: whole, hits: [plain, hit('g/lookalike', 4.8, ['description'])], weight: 1, whole: true },
    ];
    const picks = [pick(naming, plain), pick(other, hit('g/lookalike', 4.5, ['description']))];
    expect(ids(await focusPicks(input(picks, evidence, 'd/datagov')))).toEqual(['d/datagov']);
  });
});
