/**
 * The host's real work: app info, open/save dialogs, printing.
 *
 * Electron's app, dialog and the sender's WebContents come in as small
 * interfaces (index.ts passes the real ones), so the tests run without Electron.
 * Errors are HostErrors with a code — never a message with a path in it.
 */
import path from 'node:path';
import type { z } from 'zod';
import type {
  HostDataKeys,
  HostInfo,
  KeyProtection,
  OpenedTextFile,
  OpenTextFileRequest,
  PrintRequest,
  SaveTextFileRequest,
} from '../core/host/contract';
import { HostError, type HostImpl } from './ipc';

export const MAX_OPEN_FILE_BYTES = 20 * 1024 * 1024;

export interface FileFilterLike {
  name: string;
  extensions: string[];
}

/** The parts of Electron's dialog module we use (the window argument is opaque). */
export interface DialogLike<TWindow> {
  showOpenDialog(
    window: TWindow,
    options: { title?: string; properties: ['openFile']; filters?: FileFilterLike[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: TWindow,
    options: {
      title?: string;
      defaultPath?: string;
      filters?: FileFilterLike[];
      properties?: ('showOverwriteConfirmation' | 'createDirectory')[];
    },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

/** The parts of WebContents used for printing. */
export interface PrintableContents {
  print(
    options: { silent?: boolean; printBackground?: boolean; pageSize?: 'A4' },
    callback?: (success: boolean, failureReason: string) => void,
  ): void;
  printToPDF(options: { pageSize?: 'A4'; printBackground?: boolean }): Promise<Uint8Array>;
}

export interface FsLike {
  stat(p: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(p: string): Promise<Uint8Array>;
  writeFile(p: string, data: string, encoding: 'utf8'): Promise<void>;
}

export interface HostImplDeps<TSender extends PrintableContents, TWindow> {
  appVersion: () => string;
  platform: string;
  dialog: DialogLike<TWindow>;
  fs: FsLike;
  /** The BrowserWindow that owns the sender, so dialogs are modal to it. */
  windowFor: (sender: TSender) => TWindow;
  maxOpenFileBytes?: number;
  /** How the data keys are protected (./data-keys.ts keyProtectionOf), for the health page. */
  keyProtection?: () => KeyProtection;
  /** The data keys (./data-keys.ts); without it the host has none to give. */
  dataKeys?: () => Promise<{ encryption: Uint8Array; index: Uint8Array }>;
}

/** Strict UTF-8 (a GBK file fails loudly instead of turning into mojibake); BOM dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HostError('NOT_UTF8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Save-dialog filter from the suggested file name's extension, if it has a sane one. */
export function saveFiltersFor(suggestedName: string): FileFilterLike[] | undefined {
  const ext = path.extname(suggestedName).slice(1).toLowerCase();
  if (!/^[a-z0-9]{1,10}$/.test(ext)) return undefined;
  return [{ name: ext.toUpperCase(), extensions: [ext] }];
}

/** Electron reports a user-cancelled print as a failure; that is not an error for us. */
export function isPrintCancel(failureReason: string): boolean {
  return /cancel/i.test(failureReason);
}

export function createHostImpl<TSender extends PrintableContents, TWindow>(
  deps: HostImplDeps<TSender, TWindow>,
): HostImpl<TSender> {
  const maxBytes = deps.maxOpenFileBytes ?? MAX_OPEN_FILE_BYTES;

  return {
    async info(): Promise<HostInfo> {
      return { kind: 'electron', appVersion: deps.appVersion(), platform: deps.platform, ...(deps.keyProtection ? { keyProtection: deps.keyProtection() } : {}) };
    },

    async openTextFile(req: OpenTextFileRequest, sender: TSender): Promise<OpenedTextFile | null> {
      const filters =
        req.extensions.length > 0 ? [{ name: req.extensions.join(', ').toUpperCase(), extensions: req.extensions }] : undefined;
      const result = await deps.dialog.showOpenDialog(deps.windowFor(sender), {
        title: req.title,
        properties: ['openFile'],
        ...(filters ? { filters } : {}),
      });
      const filePath = result.filePaths[0];
      if (result.canceled || !filePath) return null;

      let bytes: Uint8Array;
      try {
        const st = await deps.fs.stat(filePath);
        if (!st.isFile()) throw new HostError('FILE_READ_FAILED');
        if (st.size > maxBytes) throw new HostError('FILE_TOO_LARGE');
        bytes = await deps.fs.readFile(filePath);
      } catch (err) {
        throw err instanceof HostError ? err : new HostError('FILE_READ_FAILED');
      }
      // The file may have grown between stat and read.
      if (bytes.byteLength > maxBytes) throw new HostError('FILE_TOO_LARGE');
      return { name: path.basename(filePath), text: decodeUtf8(bytes) };
    },

    async saveTextFile(req: z.output<typeof SaveTextFileRequest>, sender: TSender): Promise<boolean> {
      const filters = saveFiltersFor(req.suggestedName);
      const result = await deps.dialog.showSaveDialog(deps.windowFor(sender), {
        defaultPath: req.suggestedName,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
        ...(filters ? { filters } : {}),
      });
      if (result.canceled || !result.filePath) return false;
      try {
        await deps.fs.writeFile(result.filePath, req.text, 'utf8');
      } catch {
        throw new HostError('FILE_WRITE_FAILED');
      }
      return true;
    },

    print(_req: PrintRequest, sender: TSender): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        try {
          sender.print({ silent: false, printBackground: true, pageSize: 'A4' }, (success, failureReason) => {
            if (success || isPrintCancel(failureReason ?? '')) resolve();
            else reject(new HostError('PRINT_FAILED'));
          });
        } catch {
          reject(new HostError('PRINT_FAILED'));
        }
      });
    },

    async printToPdf(_req: PrintRequest, sender: TSender): Promise<Uint8Array | null> {
      let pdf: Uint8Array;
      try {
        pdf = await sender.printToPDF({ pageSize: 'A4', printBackground: true });
      } catch {
        throw new HostError('PDF_FAILED');
      }
      // A tight copy: structured clone sends a typed array's whole ArrayBuffer,
      // and a Node Buffer may be a view into a larger pool.
      return new Uint8Array(pdf);
    },

    async dataKeys(): Promise<HostDataKeys> {
      if (!deps.dataKeys) throw new HostError('DATA_KEYS_UNAVAILABLE');
      const k = await deps.dataKeys();
      return { kind: 'raw', encryption: k.encryption, index: k.index };
    },
  };
}
