/**
 * A page of a material taken in at the window (材料电子化): a scan from the document camera
 * (高拍仪) or an imported file, compressed on the workstation and stored by its content.
 *
 * The case records a reference per page, keyed by the checklist line it proves
 * (`IntakeCase.materialPages[materialKey]`), so the case's content hash covers every page:
 * change a byte of a page and the case is a different case. The bytes themselves travel
 * separately (resumable upload, content-addressed by `sha256`), never inside the case.
 */
import { z } from 'zod';
import { IsoDateTime } from '../intake/time';

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in lower-case hex');

/** What the workstation stores and sends: always an image; a PDF is split into its pages. */
export const PageMime = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type PageMime = z.infer<typeof PageMime>;

export const PageSource = z.enum(['camera', 'file']); // 高拍仪 / 文件导入
export type PageSource = z.infer<typeof PageSource>;

export const PageRef = z.object({
  /** SHA-256 of the stored (compressed) bytes: the page's address on the workstation and the service. */
  sha256: Sha256Hex,
  /** SHA-256 of what the camera or the file produced, before compression. */
  originalSha256: Sha256Hex,
  mime: PageMime,
  bytes: z.number().int().positive(),
  width: z.number().int().positive().max(20000),
  height: z.number().int().positive().max(20000),
  source: PageSource,
  /** For a page of an imported PDF: the page number in that file (1-based). */
  sourcePage: z.number().int().positive().optional(),
  capturedAt: IsoDateTime,
  /** clerkId of who captured or imported it. */
  by: z.string().trim().min(1).max(64),
});
export type PageRef = z.infer<typeof PageRef>;

/** Pages of one checklist line, in reading order. */
export const MaterialPages = z.array(PageRef).max(200);
export type MaterialPages = z.infer<typeof MaterialPages>;

/** Limits a centre may change (settings); these are the defaults. */
export const DEFAULT_PAGE_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024, // one imported file
  maxCaseBytes: 200 * 1024 * 1024, // all pages of one case, as stored
  maxPagesPerMaterial: 200,
} as const;
export type PageLimits = { maxFileBytes: number; maxCaseBytes: number; maxPagesPerMaterial: number };
