/** Messages between the page compressor (compress.worker.ts) and its client (compress.ts). */

/** A crop rectangle as fractions of the image (0..1), before turning. */
export interface CropRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Common {
  id: number;
  /** Quarter turns clockwise, in degrees: 0, 90, 180, 270. */
  rotate: number;
  crop?: CropRect;
  /** Keep this original's hash (an edit of a stored page, a page of a PDF). */
  originalSha256?: string;
}

export type CompressRequest = (Common & { kind: 'frame'; bitmap: ImageBitmap }) | (Common & { kind: 'encoded'; bytes: ArrayBuffer });

export type CompressResponse =
  | { ok: true; id: number; bytes: ArrayBuffer; sha256: string; originalSha256: string; width: number; height: number; mime: 'image/jpeg' }
  | { ok: false; id: number; error: string };
