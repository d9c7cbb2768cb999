/**
 * The shape every catalog problem comes back in — JSON syntax, structure (zod) and
 * data quality alike — so the import screen can list them uniformly as `path: message`.
 */
import type { Localized } from '../i18n';

export type IssueSeverity = 'error' | 'warning';

export interface CatalogIssue {
  /** Where, e.g. `items[3].materials[2].necessity`; '' = the whole file. */
  path: string;
  /** Stable machine code, e.g. `ref.department`, `json.syntax`, `schema.invalid_type`. */
  code: string;
  /** 'error' blocks the import; 'warning' is shown but does not block. */
  severity: IssueSeverity;
  message: Localized;
  /** Only for JSON syntax errors: where in the text (1-based line/column, 0-based offset). */
  position?: { line: number; column: number; offset: number };
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path like JavaScript property access:
 * `['items', 3, 'materials', 2, 'necessity']` → `items[3].materials[2].necessity`.
 * Keys that are not identifiers are quoted: `['a b']` → `["a b"]`. `[]` → ''.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function makeIssue(
  severity: IssueSeverity,
  code: string,
  path: readonly PathSegment[] | string,
  zh: string,
  en: string,
): CatalogIssue {
  return {
    path: typeof path === 'string' ? path : formatPath(path),
    code,
    severity,
    message: { 'zh-CN': zh, 'en-US': en },
  };
}

/** A value quoted for a message, shortened when long: `"XYZ"`. */
export function quote(value: unknown, max = 60): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return `"${s}"`;
}

export const isError = (i: CatalogIssue): boolean => i.severity === 'error';
export const isWarning = (i: CatalogIssue): boolean => i.severity === 'warning';
