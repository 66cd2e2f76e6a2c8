/**
 * Steps a request needs without naming them, as words a catalog uses for such servers. A user
 * who asks for trains "next Wednesday" needs today's date first; "buy a monitor, with links"
 * needs live shop pages in a browser; a video link needs its transcript; "tell me her BMI"
 * needs arithmetic. General knowledge of how tasks unfold, not tied to any server.
 */
interface Need {
  /** Every pattern must match the raw request. */
  readonly when: readonly RegExp[];
  /** Search words for the implied step (analysed like a clause of the request). */
  readonly text: string;
}

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

export const IMPLIED_NEEDS: readonly Need[] = [
  { when: [new RegExp(`\\b(?:next|this|last|coming|on)\\s+(?:${DAYS})\\b|\\b(?:tomorrow|yesterday|today)\\b`, 'i')], text: 'current date time' },
  {
    when: [/\b(?:buy|buying|purchase|best[- ]selling|cheapest)\b/i, /\b(?:amazon|ebay|walmart|aliexpress|taobao|links?|prices?|shops?|stores?)\b/i],
    text: 'browser automation navigate web page',
  },
  { when: [/\b(?:youtube\.com|youtu\.be|vimeo\.com)\//i], text: 'video transcript' },
  // "What is trending / the latest news": a hot-list or news aggregator, whatever the topic.
  { when: [/\b(?:trending|trends|hot topics|(?:latest|top) .{0,30}(?:news|information|updates))\b/i], text: 'trending hot topics news list' },
  { when: [/\b(?:calculate|compute|bmi|percentage|average|ratio|market cap(?:italization)?)\b/i], text: 'calculator evaluate math expression' },
];

/** Search texts of the steps `text` implies, in table order. */
export function impliedNeeds(text: string): string[] {
  return IMPLIED_NEEDS.filter((n) => n.when.every((re) => re.test(text))).map((n) => n.text);
}
