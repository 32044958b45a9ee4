// The pinyin candidate engine: pure TypeScript over the decoded index (index-format.ts).
//
// A composition (what the citizen has typed and not yet turned into hanzi) is letters, 9-key
// digits and syllable breaks ('). It is read as a lattice: every span that spells a syllable
// exactly, that abbreviates one by its initial (s → shen), or that begins the last syllable
// (zhon → zhong) is an edge. Words are found by walking the lattice and the sorted index together,
// so only syllable sequences that some word has are followed. Candidates are ranked by how much of
// the composition they cover, then exact before completed before abbreviated, then by weight.
import type { PinyinIndex } from './index-format';
import { INITIALS, SPELLING_ALIASES, t9Code } from './keys';

export interface Candidate {
  word: string;
  /** Characters of the composition (from its start) that choosing this word replaces. */
  consumed: number;
  /** The word's own syllables, e.g. ['shen', 'fen', 'zheng']. */
  spelling: readonly string[];
}

/** A way to read the first 9-key digits, offered above the candidates (7436 → shen, sheng … sh). */
export interface Spelling {
  text: string;
  /** The composition once this spelling is chosen. */
  composition: string;
}

/** 0: spelled exactly; 1: the last syllable is still being typed; 2: abbreviated by initials. */
type MatchClass = 0 | 1 | 2;

interface Edge {
  end: number;
  /** null: a syllable break, crossed without reading a syllable. */
  ids: readonly number[] | null;
  mask: Uint8Array | null;
  cls: MatchClass;
}

interface Hit {
  from: number;
  to: number;
  consumed: number;
  cls: MatchClass;
}

/** Longest syllable spelling (zhuang, shuang, chuang). */
const MAX_SPAN = 6;
/** Longest word in syllables that the lattice walk follows. */
const MAX_DEPTH = 10;
/** Bounds the walk on pathological input (dozens of initials) so a keystroke stays cheap. */
const NODE_BUDGET = 40_000;
/** Below this many syllables an edge is looked up by binary search rather than by scanning children. */
const SMALL_EDGE = 6;

const isDigit = (ch: string) => ch >= '2' && ch <= '9';

export class PinyinEngine {
  readonly syllables: readonly string[];
  /** Sum of single-character weights per syllable: how common a reading is. */
  private readonly syllableWeight: Float64Array;
  private readonly exact = new Map<string, number[]>();
  private readonly initial = new Map<string, number[]>();
  private readonly prefixCache = new Map<string, number[]>();
  private readonly maskCache = new Map<string, Uint8Array>();
  private readonly codes: readonly string[];

  constructor(private readonly ix: PinyinIndex) {
    this.syllables = ix.syllables;
    this.codes = ix.syllables.map(t9Code);
    this.syllableWeight = new Float64Array(ix.syllables.length);
    for (let e = 0; e < ix.words.length; e++) {
      if (ix.seqStart[e + 1]! - ix.seqStart[e]! === 1)
        this.syllableWeight[ix.seqIds[ix.seqStart[e]!]!]! += ix.weights[e]!;
    }
    const add = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      map.set(key, list);
    };
    // Letters and digits never collide, so one map serves both keyboards.
    ix.syllables.forEach((s, id) => {
      add(this.exact, s, id);
      add(this.exact, this.codes[id]!, id);
    });
    for (const [alias, target] of Object.entries(SPELLING_ALIASES)) {
      const id = ix.syllables.indexOf(target);
      if (id >= 0) add(this.exact, alias, id);
    }
    // On the 9-key pad an initial's digits stand for every syllable of the initials typed with
    // them (7 → p…, q…, r…, s…, sh…).
    for (const ini of INITIALS) {
      ix.syllables.forEach((s, id) => {
        if (!s.startsWith(ini)) return;
        add(this.initial, ini, id);
        add(this.initial, t9Code(ini), id);
      });
    }
  }

  /** Ranked candidates for a composition, best first, at most `limit`. */
  candidates(composition: string, limit = 120): Candidate[] {
    const n = composition.length;
    if (n === 0) return [];
    const lattice = this.lattice(composition);
    const hits: Hit[] = [];
    let budget = NODE_BUDGET;
    // A node of the index reached at the same place of the composition by another reading (9-key
    // digits read many ways) is walked again only if this reading ranks better.
    const visited = new Map<string, MatchClass>();
    const walk = (pos: number, lo: number, hi: number, depth: number, cls: MatchClass) => {
      if (--budget < 0) return;
      const state = `${pos}:${lo}:${hi}`;
      const before = visited.get(state);
      if (before !== undefined && before <= cls) return;
      visited.set(state, cls);
      if (depth > 0) {
        let e = lo;
        while (e < hi && this.length(e) === depth) e++;
        if (e > lo) hits.push({ from: lo, to: e, consumed: pos, cls });
      }
      if (pos >= n || depth >= MAX_DEPTH) return;
      for (const edge of lattice[pos]!) {
        if (edge.ids === null) {
          walk(edge.end, lo, hi, depth, cls);
          continue;
        }
        const next = Math.max(cls, edge.cls) as MatchClass;
        this.children(lo, hi, depth, edge, (a, b) => walk(edge.end, a, b, depth + 1, next));
      }
    };
    walk(0, 0, this.ix.words.length, 0, 0);

    // Entries of one hit share their syllables and are sorted by weight: only the first `limit` of
    // each can reach the result.
    const ranked: Array<{ e: number; consumed: number; cls: MatchClass }> = [];
    for (const h of hits)
      for (let e = h.from; e < Math.min(h.to, h.from + limit); e++)
        ranked.push({ e, consumed: h.consumed, cls: h.cls });
    const w = this.ix.weights;
    ranked.sort((a, b) => b.consumed - a.consumed || a.cls - b.cls || w[b.e]! - w[a.e]! || a.e - b.e);
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const r of ranked) {
      const word = this.ix.words[r.e]!;
      if (seen.has(word)) continue;
      seen.add(word);
      out.push({ word, consumed: r.consumed, spelling: this.spellingOf(r.e) });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Readings of the first run of 9-key digits in a composition, most likely first: whole syllables
   * of every length the digits allow, then initials. Choosing one fixes those letters.
   */
  spellings(composition: string, limit = 16): Spelling[] {
    const start = [...composition].findIndex(isDigit);
    if (start < 0) return [];
    let end = start;
    while (end < composition.length && isDigit(composition[end]!)) end++;
    const run = composition.slice(start, end);
    const out: Spelling[] = [];
    const seen = new Set<string>();
    const offer = (text: string, digits: number) => {
      if (seen.has(text)) return;
      seen.add(text);
      const rest = composition.slice(start + digits);
      out.push({ text, composition: composition.slice(0, start) + text + (rest ? `'${rest}` : '') });
    };
    for (let k = Math.min(MAX_SPAN, run.length); k >= 1; k--) {
      const ids = [...(this.exact.get(run.slice(0, k)) ?? [])];
      ids.sort((a, b) => this.syllableWeight[b]! - this.syllableWeight[a]!);
      for (const id of ids) offer(this.ix.syllables[id]!, k);
    }
    for (const ini of INITIALS) {
      const code = t9Code(ini);
      if (run.startsWith(code)) offer(ini, code.length);
    }
    return out.slice(0, limit);
  }

  private length(e: number): number {
    return this.ix.seqStart[e + 1]! - this.ix.seqStart[e]!;
  }

  /** The sort key of entry e at depth d within a range sharing its first d syllables. */
  private keyAt(e: number, d: number): number {
    return this.length(e) > d ? this.ix.seqIds[this.ix.seqStart[e]! + d]! : -1;
  }

  /** First entry in [lo, hi) whose key at depth d is ≥ s. */
  private lower(lo: number, hi: number, d: number, s: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid, d) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Calls `visit(a, b)` for each sub-range of [lo, hi) whose syllable at depth d the edge allows. */
  private children(lo: number, hi: number, d: number, edge: Edge, visit: (a: number, b: number) => void) {
    if (edge.ids!.length <= SMALL_EDGE) {
      for (const s of edge.ids!) {
        const a = this.lower(lo, hi, d, s);
        const b = this.lower(a, hi, d, s + 1);
        if (a < b) visit(a, b);
      }
      return;
    }
    let a = this.lower(lo, hi, d, 0);
    while (a < hi) {
      const s = this.keyAt(a, d);
      const b = this.lower(a, hi, d, s + 1);
      if (edge.mask![s]) visit(a, b);
      a = b;
    }
  }

  private spellingOf(e: number): string[] {
    const out: string[] = [];
    for (let i = this.ix.seqStart[e]!; i < this.ix.seqStart[e + 1]!; i++)
      out.push(this.ix.syllables[this.ix.seqIds[i]!]!);
    return out;
  }

  private lattice(c: string): Edge[][] {
    const n = c.length;
    const edges: Edge[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) {
      if (c[i] === "'") {
        edges[i]!.push({ end: i + 1, ids: null, mask: null, cls: 0 });
        continue;
      }
      const digits = isDigit(c[i]!);
      for (let j = i + 1; j <= Math.min(n, i + MAX_SPAN); j++) {
        const ch = c[j - 1]!;
        if (ch === "'" || isDigit(ch) !== digits) break;
        // zh, ch and sh are one initial: never read z|h as two abbreviated syllables.
        if (!digits && 'zcs'.includes(ch) && c[j] === 'h') continue;
        const span = c.slice(i, j);
        const exact = this.exact.get(span) ?? [];
        if (exact.length) edges[i]!.push(this.edge(j, exact, 0, `x${span}`));
        // The last syllable may still be being typed; before a break or more letters, a span may
        // only abbreviate a syllable by its initial.
        const others = j === n ? this.prefixed(span, digits) : (this.initial.get(span) ?? []);
        const rest = others.filter((id) => !exact.includes(id));
        if (rest.length) edges[i]!.push(this.edge(j, rest, j === n ? 1 : 2, `${j === n ? 'p' : 'i'}${span}`));
      }
    }
    return edges;
  }

  private edge(end: number, ids: number[], cls: MatchClass, cacheKey: string): Edge {
    let mask: Uint8Array | null = null;
    if (ids.length > SMALL_EDGE) {
      mask = this.maskCache.get(cacheKey) ?? null;
      if (!mask) {
        mask = new Uint8Array(this.ix.syllables.length);
        for (const id of ids) mask[id] = 1;
        this.maskCache.set(cacheKey, mask);
      }
    }
    return { end, ids, mask, cls };
  }

  /** Syllables whose spelling (or 9-key code) begins with `span`. */
  private prefixed(span: string, digits: boolean): number[] {
    const key = `${digits ? 'd' : 'l'}${span}`;
    let ids = this.prefixCache.get(key);
    if (!ids) {
      const keys = digits ? this.codes : this.ix.syllables;
      ids = [];
      keys.forEach((k, id) => {
        if (k.startsWith(span)) ids!.push(id);
      });
      if (!digits) {
        for (const [alias, target] of Object.entries(SPELLING_ALIASES)) {
          const id = this.ix.syllables.indexOf(target);
          if (alias.startsWith(span) && id >= 0 && !ids.includes(id)) ids.push(id);
        }
      }
      this.prefixCache.set(key, ids);
    }
    return ids;
  }
}

/** One page of a ranked list. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(p * size, p * size + size), page: p, pages };
}
