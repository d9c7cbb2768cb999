/**
 * An imported PDF, page by page, as images (pdfjs-dist, loaded only when a PDF is imported;
 * its parser runs in its own worker). Each page is rendered so its long side is about 1754 px
 * (A4 at 150 dpi) and handed to the compressor like a camera frame.
 */
const LONG_SIDE = 1754;

export interface PdfPages {
  count: number;
  /** Page n (1-based) as a bitmap. */
  render(n: number): Promise<ImageBitmap>;
  close(): Promise<void>;
}

/** Opens a PDF; throws (name 'UnreadableImage') when it is damaged, encrypted or not a PDF. */
export async function openPdf(bytes: Uint8Array): Promise<PdfPages> {
  const pdfjs = await import('pdfjs-dist');
  const workerUrl = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default;
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const task = pdfjs.getDocument({ data: bytes.slice() });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    void task.destroy();
    throw Object.assign(new Error(`unreadable PDF: ${e instanceof Error ? e.name : 'error'}`), { name: 'UnreadableImage' });
  }
  return {
    count: doc.numPages,
    async render(n) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: LONG_SIDE / Math.max(base.width, base.height) });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx, canvas, viewport }).promise;
      page.cleanup();
      const bmp = await createImageBitmap(canvas);
      canvas.width = canvas.height = 0;
      return bmp;
    },
    close: () => task.destroy(),
  };
}
