/**
 * Clean-up of identity numbers as clerks type or paste them: full-width forms
 * (１１０１０５…Ｘ from a Chinese IME) become ASCII, every kind of whitespace —
 * also inside, as in "110105 19491231 002X" — and zero-width characters from
 * copy-paste are removed, letters are upper-cased.
 */

const FULL_WIDTH_START = 0xff01; // ！
const FULL_WIDTH_END = 0xff5e; // ～
const FULL_TO_HALF = 0xfee0;

/** Whitespace (incl. U+3000 ideographic space, NBSP) and zero-width / BOM characters. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END ? String.fromCodePoint(cp - FULL_TO_HALF) : ch;
  }
  return out;
}

export function normalizeIdentityInput(s: string): string {
  return toHalfWidth(String(s ?? '')).replace(INVISIBLE, '').toUpperCase();
}
