/**
 * The browser implementation of the host contract: the same renderer runs in
 * plain Chromium (the web build and our end-to-end tests) with these.
 */
import type { OneWindowHost, OpenedTextFile, OpenTextFileRequest, PrintRequest, SaveTextFileRequest } from '@core/host/contract';

const MAX_OPEN_BYTES = 20 * 1024 * 1024;

function pickFile(req: OpenTextFileRequest): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = req.extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.setAttribute('data-testid', 'host-file-input');
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}

export function createBrowserHost(appVersion: string): OneWindowHost {
  return {
    async info() {
      return { kind: 'browser', appVersion, platform: navigator.platform || 'web' };
    },
    async openTextFile(req: OpenTextFileRequest): Promise<OpenedTextFile | null> {
      const file = await pickFile(req);
      if (!file) return null;
      if (file.size > MAX_OPEN_BYTES) throw new Error('file-too-large');
      return { name: file.name, text: await file.text() };
    },
    async saveTextFile(req: SaveTextFileRequest): Promise<boolean> {
      const blob = new Blob([req.text], { type: req.mimeType ?? 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = req.suggestedName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    async print(_req: PrintRequest) {
      window.print();
    },
    async printToPdf(_req: PrintRequest) {
      return null; // a browser cannot hand us a PDF; the print dialog can save one
    },
  };
}
