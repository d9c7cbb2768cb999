/**
 * Text that may be stored, printed and sent to a department: the rules every free-text field
 * of a case (and of its revisions, hand-outs, ratings and audit entries) shares.
 *
 * - No control characters (NUL and friends break PostgreSQL's jsonb, terminals and printed
 *   notices); a multi-line text (a comment, a reason) keeps its line breaks and tabs.
 * - No bidirectional overrides (U+202A–U+202E, U+2066–U+2069): they make a name read
 *   differently from what is stored.
 * - No lone UTF-16 surrogates: they are not text and are refused by PostgreSQL and by UTF-8.
 * - At least one visible character: a name of zero-width spaces is empty to whoever reads it.
 * - A length cap on every field (a 4.5 MB name is not a name).
 *
 * `textProblem` says what is wrong (or null); `safeText` is the zod schema; `textProblemMessage`
 * the clerk's words in both languages. Nesting depth of raw JSON is bounded here too
 * (`jsonDepthExceeds`), iteratively, so nothing recursive ever sees a hostile document.
 */
import { z } from 'zod';
import type { Locale } from './i18n';

/** A short single-line field (a name, a code, a key) when no other cap is given. */
export const MAX_TEXT_LENGTH = 500;
/** A multi-line field (a comment, a reason) when no other cap is given. */
export const MAX_LONG_TEXT_LENGTH = 2000;

export type TextProblem = 'control' | 'bidi' | 'surrogate' | 'invisible' | 'tooLong';

// C0 controls and DEL and C1 controls; line breaks and tabs are allowed where multi-line.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// What renders as nothing: white space, format characters (zero-width space/joiners, BOM, soft
// hyphen …) and the blank "letters" (Hangul fillers, braille blank) used to fake a non-empty name.
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

export interface TextRules {
  /** Maximum length in UTF-16 code units (as String.length). */
  max?: number;
  /** Line breaks and tabs allowed (comments, reasons). */
  multiline?: boolean;
}

/** What is wrong with `s` as stored text, or null. An empty string is not judged here (required-ness is the field's). */
export function textProblem(s: string, rules: TextRules = {}): TextProblem | null {
  const max = rules.max ?? (rules.multiline ? MAX_LONG_TEXT_LENGTH : MAX_TEXT_LENGTH);
  if (s.length > max) return 'tooLong';
  if ((rules.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(s)) return 'control';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  if (BIDI.test(s)) return 'bidi';
  if (s !== '' && s.replace(INVISIBLE, '') === '') return 'invisible';
  return null;
}

const MESSAGES: Record<Locale, (p: TextProblem, max: number) => string> = {
  'zh-CN': (p, max) =>
    ({
      control: '含有不可见的控制字符，请删除后重新输入。',
      bidi: '含有改变文字方向的隐藏字符，请删除后重新输入。',
      surrogate: '含有无法识别的字符，请删除后重新输入。',
      invisible: '只有空白或不可见字符，请填写实际内容。',
      tooLong: `不能超过 ${max} 个字符。`,
    })[p],
  'en-US': (p, max) =>
    ({
      control: 'Contains invisible control characters: delete them and type it again.',
      bidi: 'Contains hidden characters that change the direction of the text: delete them and type it again.',
      surrogate: 'Contains a character that cannot be read: delete it and type it again.',
      invisible: 'Contains only blank or invisible characters: enter the actual text.',
      tooLong: `Must not exceed ${max} characters.`,
    })[p],
};

/** The clerk's words for a text problem, optionally naming the field (`申请人姓名含有…`). */
export function textProblemMessage(p: TextProblem, locale: Locale, rules: TextRules = {}, field?: string): string {
  const max = rules.max ?? (rules.multiline ? MAX_LONG_TEXT_LENGTH : MAX_TEXT_LENGTH);
  const m = MESSAGES[locale](p, max);
  if (!field) return m;
  return locale === 'zh-CN' ? `${field}${m}` : `The ${field}: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

/**
 * A trimmed, non-empty string that passes `textProblem` (messages in English for the
 * service's answers; the issue carries `params.textProblem` for the UI to say it in the
 * clerk's language). `optionalEmpty`: an empty string is allowed (a reason that may be blank).
 */
export function safeText(rules: TextRules & { allowEmpty?: boolean } = {}) {
  const base = z.string().trim();
  const checked = rules.allowEmpty ? base : base.min(1);
  return checked.superRefine((s, ctx) => {
    const p = textProblem(s, rules);
    if (p) ctx.addIssue({ code: 'custom', message: textProblemMessage(p, 'en-US', rules), params: { textProblem: p } });
  });
}

/** Any string of a parsed document that could not be stored (a control character other than a line break, a lone surrogate): its path, or null. Iterative. */
export function findUnstorableString(value: unknown): (string | number)[] | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  const bad = (s: string) => CONTROL_EXCEPT_LINES.test(s) || LONE_SURROGATE.test(s);
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (bad(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (bad(k)) return [...path, k];
        stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return null;
}

// ---- nesting depth -----------------------------------------------------------------------

/** How deep any record of the protocol nests, with room to spare (an intake case nests 7 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * The path of the first value nested deeper than `limit` (a scalar at the top is depth 0, the
 * members of an object or array depth 1 …), or null when none is. Iterative: safe on a
 * document of any depth, and it stops at the first too-deep value.
 */
export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): (string | number)[] | null {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return path;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: path.length < limit ? [...path, i] : path });
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, depth: depth + 1, path: path.length < limit ? [...path, k] : path });
  }
  return null;
}
