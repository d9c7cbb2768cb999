import { normalizeIdentityInput } from './normalize';

/**
 * Masks an identity number for display and logs: the first 6 and last 4
 * characters stay visible ('110105********002X'). The input is normalised first
 * (spaces, full-width, case). Strings of 10 characters or fewer are masked
 * completely, so a short or truncated input never shows in full.
 */
export function maskIdNumber(s: string): string {
  const n = normalizeIdentityInput(s);
  if (n.length <= 10) return '*'.repeat(n.length);
  return `${n.slice(0, 6)}${'*'.repeat(n.length - 10)}${n.slice(-4)}`;
}
