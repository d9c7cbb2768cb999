/**
 * Which received materials must have pages before a case can be accepted, and the limits on
 * what may be taken in (材料电子化). Pure: the workstation's settings pass the centre's choice.
 *
 * The scan policy ("received materials must be scanned before acceptance"):
 * - `off`: pages are welcome, never required;
 * - `scanOrElectronic`: a received line whose catalog forms include `scan` or `electronic`
 *   (the departments expect an electronic copy) must have at least one page;
 * - `all`: every received line must have at least one page.
 * A line fetched by data sharing (调取) never needs pages: the registry holds it.
 */
import type { ChecklistMaterial } from '../intake/checklist';
import type { MaterialState } from '../intake/case';
import type { PageLimits, PageRef } from './page';
import { DEFAULT_PAGE_LIMITS } from './page';

export const SCAN_POLICIES = ['off', 'scanOrElectronic', 'all'] as const;
export type ScanPolicy = (typeof SCAN_POLICIES)[number];
export const DEFAULT_SCAN_POLICY: ScanPolicy = 'off';

const RECEIVED = new Set(['receivedOriginal', 'receivedCopy', 'originalCheckedCopyKept']);

/** Whether this line, received, must have pages under the policy. */
export function lineNeedsPages(line: Pick<ChecklistMaterial, 'forms'>, policy: ScanPolicy): boolean {
  if (policy === 'all') return true;
  if (policy === 'scanOrElectronic') return line.forms.includes('scan') || line.forms.includes('electronic');
  return false;
}

/** The received lines the policy requires pages for that have none, in checklist order. */
export function linesLackingPages(
  lines: readonly ChecklistMaterial[],
  states: Readonly<Record<string, MaterialState>>,
  pages: Readonly<Record<string, readonly PageRef[]>> | undefined,
  policy: ScanPolicy,
): ChecklistMaterial[] {
  if (policy === 'off') return [];
  return lines.filter((l) => RECEIVED.has(states[l.key]?.status ?? 'pending') && lineNeedsPages(l, policy) && (pages?.[l.key]?.length ?? 0) === 0);
}

/** Page counts per line, for the notices (keys with no page are left out). */
export function pageCounts(pages: Readonly<Record<string, readonly PageRef[]>> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(pages ?? {})) if (v.length > 0) out[k] = v.length;
  return out;
}

export function totalPageBytes(pages: Readonly<Record<string, readonly PageRef[]>> | undefined): number {
  let n = 0;
  for (const v of Object.values(pages ?? {})) for (const p of v) n += p.bytes;
  return n;
}

/** Why something offered for import is refused, before anything changes. */
export type ImportRefusal =
  | { code: 'unsupportedType'; name: string }
  | { code: 'fileTooLarge'; name: string; bytes: number; max: number }
  | { code: 'tooManyPages'; count: number; max: number }
  | { code: 'caseTooLarge'; bytes: number; max: number }
  | { code: 'unreadable'; name: string };

export type ImportKind = 'jpeg' | 'png' | 'pdf';

/**
 * The kind of an offered file by its first bytes (never by its name alone: a renamed file is
 * what it is), or null when it is none of JPEG, PNG, PDF.
 */
export function sniffImportKind(head: Uint8Array): ImportKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'png';
  // %PDF- within the first 1024 bytes (the specification allows leading junk)
  const n = Math.min(head.length, 1024);
  for (let i = 0; i + 4 < n; i++) if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return 'pdf';
  return null;
}

/** A file offered for import, checked against the limits before it is read any further. */
export function checkImportFile(file: { name: string; bytes: number; head: Uint8Array }, limits: PageLimits): { ok: true; kind: ImportKind } | { ok: false; refusal: ImportRefusal } {
  if (file.bytes > limits.maxFileBytes) return { ok: false, refusal: { code: 'fileTooLarge', name: file.name, bytes: file.bytes, max: limits.maxFileBytes } };
  const kind = sniffImportKind(file.head);
  if (!kind) return { ok: false, refusal: { code: 'unsupportedType', name: file.name } };
  return { ok: true, kind };
}

/** New pages for a line, checked against the line's page count and the case's total. */
export function checkAddPages(
  existing: Readonly<Record<string, readonly PageRef[]>> | undefined,
  key: string,
  added: { count: number; bytes: number },
  limits: PageLimits,
): { ok: true } | { ok: false; refusal: ImportRefusal } {
  const count = (existing?.[key]?.length ?? 0) + added.count;
  if (count > limits.maxPagesPerMaterial) return { ok: false, refusal: { code: 'tooManyPages', count, max: limits.maxPagesPerMaterial } };
  const bytes = totalPageBytes(existing) + added.bytes;
  if (bytes > limits.maxCaseBytes) return { ok: false, refusal: { code: 'caseTooLarge', bytes, max: limits.maxCaseBytes } };
  return { ok: true };
}

/** Limits as a centre set them, each clamped to something sane (a hand-edited setting never breaks intake). */
export function normalizeLimits(x: Partial<PageLimits> | undefined): PageLimits {
  const pick = (v: unknown, d: number, lo: number, hi: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : d);
  return {
    maxFileBytes: pick(x?.maxFileBytes, DEFAULT_PAGE_LIMITS.maxFileBytes, 1024 * 1024, 200 * 1024 * 1024),
    maxCaseBytes: pick(x?.maxCaseBytes, DEFAULT_PAGE_LIMITS.maxCaseBytes, 1024 * 1024, 2048 * 1024 * 1024),
    maxPagesPerMaterial: pick(x?.maxPagesPerMaterial, DEFAULT_PAGE_LIMITS.maxPagesPerMaterial, 1, 200),
  };
}

export function refusalMessage(r: ImportRefusal, locale: 'zh-CN' | 'en-US'): string {
  const zh = locale === 'zh-CN';
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  switch (r.code) {
    case 'unsupportedType':
      return zh ? `「${r.name}」不是 JPEG、PNG 或 PDF 文件，未导入。` : `“${r.name}” is not a JPEG, PNG or PDF file; nothing was imported.`;
    case 'fileTooLarge':
      return zh ? `「${r.name}」有 ${mb(r.bytes)}，超过单个文件上限 ${mb(r.max)}，未导入。` : `“${r.name}” is ${mb(r.bytes)}, over the ${mb(r.max)} limit for one file; nothing was imported.`;
    case 'tooManyPages':
      return zh ? `该材料将有 ${r.count} 页，超过每项材料 ${r.max} 页的上限，未导入。` : `This material would have ${r.count} pages, over the limit of ${r.max}; nothing was imported.`;
    case 'caseTooLarge':
      return zh ? `本件材料将达 ${mb(r.bytes)}，超过每件 ${mb(r.max)} 的上限，未导入。` : `This case's pages would reach ${mb(r.bytes)}, over the ${mb(r.max)} limit; nothing was imported.`;
    case 'unreadable':
      return zh ? `「${r.name}」已损坏或无法读取，未导入。` : `“${r.name}” is damaged or cannot be read; nothing was imported.`;
  }
}
