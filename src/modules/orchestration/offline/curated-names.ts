import { CatalogPort } from '../../agents/ports/catalog.port';
import { nameHas, nameWordsOf, serverNameWords } from './name-words';

/** How long the curated servers' names are trusted before they are read again (an import may rename one). */
const TTL_MS = 10 * 60_000;

interface Named {
  id: string;
  words: Set<string>;
  /** How many words the name has: the fewest is the entry dedicated to the product. */
  breadth: number;
}

/**
 * The curated servers' names, read once and kept: most capitalised words in a chatty request
 * ("First", "Earth", "You") name no curated product, and knowing that in memory saves the catalog
 * search that would only find nothing.
 */
export class CuratedNames {
  private loaded?: { at: number; names: Promise<Named[]> };

  /**
   * `starterNames`: the curated names from our own starter catalog. An import of a bigger catalog
   * renames a curated record ("Microsoft 365 (Outlook, Calendar, OneDrive, Excel)" becomes "MS 365
   * MCP Server"), and the product words the curated name lists would be lost.
   */
  constructor(
    private readonly catalog: CatalogPort,
    private readonly ids: readonly string[],
    private readonly starterNames: ReadonlyMap<string, string> = new Map(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The curated servers whose name carries every one of these words, the one dedicated to the product (fewest name words) first. */
  async named(words: readonly string[]): Promise<string[]> {
    if (words.length === 0 || this.ids.length === 0) return [];
    const names = await this.names();
    return names
      .filter((n) => words.every((w) => nameHas(n.words, w)))
      .sort((a, b) => a.breadth - b.breadth)
      .map((n) => n.id);
  }

  private names(): Promise<Named[]> {
    if (!this.loaded || this.now() - this.loaded.at > TTL_MS) {
      const names = this.catalog.getServers([...this.ids]).then((servers) => servers.map((s) => this.nameOf(s.id, s.name)));
      // A failed read is not kept: the next message asks again.
      names.catch(() => {
        if (this.loaded?.names === names) this.loaded = undefined;
      });
      this.loaded = { at: this.now(), names };
    }
    return this.loaded.names;
  }

  private nameOf(id: string, catalogName: string): Named {
    const starter = this.starterNames.get(id);
    const words = serverNameWords(catalogName, id);
    if (starter) serverNameWords(starter, id).forEach((w) => words.add(w));
    return { id, words, breadth: nameWordsOf(starter ?? catalogName).length };
  }
}
