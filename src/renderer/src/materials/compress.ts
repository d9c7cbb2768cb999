/** The page compressor's client: one worker for the app, a promise per page. */
import type { CompressRequest, CompressResponse, CropRect } from './compress-types';

export type { CropRect };
export type Compressed = Extract<CompressResponse, { ok: true }>;

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, { resolve: (r: Compressed) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<CompressResponse>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if (e.data.ok) w.resolve(e.data);
    else w.reject(Object.assign(new Error(`compress failed: ${e.data.error}`), { name: e.data.error === 'InvalidStateError' || e.data.error === 'EncodingError' ? 'UnreadableImage' : e.data.error }));
  };
  worker.onerror = () => {
    for (const w of waiting.values()) w.reject(new Error('compressor stopped'));
    waiting.clear();
    worker = null;
  };
  return worker;
}

type Options = { rotate?: number; crop?: CropRect; originalSha256?: string };

type Unsent = CompressRequest extends infer T ? (T extends CompressRequest ? Omit<T, 'id'> : never) : never;

function post(req: Unsent, transfer: Transferable[]): Promise<Compressed> {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage({ ...req, id }, transfer);
  });
}

/** A camera frame (or a rendered PDF page): the bitmap is handed to the worker (not usable here after). */
export function compressFrame(bitmap: ImageBitmap, o: Options = {}): Promise<Compressed> {
  return post({ kind: 'frame', bitmap, rotate: o.rotate ?? 0, ...(o.crop ? { crop: o.crop } : {}), ...(o.originalSha256 ? { originalSha256: o.originalSha256 } : {}) }, [bitmap]);
}

/** An encoded image (an imported JPEG/PNG, or a stored page being turned or cropped). */
export function compressEncoded(bytes: Uint8Array, o: Options = {}): Promise<Compressed> {
  const copy = bytes.slice().buffer;
  return post({ kind: 'encoded', bytes: copy, rotate: o.rotate ?? 0, ...(o.crop ? { crop: o.crop } : {}), ...(o.originalSha256 ? { originalSha256: o.originalSha256 } : {}) }, [copy]);
}
