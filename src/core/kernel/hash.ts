/**
 * The one SHA-256 of OneWindow, synchronous and without any platform API: @noble/hashes
 * (audited, dependency-free). Everything hashes with it — the content hash of a case (the sync
 * protocol's `contentHash`, which links a case revision to the version it replaces), the audit
 * chains' entry hashes on the workstation and the service, hand-out and rating hashes, the
 * catalog's content hash, the service's stored token digests. One implementation means no two
 * parts can disagree about a hash; hash.test.ts checks it against the FIPS examples and
 * node:crypto.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Bytes(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/** SHA-256 of bytes, hex. */
export function sha256Bytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of a string's UTF-8 bytes, hex. */
export function sha256Hex(text: string): string {
  return sha256Bytes(utf8ToBytes(text));
}

/** The protocol's content hash of a case (or any JSON value): SHA-256 of canonicalJson. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** An incremental SHA-256, for bytes that arrive in chunks (an upload as it streams in). */
export interface Sha256Stream {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

export function sha256Stream(): Sha256Stream {
  const h = sha256.create();
  return {
    update: (chunk) => void h.update(chunk),
    digestHex: () => bytesToHex(h.digest()),
  };
}
