/**
 * Personal data at rest: AES-GCM sealing and a keyed blind index, with the
 * two keys the host holds (HostDataKeys in the host contract).
 *
 * - `sealJson(value, aad)`: AES-GCM with a random 96-bit IV per sealed value; `aad` (the
 *   case id) is authenticated, so a sealed value cannot be moved to another record.
 * - `blindIndex(kind, text)`: HMAC-SHA-256 with the second key, hex, truncated to 128 bits —
 *   equal inputs give equal keys (so an index finds them), nothing else about the input shows
 *   without the key. `kind` separates the domains (an ID number and a name never collide).
 *
 * Keys: from the host (Electron: raw bytes over IPC, imported here as non-extractable keys and
 * the bytes zeroed; browser build: non-extractable CryptoKeys straight from its IndexedDB).
 * Where there is no host at all (unit tests in Node), keys are made for the process only.
 */
import { canonicalJson } from '@core/kernel';
import type { HostDataKeys } from '@core/host/contract';
import { getHost } from '../platform/host';

export interface DataKeys {
  encryption: CryptoKey;
  index: CryptoKey;
}

/** A sealed value as stored: format 1, the IV and AES-GCM's ciphertext + tag. */
export interface SealedValue {
  v: 1;
  iv: Uint8Array;
  ct: Uint8Array;
}

type KeySource = () => Promise<HostDataKeys>;

async function processOnlyKeys(): Promise<HostDataKeys> {
  return {
    kind: 'cryptoKey',
    encryption: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    index: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  };
}

async function defaultSource(): Promise<HostDataKeys> {
  if (typeof window === 'undefined') return processOnlyKeys();
  return getHost().dataKeys();
}

let source: KeySource = defaultSource;
let keys: Promise<DataKeys> | null = null;

/** Tests: another key source (and forget the keys loaded so far). */
export function setDataKeySource(s: KeySource | null): void {
  source = s ?? defaultSource;
  keys = null;
  indexCache.clear();
}

async function importKeys(k: HostDataKeys): Promise<DataKeys> {
  if (k.kind === 'cryptoKey') return { encryption: k.encryption, index: k.index };
  try {
    return {
      encryption: await crypto.subtle.importKey('raw', k.encryption as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
      index: await crypto.subtle.importKey('raw', k.index as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    };
  } finally {
    k.encryption.fill(0);
    k.index.fill(0);
  }
}

export function dataKeys(): Promise<DataKeys> {
  keys ??= source()
    .then(importKeys)
    .catch((e: unknown) => {
      keys = null;
      throw e;
    });
  return keys;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export async function sealJson(value: unknown, aad: string): Promise<SealedValue> {
  const k = await dataKeys();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, k.encryption, enc.encode(JSON.stringify(value)));
  return { v: 1, iv, ct: new Uint8Array(ct) };
}

export function isSealedValue(x: unknown): x is SealedValue {
  const s = x as SealedValue | null;
  return typeof s === 'object' && s !== null && s.v === 1 && s.iv instanceof Uint8Array && s.ct instanceof Uint8Array;
}

/** The value sealed by sealJson; throws when the key or the aad is not the one it was sealed with, or it was altered. */
export async function openJson<T>(s: SealedValue, aad: string): Promise<T> {
  const k = await dataKeys();
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv as BufferSource, additionalData: enc.encode(aad) }, k.encryption, s.ct as BufferSource);
  return JSON.parse(dec.decode(pt)) as T;
}

/** Bytes (a PDF copy) sealed as they are, without a JSON detour; the same format as sealJson. */
export async function sealBytes(bytes: Uint8Array, aad: string): Promise<SealedValue> {
  const k = await dataKeys();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, k.encryption, bytes as BufferSource);
  return { v: 1, iv, ct: new Uint8Array(ct) };
}

export async function openBytes(s: SealedValue, aad: string): Promise<Uint8Array> {
  const k = await dataKeys();
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv as BufferSource, additionalData: enc.encode(aad) }, k.encryption, s.ct as BufferSource));
}

export type BlindIndexKind = 'id' | 'name';

// Many cases share a name (and a returning applicant an ID): a small cache saves HMACs when a list is filled.
const indexCache = new Map<string, string>();
const INDEX_CACHE_MAX = 5000;

function hex(buf: ArrayBuffer, bytes: number): string {
  const b = new Uint8Array(buf, 0, bytes);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

/**
 * Blind indexes of many texts at once, bypassing the cache (a 失信 list import: hundreds of
 * thousands of distinct ID numbers that would only churn it). Same values as blindIndex.
 */
export async function blindIndexes(kind: BlindIndexKind, texts: readonly string[]): Promise<string[]> {
  const k = await dataKeys();
  return Promise.all(texts.map(async (t) => hex(await crypto.subtle.sign('HMAC', k.index, enc.encode(`onewindow/bi/v1/${kind}/${t}`)), 16)));
}

/** The keyed blind index of `text` (already normalised by the caller). */
export async function blindIndex(kind: BlindIndexKind, text: string): Promise<string> {
  const msg = `onewindow/bi/v1/${kind}/${text}`;
  const hit = indexCache.get(msg);
  if (hit !== undefined) return hit;
  const k = await dataKeys();
  const out = hex(await crypto.subtle.sign('HMAC', k.index, enc.encode(msg)), 16);
  if (indexCache.size >= INDEX_CACHE_MAX) indexCache.clear();
  indexCache.set(msg, out);
  return out;
}

/**
 * An authentication tag (HMAC-SHA-256 with the host's second key, full 256 bits, hex) over a
 * record's JSON, for records whose integrity matters more than their secrecy: the signed-in
 * session (its role), the accounts (role, password hash, lockout count), the 容缺 approvers.
 * Editing such a record in IndexedDB without the key leaves a tag that no longer matches.
 * `domain` separates the kinds (a session's tag never passes as an account's).
 * The value is written as canonical JSON (core/kernel), so a tag does not depend on key order.
 */
export async function authTag(domain: string, value: unknown): Promise<string> {
  const k = await dataKeys();
  return hex(await crypto.subtle.sign('HMAC', k.index, enc.encode(`onewindow/mac/v1/${domain}/${canonicalJson(value)}`)), 32);
}

/** Whether `tag` is the authentication tag of `value` (compared in constant time). */
export async function authTagMatches(domain: string, value: unknown, tag: unknown): Promise<boolean> {
  if (typeof tag !== 'string') return false;
  const want = await authTag(domain, value);
  if (want.length !== tag.length) return false;
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ tag.charCodeAt(i);
  return diff === 0;
}
