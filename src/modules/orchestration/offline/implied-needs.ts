import type { Clause } from './capabilities';

/**
 * Capabilities a request needs without saying so. "Trains on next Wednesday" needs today's date to
 * know which day that is; "buy a monitor, with links" needs live shop pages in a browser; a video
 * link needs its transcript before anyone can summarise it. Each is one more clause, searched with
 * words a catalog uses for such servers, and kept like a product the user named.
 */
interface Need {
  name: string;
  /** All must match the request. */
  when: RegExp[];
  /** What the step says, and what the catalog is searched for. */
  text: string;
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
];

/** One clause per capability the request implies (see NEEDS), marked with the capability's name. */
export function impliedClauses(text: string): Clause[] {
  return NEEDS.filter((need) => need.when.every((re) => re.test(text))).map((need) => ({ text: need.text, action: 'read', object: null, implied: need.name }));
}
