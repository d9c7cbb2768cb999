/**
 * Core's SHA-256, synchronous and without any platform API: @noble/hashes (audited,
 * dependency-free), the one implementation the domain uses — the content hash of a case (the
 * sync protocol's `contentHash`, which links a case revision to the version it replaces) and
 * the audit chain's entry hashes (quality/audit.ts). The service hashes the same bytes with
 * node:crypto for speed, the workstation's push with WebCrypto; tests check that they agree.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../sync/protocol';

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
