import type { Clause } from './capabilities';

/**
 * Capabilities a request needs without saying so. "Trains on next Wednesday" needs today's date to
 * know which day that is; "buy a monitor, with links" needs live shop pages in a browser; a video
 * link needs its transcript before anyone can summarise it; "what is trending" needs a hot list;
 * "tell me her BMI" needs arithmetic. Each is one more clause, searched with words a catalog uses
 * for such servers, and kept like a product the user named.
 *
 * The catalog search has a table like this one (mcp-catalog/search/implied-needs.ts) but there an
 * implied step is only a low-weight part of the ranking; here it puts a server in the plan, so the
 * triggers are stricter (a bare "today" needs no time server: the assistant knows the date).
 */
interface Need {
  name: string;
  /** All must match the request. */
  when: RegExp[];
  /** What the step says, and what the catalog is searched for. */
  text: string;
  /**
   * A tool name of this kind on a server another clause picked already does the step ("get
   * trending tokens" on a crypto server, "calculate distance" on a maps server): no extra server.
   */
  doneBy?: RegExp;
}

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

const NEEDS: Need[] = [
  { name: 'date-time', when: [new RegExp(`\\b(?:next|this|last|coming|on)\\s+(?:${DAYS})\\b|\\b(?:tomorrow|yesterday)\\b`, 'i')], text: 'Find the current date and time' },
  {
    name: 'web-browser',
    when: [/\b(?:buy|purchase|best[- ]selling|cheapest)\b/i, /\b(?:amazon|ebay|walmart|aliexpress|taobao|links?|prices?|shops?|stores?)\b/i],
    text: 'Open the shop web pages in a browser',
  },
  { name: 'video-transcript', when: [/\b(?:youtube\.com|youtu\.be|vimeo\.com)\//i], text: 'Get the transcript of the video' },
  {
    name: 'trending',
    when: [/\b(?:trending|trends|hot topics|(?:latest|top) .{0,30}(?:news|information|updates))\b/i],
    text: 'List the trending hot topics and news',
    doneBy: /trend|hot/i,
  },
  {
    name: 'calculator',
    when: [/\b(?:calculate|compute|bmi|percentage|average|ratio|market cap(?:italization)?)\b/i],
    text: 'Evaluate the math expression with a calculator',
    doneBy: /calculat|comput|math|evaluat/i,
  },
];

/** One clause per capability the request implies (see NEEDS), marked with the capability's name. */
export function impliedClauses(text: string): Clause[] {
  return NEEDS.filter((need) => need.when.every((re) => re.test(text))).map((need) => ({ text: need.text, action: 'read', object: null, implied: need.name }));
}

/** True when one of these tools (of a server the plan has for a step the user stated) does the implied step. */
export function doneByTools(clause: Clause, tools: readonly { name: string }[]): boolean {
  const doneBy = NEEDS.find((n) => n.name === clause.implied)?.doneBy;
  return !!doneBy && tools.some((t) => doneBy.test(t.name));
}
