/**
 * Secrets (sign-in passwords, the 容缺 approval PIN) are never stored: only a PBKDF2-SHA256
 * hash (Web Crypto) with a random per-record salt and the iteration count used.
 *
 * The count follows OWASP's current figure for PBKDF2-HMAC-SHA256 (600,000). Each hash keeps the
 * count it was made with, so older hashes (100,000 before) still verify and are made again at
 * the current count at the next successful sign-in (`needsRehash`).
 */
export const PBKDF2_ITERATIONS = 600_000;

/** Whether a stored hash was made with fewer iterations than today's. */
export function needsRehash(stored: Pick<SecretHash, 'iterations'>): boolean {
  return stored.iterations < PBKDF2_ITERATIONS;
}

import type { SecretHash } from '../store/records';
export type { SecretHash };

export const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
export const unb64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

export async function pbkdf2(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashSecret(secret: string, iterations: number = PBKDF2_ITERATIONS): Promise<SecretHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: b64(salt), hash: b64(await pbkdf2(secret, salt, iterations)), iterations };
}

/**
 * Whether `secret` matches the stored hash (constant-time comparison). With no record it hashes
 * anyway, so an unknown ID takes as long as a wrong secret, and answers false.
 */
export async function verifySecret(secret: string, stored: SecretHash | null | undefined): Promise<boolean> {
  const salt = stored ? unb64(stored.salt) : new Uint8Array(16);
  const got = await pbkdf2(secret, salt, stored?.iterations ?? PBKDF2_ITERATIONS);
  if (!stored) return false;
  const want = unb64(stored.hash);
  if (want.length !== got.length) return false;
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want[i]! ^ got[i]!;
  return diff === 0;
}
