/**
 * Bench hooks of 材料电子化 (only in a build with ONEWINDOW_BENCH_HOOKS=1, opened with ?bench=1):
 * capture-to-stored for a 1920×1080 frame, the app's own path — the frame grabbed as a bitmap,
 * compressed in the worker, SHA-256s, sealed and written to IndexedDB.
 */
import { compressFrame } from './compress';
import { storePage } from './materials-store';

declare global {
  interface Window {
    __oneWindowMaterialsBench?: { captureToStored(n: number): Promise<{ ms: number[]; bytes: number[] }> };
  }
}

/** A 1920×1080 frame like a document camera's: a page of text on a grey desk. */
function frame(i: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 1920;
  c.height = 1080;
  const g = c.getContext('2d')!;
  g.fillStyle = '#6b6f75';
  g.fillRect(0, 0, 1920, 1080);
  g.fillStyle = '#fbfaf5';
  g.fillRect(580, 20, 760, 1040);
  g.fillStyle = '#222';
  g.font = 'bold 34px sans-serif';
  g.fillText(`营业执照申请书 第 ${i + 1} 页`, 700, 90);
  g.font = '20px sans-serif';
  for (let l = 0; l < 36; l++) g.fillText(`${l + 1}. 申请人声明：本人所填内容真实有效，如有虚假愿承担法律责任 ${i}-${l}`, 610, 140 + l * 25);
  return c;
}

export function registerMaterialsBenchHooks(): void {
  window.__oneWindowMaterialsBench = {
    async captureToStored(n) {
      const caseId = crypto.randomUUID();
      const ms: number[] = [];
      const bytes: number[] = [];
      for (let i = 0; i < n; i++) {
        const canvas = frame(i);
        const t0 = performance.now();
        const comp = await compressFrame(await createImageBitmap(canvas));
        const ref = await storePage(caseId, comp, { source: 'camera', by: 'BENCH', at: new Date().toISOString() });
        ms.push(performance.now() - t0);
        bytes.push(ref.bytes);
      }
      return { ms, bytes };
    },
  };
}
