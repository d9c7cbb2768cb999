/**
 * The page compressor, off the main thread so typing never waits: a camera frame or an imported
 * image in; the page cropped, turned and scaled to a readable A4 (long side ≤ 1754 px, 150 dpi)
 * and encoded as JPEG out, with the SHA-256 of what came in and of what is stored (WebCrypto).
 * Quality steps down until the page is at most ~300 KB (a dense page) — most land at 150–300 KB.
 */
import type { CompressRequest, CompressResponse } from './compress-types';
import { pageSha256 as sha256Hex } from './digest';

const MAX_LONG_SIDE = 1754;
const TARGET_BYTES = 300 * 1024;
const QUALITIES = [0.82, 0.72, 0.62, 0.52];


/** One canvas kept for reading a frame's pixels (a new 1920×1080 canvas each page costs more than its reuse). */
let reader: OffscreenCanvas | null = null;
function scratch(w: number, h: number): OffscreenCanvas {
  if (!reader) reader = new OffscreenCanvas(w, h);
  if (reader.width !== w || reader.height !== h) {
    reader.width = w;
    reader.height = h;
  }
  return reader;
}

async function compress(req: CompressRequest): Promise<CompressResponse> {
  let bitmap: ImageBitmap;
  let originalSha256: string;
  if (req.kind === 'encoded') {
    originalSha256 = req.originalSha256 ?? (await sha256Hex(req.bytes));
    bitmap = await createImageBitmap(new Blob([req.bytes]));
  } else {
    bitmap = req.bitmap;
    if (req.originalSha256) originalSha256 = req.originalSha256;
    else {
      // what the camera produced: the frame's pixels as captured
      const c = scratch(bitmap.width, bitmap.height);
      const g = c.getContext('2d', { willReadFrequently: true })!;
      g.drawImage(bitmap, 0, 0);
      originalSha256 = await sha256Hex(g.getImageData(0, 0, bitmap.width, bitmap.height).data);
    }
  }
  const crop = req.crop ?? { x: 0, y: 0, w: 1, h: 1 };
  const sx = Math.round(crop.x * bitmap.width);
  const sy = Math.round(crop.y * bitmap.height);
  const sw = Math.max(1, Math.round(crop.w * bitmap.width));
  const sh = Math.max(1, Math.round(crop.h * bitmap.height));
  const scale = Math.min(1, MAX_LONG_SIDE / Math.max(sw, sh));
  const dw = Math.max(1, Math.round(sw * scale));
  const dh = Math.max(1, Math.round(sh * scale));
  const quarter = ((req.rotate % 360) + 360) % 360;
  const turned = quarter === 90 || quarter === 270;
  const canvas = new OffscreenCanvas(turned ? dh : dw, turned ? dw : dh);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff'; // a transparent PNG becomes a white page, not a black one
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.translate(canvas.width / 2, canvas.height / 2);
  g.rotate((quarter * Math.PI) / 180);
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, sx, sy, sw, sh, -dw / 2, -dh / 2, dw, dh);
  bitmap.close();
  let blob: Blob | null = null;
  for (const quality of QUALITIES) {
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (blob.size <= TARGET_BYTES) break;
  }
  const bytes = await blob!.arrayBuffer();
  return { ok: true, id: req.id, bytes, sha256: await sha256Hex(bytes), originalSha256, width: canvas.width, height: canvas.height, mime: 'image/jpeg' };
}

self.onmessage = (e: MessageEvent<CompressRequest>) => {
  const req = e.data;
  compress(req).then(
    (r) => (self as unknown as Worker).postMessage(r, [r.ok ? r.bytes : new ArrayBuffer(0)]),
    (err: unknown) => (self as unknown as Worker).postMessage({ ok: false, id: req.id, error: err instanceof Error ? err.name : 'error' } satisfies CompressResponse),
  );
};
