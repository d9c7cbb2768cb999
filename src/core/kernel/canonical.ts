/**
 * Canonical JSON: the one text of a JSON value that every part of OneWindow hashes — the
 * workstation before a push, the service when a case arrives, the audit chain, hand-outs and
 * ratings. It lives beside SHA-256 (./hash.ts) in the kernel so that "the hash of a record"
 * has exactly one definition.
 */

/**
 * JSON with object keys sorted at every level, so the same content always hashes the same.
 * Keys sort by UTF-16 code units (the default sort); undefined members are left out and
 * undefined array elements become null, as JSON.stringify does. Built in one pass: it runs
 * for every case a workstation pushes and every case the service receives.
 *
 * Throws JsonTooDeepError past MAX_CANONICAL_DEPTH levels instead of overflowing the stack
 * (a hostile body can nest thousands of levels; callers check depth first with jsonDepthExceeds).
 */
export function canonicalJson(value: unknown): string {
  // Already in canonical shape (a JSON.parse of canonical text: plain objects, keys sorted) →
  // the engine's own JSON.stringify writes the very same text, at about half the cost.
  if (inCanonicalOrder(value, 0)) return JSON.stringify(value) ?? 'null';
  return canonicalText(value, 0);
}

/** Deeper than any record of the protocol, far below what recursion can take. */
export const MAX_CANONICAL_DEPTH = 256;

export class JsonTooDeepError extends RangeError {
  constructor() {
    super(`nested deeper than ${MAX_CANONICAL_DEPTH} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/** True when JSON.stringify(value) is canonicalJson(value): plain objects with keys in sort order, no functions or symbols. */
function inCanonicalOrder(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol' && v !== undefined;
  if (depth >= MAX_CANONICAL_DEPTH) throw new JsonTooDeepError();
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== undefined && !inCanonicalOrder(x, depth + 1)) return false;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  let previous: string | null = null;
  for (const k of Object.keys(v)) {
    // `<` compares UTF-16 code units, as Array.prototype.sort does.
    if (previous !== null && !(previous < k)) return false;
    previous = k;
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && !inCanonicalOrder(x, depth + 1)) return false;
  }
  return true;
}

function canonicalText(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_CANONICAL_DEPTH) throw new JsonTooDeepError();
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const x: unknown = value[i];
      out += x === undefined ? 'null' : canonicalText(x, depth + 1);
    }
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalText(x, depth + 1)}`;
  }
  return `${out}}`;
}
