// Search of the service catalogue by what a citizen types: hanzi (社保), pinyin (shebao), pinyin
// initials (cbzm → 参保证明打印), or English words. pinyin-pro's `match` reads the hanzi; it
// is loaded on demand (about 140 KB gzipped, with its dictionary) by the catalogue screen.
import type { Bilingual } from '../ui/text';

export interface SearchEntry {
  id: string;
  names: Bilingual;
  /** Other words a citizen may look for it by (社保, 营业执照). */
  keywords?: readonly string[] | undefined;
}

export type MatchFn = (text: string, pinyin: string, options?: { continuous?: boolean }) => number[] | null;

export interface CatalogueSearch {
  /** Ids of the entries matching `query`, best first; every id, in catalogue order, for an empty query. */
  find(query: string): string[];
}

/** Lower is better: where and how well `query` matches `text`, or undefined. */
function score(text: string, query: string, latin: boolean, match: MatchFn): number | undefined {
  const at = text.toLowerCase().indexOf(query);
  if (at >= 0) return at / 100; // typed as it is written (hanzi, or an English word)
  if (!latin) return undefined;
  const together = match(text, query, { continuous: true });
  if (together) return 1 + together[0]! / 100;
  const spread = match(text, query);
  if (spread) return 2 + (spread.at(-1)! - spread[0]!) / 100;
  return undefined;
}

export function createCatalogueSearch(entries: readonly SearchEntry[], match: MatchFn): CatalogueSearch {
  return {
    find(raw) {
      const query = raw
        .trim()
        .toLowerCase()
        .replace(/\s+/g, latinOnly(raw) ? '' : ' ');
      if (!query) return entries.map((e) => e.id);
      const latin = /^[a-z]+$/.test(query);
      const ranked: Array<{ id: string; s: number; order: number }> = [];
      entries.forEach((e, order) => {
        const scores = [
          score(e.names.zh, query, latin, match),
          ...(e.keywords ?? []).map((k) => {
            const s = score(k, query, latin, match);
            return s === undefined ? undefined : s + 0.5;
          }),
          // English names: words that start with what was typed.
          latin && new RegExp(`\\b${query}`).test(e.names.en.toLowerCase()) ? 0.6 : undefined,
        ].filter((s): s is number => s !== undefined);
        if (scores.length) ranked.push({ id: e.id, s: Math.min(...scores), order });
      });
      return ranked.sort((a, b) => a.s - b.s || a.order - b.order).map((r) => r.id);
    },
  };
}

function latinOnly(s: string): boolean {
  return /^[a-z\s]+$/i.test(s);
}

/** Loads pinyin-pro (its own chunk) and builds the search over `entries`. */
export async function loadCatalogueSearch(entries: readonly SearchEntry[]): Promise<CatalogueSearch> {
  const { match } = await import('pinyin-pro');
  return createCatalogueSearch(entries, match);
}
