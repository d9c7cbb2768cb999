/**
 * The browser implementation of the host contract: the same renderer runs in
 * plain Chromium (the web build and our end-to-end tests) with these.
 */
import type { HostDataKeys, OneWindowHost, OpenedTextFile, OpenTextFileRequest, PrintRequest, SaveTextFileRequest } from '@core/host/contract';

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

/** Where the browser build keeps its data keys: a database of its own, apart from the cases. */
export const KEY_DB_NAME = 'onewindow-keys';
const KEY_STORE = 'keys';
const KEY_ID = 'data-v1';

interface StoredKeys {
  encryption: CryptoKey;
  index: CryptoKey;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('indexeddb'));
  });
}

function openKeyDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(KEY_DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(KEY_STORE);
  return request(open);
}

/**
 * Non-extractable AES-GCM and HMAC keys, made once and kept in IndexedDB (structured clone
 * keeps a CryptoKey non-extractable: the page can use the keys, never read them). Two tabs
 * making keys at once: `add` lets one win, the other reads the winner's.
 */
async function loadOrCreateKeys(): Promise<StoredKeys> {
  const db = await openKeyDb();
  try {
    const existing = (await request(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID))) as StoredKeys | undefined;
    if (existing) return existing;
    const made: StoredKeys = {
      encryption: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      index: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
    };
    try {
      await request(db.transaction(KEY_STORE, 'readwrite').objectStore(KEY_STORE).add(made, KEY_ID));
      return made;
    } catch {
      const winner = (await request(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID))) as StoredKeys | undefined;
      if (!winner) throw new Error('data-keys');
      return winner;
    }
  } finally {
    db.close();
  }
}

export function createBrowserHost(appVersion: string): OneWindowHost {
  let keys: Promise<StoredKeys> | null = null;
  return {
    async dataKeys(): Promise<HostDataKeys> {
      keys ??= loadOrCreateKeys().catch((e: unknown) => {
        keys = null;
        throw e;
      });
      const k = await keys;
      return { kind: 'cryptoKey', encryption: k.encryption, index: k.index };
    },
    async info() {
      return { kind: 'browser', appVersion, platform: navigator.platform || 'web', keyProtection: { state: 'browser' } };
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
