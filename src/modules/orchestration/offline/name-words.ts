import { oneTypoFromAny } from '../../mcp-catalog/search/typo-correction';

/**
 * The words a server's name carries and the words of a product a user names, compared to decide
 * whether a server is the product the request means ("Gmail" names "io.github.gongrzhe/gmail-mcp-server").
 */

/** A server's name words, whole and split at case changes ("DataGov" is "datagov", "data" and "gov"). */
export function serverNameWords(name: string, id: string): Set<string> {
  const text = `${name} ${ownerAndRepo(id)}`;
  return new Set([...nameWordsOf(text), ...tokens(text.replace(/[-_/.]/g, ' '))]);
}

/** The id without its code host: every "github.com/..." id would otherwise be named "GitHub". */
export function ownerAndRepo(id: string): string {
  return id.replace(/^(?:github\.com|gitlab\.com|bitbucket\.org)\//i, '').replace(/^io\.github\./i, '');
}

/** The words of a product the user names, lower-cased whole: "GitHub" is "github", not "git hub". */
export function nameWordsOf(text: string): string[] {
  return tokens(text.replace(/[-_/.]/g, ' ').toLowerCase());
}

/** Content words, split at case changes, a plural's final "s" dropped from longer words. */
export function tokens(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2)
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/**
 * The name carries the word the user wrote, or the word it is one typo from ("Gmial", "Slakc"): the
 * catalog search reads typos the same way, so the server it finds still counts as the product named.
 */
export function nameHas(nameWords: ReadonlySet<string>, word: string): boolean {
  return nameWords.has(word) || oneTypoFromAny(word, nameWords);
}
