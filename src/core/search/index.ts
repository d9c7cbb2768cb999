/**
 * Catalog search for the intake clerk: official name (hanzi), colloquial alias,
 * full pinyin (`yingyezhizhao`, also from a syllable boundary: `zhizhao`, and
 * with a partly typed last syllable: `yingyezhiz`), pinyin initials (`yyzz`),
 * hanzi mixed with pinyin (`营业zz`, `yy执照`), and item / implementation codes.
 *
 * Everything expensive happens once in `buildSearchIndex`:
 *   - every key (name, aliases, codes, extra) is normalised (NFKC → half-width,
 *     lower case, no spaces / apostrophes) and, except codes, converted with
 *     pinyin-pro (whole string at once, so polyphones follow the word context:
 *     银行 → yinhang, 重庆 → chongqing) into full pinyin, initials and the
 *     offsets where each syllable starts;
 *   - entries are numbered in tie-break order (boost, shorter name, input
 *     order), so "lower ordinal" means "ranks first among equal scores";
 *   - sorted tables of the name / alias / code keys (hanzi text, full pinyin,
 *     initials) answer exact and prefix matches by binary search;
 *   - inverted indexes, one per field class (name, alias, name+alias pinyin,
 *     name+alias initials, code, extra text/pinyin/initials), map every
 *     character unigram, bigram and — for latin text — trigram to the sorted
 *     ordinals of the entries containing it.
 * A query walks the score tiers from the top: first the keys that start with
 * it (every tier ≥ code prefix), then, only if the page is not full yet, the
 * substring tiers class by class, intersecting posting lists lazily in ordinal
 * order and verifying each candidate with plain string operations. Within a
 * tier candidates come in rank order, so a tier stops as soon as the page is
 * full: the cost depends on the page size, not on how many entries match.
 *
 * A Chinese query that finds nothing as typed is read as speech (身份证到期了怎么办): fillers at
 * its ends are dropped, then the longest parts that match are used (under 1 ms over 10,000
 * items at worst). Pinyin, codes and mixed queries stay exact.
 *
 * Pure TypeScript: no DOM, no clock, no I/O.
 */
import { pinyin } from 'pinyin-pro';
import { implementationCodeOf, type Catalog } from '../catalog/schema';

// ---------------------------------------------------------------------------
// Public types

export type SearchEntryKind = 'item' | 'bundle';

export interface SearchEntryInput {
  /** Item basic code, or bundle id. */
  id: string;
  kind: SearchEntryKind;
  name: string;
  aliases: string[];
  codes: string[];
  /** Lower-weight text, e.g. department name, handling item names. */
  extra?: string[];
  /** Tie-break among equally good matches: higher first. Default 0. */
  boost?: number;
}

export type MatchedField = 'name' | 'alias' | 'code' | 'extra';
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'initials' | 'pinyin';

export interface SearchHit {
  id: string;
  kind: SearchEntryKind;
  /** Tier score (see SCORE): higher is better. Equal scores are ordered by boost, shorter name, catalog order. */
  score: number;
  matchedField: MatchedField;
  matchKind: MatchKind;
  /** The key that matched, as written in the catalog (name, the alias, the code, the extra text). */
  matchedText: string;
}

/** Opaque: build with `buildSearchIndex`, query with `search`. Not thread-safe (scratch buffers). */
export interface SearchIndex {
  /** Number of entries. */
  readonly size: number;
  /** @internal */ readonly _internal: IndexInternals;
}

/**
 * Tier scores, highest first. The order is the ranking contract:
 * exact name > exact alias > exact code > name prefix > initials (or full
 * pinyin) equal to a whole name/alias > alias prefix > initials prefix > full
 * pinyin prefix > mixed hanzi+pinyin prefix > code prefix > name substring >
 * alias substring > pinyin substring from a syllable boundary > mixed
 * substring > initials substring > code substring > abbreviated pinyin >
 * extra text > extra pinyin > extra initials > extra mixed.
 * "Mixed" = hanzi with pinyin (`营业zz`); "abbreviated" = syllables typed as
 * prefixes (`yyzhzh`), tried only when nothing else matches.
 */
export const SCORE = {
  exactName: 100,
  exactAlias: 95,
  exactCode: 90,
  namePrefix: 85,
  wholeInitials: 80,
  aliasPrefix: 75,
  initialsPrefix: 70,
  pinyinPrefix: 65,
  mixedPrefix: 62,
  codePrefix: 60,
  // --- everything below does not need the key to start with the query ---
  nameSubstring: 55,
  aliasSubstring: 50,
  pinyinSubstring: 45,
  mixedSubstring: 42,
  initialsSubstring: 40,
  codeSubstring: 35,
  abbreviated: 30,
  // extra fields: always below any name/alias/code match
  extraText: 20,
  extraPinyin: 15,
  extraInitials: 10,
  extraMixed: 8,
} as const;

/**
 * For queries without hanzi+latin mixing, every score ≥ this needs a
 * name/alias/code key that starts with the query (phase 1 finds them all).
 */
const MIN_PREFIX_SCORE = SCORE.codePrefix;

// ---------------------------------------------------------------------------
// Normalisation

const STRIP = /[\s'‘’`´]/g;

/** trim, NFKC (full-width → half-width), lower case, ü → v, no spaces/apostrophes. */
export function normalizeQuery(raw: string): string {
  if (!raw) return '';
  return raw.normalize('NFKC').toLowerCase().replace(STRIP, '').replace(/ü/g, 'v');
}

const LATIN = /^[a-z0-9]$/;
const isLatinChar = (ch: string): boolean => LATIN.test(ch);

// ---------------------------------------------------------------------------
// Internal structures

const F_NAME = 0;
const F_ALIAS = 1;
const F_CODE = 2;
const F_EXTRA = 3;
const FIELD_NAMES: readonly MatchedField[] = ['name', 'alias', 'code', 'extra'];

interface IndexedKey {
  field: number;
  /** As written, for SearchHit.matchedText. */
  text: string;
  norm: string;
  /** Full pinyin concatenated (latin/digit characters kept, other symbols dropped). '' for codes. */
  py: string;
  /** One letter per syllable (latin/digit characters kept as is). */
  ini: string;
  /** 1 where a syllable starts in `py` (length py.length + 1). */
  sylStart: Uint8Array;
  /** Per code point of `norm`: its syllable ('' for symbols). */
  syls: string[];
}

interface IndexedEntry {
  id: string;
  kind: SearchEntryKind;
  /** Rank among equal scores (boost, shorter name, input order); index into entries. */
  ordinal: number;
  keys: IndexedKey[];
}

/** Posting lists: n-gram (UTF-16 code units) → ascending entry ordinals. */
interface Grams {
  uni: Map<number, Uint32Array>;
  bi: Map<number, Uint32Array>;
  /** Only for channels of latin text (pinyin, initials, codes): bigrams of [a-z0-9] are not selective. */
  tri: Map<number, Uint32Array> | null;
  /**
   * Pinyin channels only: the n-grams that begin at a syllable start. A pinyin
   * query must match from a syllable boundary, so its first n-gram is looked
   * up here (`i` or `ng` start no syllable: no candidates at all).
   */
  anchored: { uni: Map<number, Uint32Array>; bi: Map<number, Uint32Array>; tri: Map<number, Uint32Array> } | null;
}

// Channels (field classes) of the inverted index.
const CH_NAME = 0;
const CH_ALIAS = 1;
const CH_PY = 2; // name + alias pinyin
const CH_INI = 3; // name + alias initials
const CH_CODE = 4;
const CH_XTEXT = 5;
const CH_XPY = 6;
const CH_XINI = 7;
const CHANNEL_COUNT = 8;
const CHANNEL_HAS_TRI = [false, false, true, true, true, false, true, true];

/** Keys sorted by string then ordinal, for exact / prefix matches by binary search. */
interface PrefixTable {
  strs: string[];
  ord: Uint32Array;
  key: Uint16Array;
}

const T_NAME = 0;
const T_ALIAS = 1;
const T_CODE = 2;
const T_INI_NAME = 3;
const T_PY_NAME = 4;
const T_INI_ALIAS = 5;
const T_PY_ALIAS = 6;
const TABLE_COUNT = 7;

/** @internal Shape of SearchIndex._internal; not part of the API. */
export interface IndexInternals {
  entries: IndexedEntry[];
  channels: Grams[];
  tables: PrefixTable[];
  /** character → dense id used in n-gram keys */
  charIds: Map<number, number>;
  /** scratch: per-entry stamp for de-duplication within one query */
  seen: Uint32Array;
  stamp: number;
}

// ---------------------------------------------------------------------------
// Pinyin

interface PinyinForm {
  py: string;
  ini: string;
  sylStart: Uint8Array;
  syls: string[];
}

const EMPTY_FORM: PinyinForm = { py: '', ini: '', sylStart: new Uint8Array(1), syls: [] };
const NON_ASCII = /[^\x00-\x7f]/;
const PINYIN_SYLLABLE = /^[a-z]+$/;

function pinyinForm(norm: string): PinyinForm {
  const chars = Array.from(norm);
  // type 'array' gives one element per code point (checked below); non-hanzi come back as themselves.
  // The whole key is converted at once so that polyphones follow the word: 银行 → yin hang.
  const arr = NON_ASCII.test(norm) ? pinyin(norm, { toneType: 'none', type: 'array', v: true }) : chars;
  const aligned = arr.length === chars.length;
  const syls: string[] = new Array<string>(chars.length);
  let py = '';
  let ini = '';
  const starts: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    let syl: string;
    if (isLatinChar(ch)) syl = ch;
    else {
      const p = aligned ? (arr[i] ?? '') : '';
      syl = p !== ch && PINYIN_SYLLABLE.test(p) ? p : '';
    }
    syls[i] = syl;
    if (syl) {
      starts.push(py.length);
      py += syl;
      ini += syl[0];
    }
  }
  const sylStart = new Uint8Array(py.length + 1);
  for (const s of starts) sylStart[s] = 1;
  return { py, ini, sylStart, syls };
}

// ---------------------------------------------------------------------------
// Build

/**
 * N-gram keys are small integers (< 2^30) built from dense character ids
 * (ASCII keeps its code). Beyond the dense range they are hashed: a collision
 * only merges two posting lists — candidates stay a superset of the matches
 * and every candidate is verified.
 */
const KEY_MASK = 0x3fffffff;
const biKey = (a: number, b: number): number => (a < 32768 && b < 32768 ? a * 32768 + b : (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & KEY_MASK);
const triKey = (a: number, b: number, c: number): number =>
  (a | b | c) < 1024 ? (a * 1024 + b) * 1024 + c : (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) & KEY_MASK;

const TAG_UNI = 0;
const TAG_BI = 1;
const TAG_TRI = 2;

/**
 * (n-gram, ordinal) pairs of one channel, appended in ordinal order; frozen
 * by a stable radix sort into posting lists (views on one shared buffer).
 */
class PairBuffer {
  keys = new Uint32Array(1 << 12);
  ords = new Uint32Array(1 << 12);
  n = 0;
  push(tag: number, key: number, ordinal: number): void {
    if (this.n === this.keys.length) {
      const k = new Uint32Array(this.n * 2);
      k.set(this.keys);
      this.keys = k;
      const o = new Uint32Array(this.n * 2);
      o.set(this.ords);
      this.ords = o;
    }
    this.keys[this.n] = ((tag << 30) | key) >>> 0;
    this.ords[this.n++] = ordinal;
  }
  freeze(): { uni: Map<number, Uint32Array>; bi: Map<number, Uint32Array>; tri: Map<number, Uint32Array> } {
    const n = this.n;
    let keys = this.keys;
    let ords = this.ords;
    // LSD radix sort on the 32-bit key, two 16-bit digits; stable, so ordinals stay ascending per key
    let k2 = new Uint32Array(n);
    let o2 = new Uint32Array(n);
    const count = new Uint32Array(65537);
    for (let shift = 0; shift < 32; shift += 16) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[((keys[i]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
      for (let i = 0; i < n; i++) {
        const p = count[(keys[i]! >>> shift) & 0xffff]!++;
        k2[p] = keys[i]!;
        o2[p] = ords[i]!;
      }
      [keys, k2] = [k2, keys];
      [ords, o2] = [o2, ords];
    }
    // runs of one key → de-duplicated posting lists, packed in one buffer
    const packed = new Uint32Array(n);
    const runKey: number[] = [];
    const runEnd: number[] = [];
    let len = 0;
    for (let i = 0; i < n; ) {
      const key = keys[i]!;
      let last = -1;
      for (; i < n && keys[i] === key; i++) {
        const o = ords[i]!;
        if (o !== last) packed[len++] = last = o;
      }
      runKey.push(key);
      runEnd.push(len);
    }
    const buf = packed.slice(0, len);
    const maps = [new Map<number, Uint32Array>(), new Map<number, Uint32Array>(), new Map<number, Uint32Array>()] as const;
    let start = 0;
    for (let r = 0; r < runKey.length; r++) {
      const key = runKey[r]!;
      maps[key >>> 30]?.set(key & KEY_MASK, buf.subarray(start, runEnd[r]));
      start = runEnd[r]!;
    }
    this.keys = this.ords = new Uint32Array(0);
    return { uni: maps[TAG_UNI], bi: maps[TAG_BI], tri: maps[TAG_TRI] };
  }
}

interface GramsBuilder {
  pairs: PairBuffer;
  tri: boolean;
  /** pinyin channels: n-grams beginning at a syllable start */
  anchored: PairBuffer | null;
}

/** Dense character ids; ASCII is pre-seeded with its own code. */
function newCharIds(): Map<number, number> {
  const m = new Map<number, number>();
  for (let c = 0; c < 128; c++) m.set(c, c);
  return m;
}

let gramIds = new Uint32Array(256);

/** Entries must be added in ascending ordinal order. `sylStart` marks syllable starts (pinyin channels). */
function addGrams(b: GramsBuilder, ids: Map<number, number>, s: string, ordinal: number, sylStart?: Uint8Array): void {
  const n = s.length;
  if (gramIds.length < n) gramIds = new Uint32Array(n * 2);
  const g = gramIds;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let id = ids.get(c);
    if (id === undefined) {
      id = ids.size;
      ids.set(c, id);
    }
    g[i] = id;
  }
  const pairs = b.pairs;
  for (let i = 0; i < n; i++) {
    const a = g[i]!;
    pairs.push(TAG_UNI, a, ordinal);
    if (i + 1 < n) pairs.push(TAG_BI, biKey(a, g[i + 1]!), ordinal);
    if (b.tri && i + 2 < n) pairs.push(TAG_TRI, triKey(a, g[i + 1]!, g[i + 2]!), ordinal);
    if (b.anchored !== null && sylStart !== undefined && sylStart[i] === 1) {
      b.anchored.push(TAG_UNI, a, ordinal);
      if (i + 1 < n) b.anchored.push(TAG_BI, biKey(a, g[i + 1]!), ordinal);
      if (i + 2 < n) b.anchored.push(TAG_TRI, triKey(a, g[i + 1]!, g[i + 2]!), ordinal);
    }
  }
}

const MAX_KEYS_PER_ENTRY = 65535;

export function buildSearchIndex(entries: SearchEntryInput[]): SearchIndex {
  const formCache = new Map<string, PinyinForm>();
  const form = (norm: string): PinyinForm => {
    let f = formCache.get(norm);
    if (f === undefined) {
      f = pinyinForm(norm);
      formCache.set(norm, f);
    }
    return f;
  };

  // 1. keys of every entry
  const prepared = entries.map((input, inputIndex) => {
    const keys: IndexedKey[] = [];
    const seen = new Set<string>();
    const addKey = (field: number, raw: unknown) => {
      if (typeof raw !== 'string' || keys.length >= MAX_KEYS_PER_ENTRY) return;
      const norm = normalizeQuery(raw);
      if (!norm) return;
      const dedupe = `${field === F_CODE ? 'c' : 't'}:${norm}`;
      if (seen.has(dedupe)) return;
      seen.add(dedupe);
      const f = field === F_CODE ? EMPTY_FORM : form(norm);
      keys.push({ field, text: raw.trim(), norm, py: f.py, ini: f.ini, sylStart: f.sylStart, syls: f.syls });
    };
    addKey(F_NAME, input.name);
    for (const a of input.aliases ?? []) addKey(F_ALIAS, a);
    for (const c of input.codes ?? []) addKey(F_CODE, c);
    for (const x of input.extra ?? []) addKey(F_EXTRA, x);
    const boost = typeof input.boost === 'number' && Number.isFinite(input.boost) ? input.boost : 0;
    const nameLen = Array.from(String(input.name ?? '')).length;
    return { input, inputIndex, keys, boost, nameLen };
  });

  // 2. ordinals in tie-break order: boost (high first), shorter name, input order
  prepared.sort((a, b) => b.boost - a.boost || a.nameLen - b.nameLen || a.inputIndex - b.inputIndex);

  // 3. inverted indexes and prefix tables, entries in ordinal order
  const charIds = newCharIds();
  const builders: GramsBuilder[] = Array.from({ length: CHANNEL_COUNT }, (_, c) => ({
    pairs: new PairBuffer(),
    tri: CHANNEL_HAS_TRI[c]!,
    anchored: c === CH_PY || c === CH_XPY ? new PairBuffer() : null,
  }));
  const rows: { s: string; o: number; k: number }[][] = Array.from({ length: TABLE_COUNT }, () => []);
  const indexed: IndexedEntry[] = prepared.map(({ input, keys }, ordinal) => {
    keys.forEach((k, ki) => {
      const hasPy = k.py !== '' && k.py !== k.norm;
      const hasIni = k.ini !== '' && k.ini !== k.norm;
      switch (k.field) {
        case F_NAME:
        case F_ALIAS: {
          const isName = k.field === F_NAME;
          addGrams(builders[isName ? CH_NAME : CH_ALIAS]!, charIds, k.norm, ordinal);
          rows[isName ? T_NAME : T_ALIAS]!.push({ s: k.norm, o: ordinal, k: ki });
          if (hasPy) {
            addGrams(builders[CH_PY]!, charIds, k.py, ordinal, k.sylStart);
            rows[isName ? T_PY_NAME : T_PY_ALIAS]!.push({ s: k.py, o: ordinal, k: ki });
          }
          if (hasIni) {
            addGrams(builders[CH_INI]!, charIds, k.ini, ordinal);
            rows[isName ? T_INI_NAME : T_INI_ALIAS]!.push({ s: k.ini, o: ordinal, k: ki });
          }
          break;
        }
        case F_CODE:
          addGrams(builders[CH_CODE]!, charIds, k.norm, ordinal);
          rows[T_CODE]!.push({ s: k.norm, o: ordinal, k: ki });
          break;
        default:
          addGrams(builders[CH_XTEXT]!, charIds, k.norm, ordinal);
          if (hasPy) addGrams(builders[CH_XPY]!, charIds, k.py, ordinal, k.sylStart);
          if (hasIni) addGrams(builders[CH_XINI]!, charIds, k.ini, ordinal);
      }
    });
    return { id: String(input.id), kind: input.kind, ordinal, keys };
  });

  const tables: PrefixTable[] = rows.map((r) => {
    r.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.o - b.o));
    return { strs: r.map((x) => x.s), ord: Uint32Array.from(r, (x) => x.o), key: Uint16Array.from(r, (x) => x.k) };
  });
  const channels: Grams[] = builders.map((b) => {
    const g = b.pairs.freeze();
    return { uni: g.uni, bi: g.bi, tri: b.tri ? g.tri : null, anchored: b.anchored ? b.anchored.freeze() : null };
  });

  return {
    size: indexed.length,
    _internal: { entries: indexed, channels, tables, charIds, seen: new Uint32Array(indexed.length), stamp: 0 },
  };
}

/**
 * Entries for every item (id = basic code; codes = basic code + handling item
 * codes; extra = department name/short name + handling item names) and every
 * bundle (id = bundle id; extra = the names of its items).
 */
export function searchEntriesFromCatalog(catalog: Catalog): SearchEntryInput[] {
  const departments = new Map(catalog.departments.map((d) => [d.code, d]));
  const itemNames = new Map(catalog.items.map((i) => [i.basicCode, i.name]));
  const out: SearchEntryInput[] = [];
  for (const item of catalog.items) {
    const dept = departments.get(item.departmentCode);
    const extra = uniq([dept?.name, dept?.shortName, ...item.handlingItems.map((h) => h.name)].filter((s): s is string => !!s && s !== item.name));
    out.push({
      // 实施编码: two departments implementing one basic code are two hits, told apart by department
      id: implementationCodeOf(item),
      kind: 'item',
      name: item.name,
      aliases: [...(item.aliases ?? [])],
      codes: uniq([item.basicCode, implementationCodeOf(item), ...item.handlingItems.map((h) => h.code)]),
      extra,
    });
  }
  for (const bundle of catalog.bundles ?? []) {
    out.push({
      id: bundle.id,
      kind: 'bundle',
      name: bundle.name,
      aliases: [...(bundle.aliases ?? [])],
      codes: [],
      extra: uniq(bundle.items.map((r) => itemNames.get(r.basicCode)).filter((s): s is string => !!s)),
    });
  }
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

// ---------------------------------------------------------------------------
// Ranking

interface Ranked {
  e: IndexedEntry;
  score: number;
  key: number;
  kind: MatchKind;
}

/** Keeps the best `limit` hits sorted by score, then ordinal (= boost, shorter name, input order). */
class TopK {
  readonly items: Ranked[] = [];
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.items.length >= this.limit;
  }
  get worstScore(): number {
    return this.items.length ? this.items[this.items.length - 1]!.score : -Infinity;
  }
  /**
   * Entries with this score can enter only below the returned ordinal:
   * Infinity = any, -1 = none.
   */
  cutoff(score: number): number {
    if (this.items.length < this.limit) return Infinity;
    const w = this.items[this.items.length - 1]!;
    return w.score > score ? -1 : w.score === score ? w.e.ordinal : Infinity;
  }
  offer(r: Ranked): void {
    const items = this.items;
    const better = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && a.e.ordinal < b.e.ordinal);
    if (items.length >= this.limit && !better(r, items[items.length - 1]!)) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (better(items[m]!, r)) lo = m + 1;
      else hi = m;
    }
    items.splice(lo, 0, r);
    if (items.length > this.limit) items.pop();
  }
}

function nextStamp(x: IndexInternals): number {
  x.stamp = (x.stamp + 1) >>> 0;
  if (x.stamp === 0) {
    x.seen.fill(0);
    x.stamp = 1;
  }
  return x.stamp;
}

// ---------------------------------------------------------------------------
// Phase 1: exact and prefix matches from the sorted tables

/** First index in sorted `strs` whose string is ≥ q (code-unit order). */
function lowerBound(strs: string[], q: string, from = 0): number {
  let lo = from;
  let hi = strs.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (strs[m]! < q) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** [table, exact rows only, score, kind] in descending score order. */
const PREFIX_STEPS: readonly (readonly [number, boolean, number, MatchKind, boolean])[] = [
  // [table, exactOnly, score, kind, latin queries only]
  [T_NAME, true, SCORE.exactName, 'exact', false],
  [T_ALIAS, true, SCORE.exactAlias, 'exact', false],
  [T_CODE, true, SCORE.exactCode, 'exact', false],
  [T_NAME, false, SCORE.namePrefix, 'prefix', false],
  [T_INI_NAME, true, SCORE.wholeInitials, 'initials', true],
  [T_PY_NAME, true, SCORE.wholeInitials, 'pinyin', true],
  [T_INI_ALIAS, true, SCORE.wholeInitials, 'initials', true],
  [T_PY_ALIAS, true, SCORE.wholeInitials, 'pinyin', true],
  [T_ALIAS, false, SCORE.aliasPrefix, 'prefix', false],
  [T_INI_NAME, false, SCORE.initialsPrefix, 'initials', true],
  [T_INI_ALIAS, false, SCORE.initialsPrefix, 'initials', true],
  [T_PY_NAME, false, SCORE.pinyinPrefix, 'pinyin', true],
  [T_PY_ALIAS, false, SCORE.pinyinPrefix, 'pinyin', true],
  [T_CODE, false, SCORE.codePrefix, 'prefix', false],
];

/** Exact and prefix steps with a score in [minScore, maxScore]. */
function prefixPhase(x: IndexInternals, q: string, latin: boolean, top: TopK, stamp: number, minScore = 0, maxScore = Infinity): void {
  const seen = x.seen;
  const entries = x.entries;
  const upper = q + '\uffff';
  for (const [table, exactOnly, score, kind, latinOnly] of PREFIX_STEPS) {
    if ((latinOnly && !latin) || score < minScore || score > maxScore) continue;
    let cutoff = top.cutoff(score);
    if (cutoff < 0) return; // steps only get lower
    const t = x.tables[table]!;
    const strs = t.strs;
    const from = lowerBound(strs, q);
    const end = exactOnly ? lowerBound(strs, q + '\u0000', from) : lowerBound(strs, upper, from);
    for (let i = from; i < end; i++) {
      const o = t.ord[i]!;
      if (o >= cutoff || seen[o] === stamp) continue;
      seen[o] = stamp;
      top.offer({ e: entries[o]!, score, key: t.key[i]!, kind });
      cutoff = top.cutoff(score);
      if (cutoff < 0) break;
    }
  }
}

// ---------------------------------------------------------------------------
// Phase 2: substring matches, class by class, candidates in ordinal order

/** Dense ids of the query's characters, or null if one never occurs in the index. */
function queryIds(x: IndexInternals, q: string): number[] | null {
  const out = new Array<number>(q.length);
  for (let i = 0; i < q.length; i++) {
    const id = x.charIds.get(q.charCodeAt(i));
    if (id === undefined) return null;
    out[i] = id;
  }
  return out;
}

/**
 * Posting lists of the n-grams of the query in a channel, shortest first (null
 * if one is missing: no entry contains the query). Trigrams where the channel
 * has them and the query is long enough; in pinyin channels the first n-gram
 * must begin at a syllable start.
 */
function gramLists(g: Grams, ids: number[]): Uint32Array[] | null {
  const n = ids.length;
  const useTri = g.tri !== null && n >= 3;
  const lists: Uint32Array[] = [];
  let from = 0;
  if (g.anchored !== null) {
    const a = g.anchored;
    const l = n === 1 ? a.uni.get(ids[0]!) : n === 2 ? a.bi.get(biKey(ids[0]!, ids[1]!)) : a.tri.get(triKey(ids[0]!, ids[1]!, ids[2]!));
    if (l === undefined) return null;
    lists.push(l);
    from = 1;
  } else if (n === 1) {
    const l = g.uni.get(ids[0]!);
    return l ? [l] : null;
  }
  for (let i = from; i + (useTri ? 2 : 1) < n; i++) {
    const l = useTri ? g.tri!.get(triKey(ids[i]!, ids[i + 1]!, ids[i + 2]!)) : g.bi.get(biKey(ids[i]!, ids[i + 1]!));
    if (l === undefined) return null;
    if (!lists.includes(l)) lists.push(l);
  }
  lists.sort((a, b) => a.length - b.length);
  return lists;
}

/** First index ≥ from in ascending `l` whose value is ≥ v (galloping). */
function advance(l: Uint32Array, from: number, v: number): number {
  if (from >= l.length || l[from]! >= v) return from;
  let step = 1;
  let lo = from;
  while (lo + step < l.length && l[lo + step]! < v) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, l.length);
  lo += 1;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (l[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Extra lists beyond the few most selective only slow the filter down; candidates are verified anyway. */
const MAX_FILTER_LISTS = 6;

/**
 * Calls `visit` for every entry in all lists, in ascending ordinal order, while
 * `visit` returns true.
 */
function eachCandidate(lists: Uint32Array[], visit: (o: number) => boolean): void {
  const base = lists[0]!;
  const others = lists.slice(1, 1 + MAX_FILTER_LISTS);
  const cur = new Array<number>(others.length).fill(0);
  outer: for (let i = 0; i < base.length; i++) {
    const o = base[i]!;
    for (let j = 0; j < others.length; j++) {
      const l = others[j]!;
      const c = advance(l, cur[j]!, o);
      cur[j] = c;
      if (c >= l.length) return; // nothing further can be in every list
      if (l[c] !== o) continue outer;
    }
    if (!visit(o)) return;
  }
}

/** Substring of py starting at a syllable boundary at or after `from`. */
function pinyinBoundaryIncludes(k: IndexedKey, q: string, from: number): boolean {
  let pos = k.py.indexOf(q, from);
  while (pos !== -1) {
    if (k.sylStart[pos] === 1) return true;
    pos = k.py.indexOf(q, pos + 1);
  }
  return false;
}

type ClassTest = (k: IndexedKey, q: string) => MatchKind | null;

interface SubstringClass {
  channel: number;
  score: number;
  latinOnly: boolean;
  fields: readonly number[];
  test: ClassTest;
}

/**
 * Entries reaching phase 2 have no key that starts with the query (those were
 * all taken in phase 1), so within a class every match has the class score.
 */
const SUBSTRING_CLASSES: readonly SubstringClass[] = [
  { channel: CH_NAME, score: SCORE.nameSubstring, latinOnly: false, fields: [F_NAME], test: (k, q) => (k.norm.includes(q) ? 'substring' : null) },
  { channel: CH_ALIAS, score: SCORE.aliasSubstring, latinOnly: false, fields: [F_ALIAS], test: (k, q) => (k.norm.includes(q) ? 'substring' : null) },
  { channel: CH_PY, score: SCORE.pinyinSubstring, latinOnly: true, fields: [F_NAME, F_ALIAS], test: (k, q) => (k.py !== k.norm && pinyinBoundaryIncludes(k, q, 1) ? 'pinyin' : null) },
  { channel: CH_INI, score: SCORE.initialsSubstring, latinOnly: true, fields: [F_NAME, F_ALIAS], test: (k, q) => (k.ini !== k.norm && k.ini.includes(q) ? 'initials' : null) },
  { channel: CH_CODE, score: SCORE.codeSubstring, latinOnly: false, fields: [F_CODE], test: (k, q) => (k.norm.includes(q) ? 'substring' : null) },
  { channel: CH_XTEXT, score: SCORE.extraText, latinOnly: false, fields: [F_EXTRA], test: (k, q) => (k.norm === q ? 'exact' : k.norm.startsWith(q) ? 'prefix' : k.norm.includes(q) ? 'substring' : null) },
  { channel: CH_XPY, score: SCORE.extraPinyin, latinOnly: true, fields: [F_EXTRA], test: (k, q) => (k.py !== k.norm && pinyinBoundaryIncludes(k, q, 0) ? 'pinyin' : null) },
  { channel: CH_XINI, score: SCORE.extraInitials, latinOnly: true, fields: [F_EXTRA], test: (k, q) => (k.ini !== k.norm && k.ini.includes(q) ? 'initials' : null) },
];

/** Substring classes with a score in [minScore, maxScore]. */
function substringPhase(x: IndexInternals, q: string, latin: boolean, top: TopK, stamp: number, minScore = 0, maxScore = Infinity): void {
  const ids = queryIds(x, q);
  if (ids === null) return; // a character no key contains
  const seen = x.seen;
  const entries = x.entries;
  for (const cls of SUBSTRING_CLASSES) {
    if ((cls.latinOnly && !latin) || cls.score < minScore || cls.score > maxScore) continue;
    let cutoff = top.cutoff(cls.score);
    if (cutoff < 0) return; // classes only get lower
    const lists = gramLists(x.channels[cls.channel]!, ids);
    if (lists === null) continue;
    eachCandidate(lists, (o) => {
      if (o >= cutoff) return false; // ordinal order: nothing later can enter
      if (seen[o] === stamp) return true;
      const e = entries[o]!;
      const keys = e.keys;
      for (let ki = 0; ki < keys.length; ki++) {
        const k = keys[ki]!;
        if (!cls.fields.includes(k.field)) continue;
        const kind = cls.test(k, q);
        if (kind === null) continue;
        seen[o] = stamp;
        top.offer({ e, score: cls.score, key: ki, kind });
        cutoff = top.cutoff(cls.score);
        break;
      }
      return true;
    });
  }
}

// ---------------------------------------------------------------------------
// Mixed hanzi + pinyin, and abbreviated pinyin (`yyzhzh`)

/**
 * Abbreviated pinyin (latin query, every syllable typed as a non-empty prefix,
 * e.g. `yyzhzh`, `zhufgjj`), starting at any syllable: one left-to-right pass
 * over the syllables keeping the set of query positions reached as a bit mask.
 */
function abbreviationMatch(k: IndexedKey, q: string): boolean {
  const m = q.length;
  if (m > 30) return mixedMatch(k, q, true) !== 0;
  const done = 1 << m;
  let reach = 0; // bit p: q[0..p) matched by the syllables so far
  for (const syl of k.syls) {
    const from = reach | 1; // or start here
    if (syl === '') {
      reach = from & ~1; // a symbol may be skipped inside a match
      continue;
    }
    let next = 0;
    for (let p = 0; p < m; p++) {
      if ((from & (1 << p)) === 0) continue;
      for (let l = 0; l < syl.length && p + l < m && q.charCodeAt(p + l) === syl.charCodeAt(l); l++) next |= 1 << (p + l + 1);
    }
    if (next & done) return true;
    reach = next;
  }
  return false;
}

let memo = new Uint32Array(1024);
let memoGen = 0;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Each key character is matched either by itself (hanzi) or by a non-empty
 * prefix of its syllable — full pinyin, initials and any mixture (`yingyzz`,
 * `营业zz`, `yy执照`). Symbols without a syllable may be skipped inside a match.
 * 2 = matches from the start of the key, 1 = from a later character (only
 * tried unless `fromStartOnly`), 0 = no.
 */
function mixedMatch(k: IndexedKey, q: string, latin: boolean, fromStartOnly = false): 0 | 1 | 2 {
  const syls = k.syls;
  const n = syls.length;
  const m = q.length;
  if (n === 0 || m === 0) return 0;
  // hanzi in the query are matched literally; characters by index unless a surrogate pair shifts them
  const chars = latin ? null : SURROGATE.test(k.norm) ? Array.from(k.norm) : k.norm;
  if (chars !== null && chars.length !== n) return 0;
  const size = (m + 1) * (n + 1);
  if (memo.length < size) memo = new Uint32Array(size * 2);
  memoGen = (memoGen + 1) >>> 0;
  if (memoGen === 0) {
    memo.fill(0);
    memoGen = 1;
  }
  const gen = memoGen;
  const go = (qi: number, ki: number): boolean => {
    if (qi === m) return true;
    if (ki === n) return false;
    const slot = qi * (n + 1) + ki;
    if (memo[slot] === gen) return false; // known to fail
    const syl = syls[ki]!;
    if (chars !== null) {
      const ch = chars[ki]!;
      if ((syl === '' || syl !== ch) && q.startsWith(ch, qi) && go(qi + ch.length, ki + 1)) return true;
    }
    if (syl !== '') {
      let l = 0;
      while (l < syl.length && qi + l < m && q.charCodeAt(qi + l) === syl.charCodeAt(l)) {
        l++;
        if (go(qi + l, ki + 1)) return true;
      }
    } else if (qi > 0 && go(qi, ki + 1)) return true;
    memo[slot] = gen;
    return false;
  };
  if (go(0, 0)) return 2;
  if (fromStartOnly) return 0;
  const q0 = q.charCodeAt(0);
  for (let s = 1; s < n; s++) {
    // a match starts with the character itself or its syllable's first letter
    const syl = syls[s]!;
    if ((syl !== '' && syl.charCodeAt(0) === q0) || (chars !== null && q.startsWith(chars[s]!, 0))) if (go(0, s)) return 1;
  }
  return 0;
}

/**
 * One tier of mixed matches (`营业zz`): candidates in ordinal order, a key of
 * the given fields that holds every hanzi run and mixed-matches as wanted.
 */
function mixedTier(x: IndexInternals, q: string, runs: string[], candidates: number[], top: TopK, stamp: number, score: number, extra: boolean, fromStartOnly: boolean): void {
  for (const o of candidates) {
    if (o >= top.cutoff(score)) return; // ordinal order: nothing later can enter
    if (x.seen[o] === stamp) continue;
    const e = x.entries[o]!;
    for (let ki = 0; ki < e.keys.length; ki++) {
      const k = e.keys[ki]!;
      if ((k.field === F_EXTRA) !== extra || k.field === F_CODE || !runs.every((r) => k.norm.includes(r))) continue;
      const r = mixedMatch(k, q, false, fromStartOnly);
      if (r === 2 || (r === 1 && !fromStartOnly)) {
        x.seen[o] = stamp;
        top.offer({ e, score, key: ki, kind: 'pinyin' });
        break;
      }
    }
  }
}

/** The non-latin runs of a mixed query: 营业zz → [营业]. */
const hanziRuns = (q: string): string[] => q.split(/[a-z0-9]+/).filter((r) => r.length > 0);
/** The latin runs of a mixed query: 营业zz → [zz]. */
const latinRuns = (q: string): string[] => q.split(/[^a-z0-9]+/).filter((r) => r.length > 0);

/**
 * Candidates for a hanzi+pinyin query: entries whose name, alias or extra holds
 * every hanzi run, and whose pinyin can start each latin run — its first two
 * letters either begin one syllable (syllable-anchored pinyin n-gram) or are
 * two consecutive initials; a one-letter run begins some syllable.
 */
function mixedCandidates(x: IndexInternals, q: string, runs: string[]): number[] {
  const latin = [...new Set(latinRuns(q))];
  if (latin.length > 255) return [];
  // runCount[o] = how many of the latin runs entry o can start (each counted once, in order)
  const runCount = new Uint8Array(x.entries.length);
  for (let r = 0; r < latin.length; r++) {
    const ids = queryIds(x, latin[r]!);
    if (ids === null) return [];
    for (const [py, ini] of [
      [CH_PY, CH_INI],
      [CH_XPY, CH_XINI],
    ] as const) {
      const a = x.channels[py]!.anchored!;
      const g = x.channels[ini]!;
      const lists = ids.length === 1 ? [a.uni.get(ids[0]!), g.uni.get(ids[0]!)] : [a.bi.get(biKey(ids[0]!, ids[1]!)), g.bi.get(biKey(ids[0]!, ids[1]!))];
      for (const l of lists) if (l) for (let i = 0; i < l.length; i++) if (runCount[l[i]!] === r) runCount[l[i]!] = r + 1;
    }
  }
  const required = latin.length;
  const found = new Uint8Array(x.entries.length);
  for (const ch of [CH_NAME, CH_ALIAS, CH_XTEXT]) {
    const lists: Uint32Array[] = [];
    let missing = false;
    for (const r of runs) {
      const ids = queryIds(x, r);
      const l = ids === null ? null : gramLists(x.channels[ch]!, ids);
      if (l === null) {
        missing = true;
        break;
      }
      lists.push(...l);
    }
    if (missing || lists.length === 0) continue;
    lists.sort((a, b) => a.length - b.length);
    eachCandidate(lists, (o) => {
      if (runCount[o] === required) found[o] = 1;
      return true;
    });
  }
  const out: number[] = [];
  for (let o = 0; o < found.length; o++) if (found[o] === 1) out.push(o);
  return out; // ascending
}

/**
 * Abbreviated pinyin, tried only when nothing else matched (so no other tier
 * can apply). Candidates: the first two letters are either the start of one
 * syllable (a syllable-anchored pinyin bigram) or two consecutive initials (an
 * initials bigram). One score, so candidates go in ordinal order until the page is full.
 */
function abbreviationPhase(x: IndexInternals, q: string, top: TopK): void {
  const ids = queryIds(x, q);
  if (ids === null || ids.length < 2) return;
  const k = biKey(ids[0]!, ids[1]!);
  const a = x.channels[CH_PY]!.anchored!.bi.get(k) ?? EMPTY_LIST;
  const b = x.channels[CH_INI]!.bi.get(k) ?? EMPTY_LIST;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // merge the two ascending lists
    const o = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < a.length && a[i] === o) i++;
    while (j < b.length && b[j] === o) j++;
    if (o >= top.cutoff(SCORE.abbreviated)) return;
    const e = x.entries[o]!;
    for (let ki = 0; ki < e.keys.length; ki++) {
      const key = e.keys[ki]!;
      if ((key.field === F_NAME || key.field === F_ALIAS) && key.py !== '' && abbreviationMatch(key, q)) {
        top.offer({ e, score: SCORE.abbreviated, key: ki, kind: 'pinyin' });
        break;
      }
    }
  }
}

const EMPTY_LIST = new Uint32Array(0);

// ---------------------------------------------------------------------------
// Search

const LATIN_QUERY = /^[a-z0-9]+$/;

/**
 * Search: at most `limit` hits, best first, one per entry (its best match).
 * Empty or unmatched queries give []; never throws on odd input.
 */
export function search(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  if (typeof query !== 'string' || !(limit >= 1) || !index || index.size === 0) return [];
  const q = normalizeQuery(query);
  if (!q) return [];
  const x = index._internal;
  const hits = searchNormalized(x, q, limit);
  // Pinyin, codes and 营业zz-style mixes are typed, not spoken: they stay exact.
  if (hits.length > 0 || !HANZI.test(q) || /[a-z0-9]/.test(q)) return hits;
  // Nothing for the whole sentence as typed: people speak to the box (身份证到期了怎么办).
  const core = stripFillers(q);
  if (core && core !== q) {
    const again = searchNormalized(x, core, limit);
    if (again.length > 0) return again;
  }
  return longestPartsSearch(x, core || q, limit);
}

const HANZI = /[\u3400-\u9fff]/;

/**
 * Words that carry no meaning for finding an item, at either end of a spoken query: particles
 * (了 的 啊 吗 呢 吧), 一下, 怎么办 / 怎么 / 如何, and the wish in front (我 想 要 请问).
 * Longest first so 怎么办 goes before 怎么. Only tried when the query as typed found nothing,
 * so a name that really ends in one of them (…目的) still matches as typed.
 */
const TRAILING_FILLERS = ['怎么办理', '怎么办', '怎么弄', '怎么', '如何', '一下', '了', '的', '啊', '呀', '吗', '嘛', '呢', '吧', '哦', '?', '？', '。', '!', '！'];
const LEADING_FILLERS = ['请问', '我想', '我要', '想要', '怎么', '如何', '我', '想', '要'];

/** The query without filler words at its ends ('' when nothing else is left). */
export function stripFillers(q: string): string {
  let s = q;
  for (let changed = true; changed && s.length > 0; ) {
    changed = false;
    for (const f of TRAILING_FILLERS) {
      if (s.length > f.length && s.endsWith(f)) {
        s = s.slice(0, -f.length);
        changed = true;
        break;
      }
    }
    for (const f of LEADING_FILLERS) {
      if (s.length > f.length && s.startsWith(f)) {
        s = s.slice(f.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** Longest query considered for the part-by-part fallback, in code points (keeps it quick). */
const MAX_PARTS_QUERY = 16;
/** Searches the fallback may run at most. */
const MAX_PART_SEARCHES = 60;

/**
 * Still nothing: the longest parts of the query that do match (身份证到期没去办 → 身份证到期),
 * longest first; every part of that length that matches contributes, best score first. Parts
 * are at least two characters, so a lone 证 or 办 never floods the list.
 */
function longestPartsSearch(x: IndexInternals, q: string, limit: number): SearchHit[] {
  const chars = Array.from(q).slice(0, MAX_PARTS_QUERY);
  let budget = MAX_PART_SEARCHES;
  for (let len = chars.length - 1; len >= 2 && budget > 0; len--) {
    const merged = new Map<string, SearchHit>();
    for (let i = 0; i + len <= chars.length && budget > 0; i++) {
      const part = chars.slice(i, i + len).join('');
      if (!HANZI.test(part)) continue;
      budget--;
      for (const h of searchNormalized(x, part, limit)) {
        const had = merged.get(h.id);
        if (!had || h.score > had.score) merged.set(h.id, h);
      }
    }
    if (merged.size > 0) return [...merged.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
  return [];
}

function searchNormalized(x: IndexInternals, q: string, limit: number): SearchHit[] {
  const latin = LATIN_QUERY.test(q);
  const mixed = !latin && /[a-z]/.test(q);
  const top = new TopK(Math.min(Math.floor(limit), x.entries.length));
  const stamp = nextStamp(x);

  if (mixed) {
    // Hanzi with pinyin (`营业zz`): the literal tiers as for any query, with the
    // mixed tiers in between, all in descending score order.
    const runs = hanziRuns(q);
    const candidates = mixedCandidates(x, q, runs);
    prefixPhase(x, q, false, top, stamp, SCORE.mixedPrefix + 1);
    mixedTier(x, q, runs, candidates, top, stamp, SCORE.mixedPrefix, false, true);
    prefixPhase(x, q, false, top, stamp, 0, SCORE.mixedPrefix - 1);
    substringPhase(x, q, false, top, stamp, SCORE.mixedSubstring + 1);
    mixedTier(x, q, runs, candidates, top, stamp, SCORE.mixedSubstring, false, false);
    substringPhase(x, q, false, top, stamp, SCORE.extraMixed + 1, SCORE.mixedSubstring - 1);
    mixedTier(x, q, runs, candidates, top, stamp, SCORE.extraMixed, true, false);
  } else {
    prefixPhase(x, q, latin, top, stamp);
    if (!(top.full && top.worstScore >= MIN_PREFIX_SCORE)) {
      substringPhase(x, q, latin, top, stamp);
      // Nothing at all: perhaps an abbreviation such as `yyzhzh` or `zhufgjj`.
      if (latin && top.items.length === 0 && q.length >= 3 && /^[a-z]/.test(q)) abbreviationPhase(x, q, top);
    }
  }

  return top.items.map(({ e, score, key, kind }) => ({
    id: e.id,
    kind: e.kind,
    score,
    matchedField: FIELD_NAMES[e.keys[key]!.field]!,
    matchKind: kind,
    matchedText: e.keys[key]!.text,
  }));
}
