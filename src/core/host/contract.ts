/**
 * The one typed host contract: everything the renderer may ask of the platform.
 * Electron's preload exposes it with contextBridge as `window.oneWindowHost`;
 * the browser build supplies the same type (src/renderer/platform/browser-host.ts),
 * so the same renderer runs in Electron and in plain Chromium (our e2e tests).
 *
 * Request payloads are zod schemas because the main process validates every
 * IPC payload against them (a compromised renderer is untrusted input).
 */
import { z } from 'zod';

export const OpenTextFileRequest = z.object({
  title: z.string().max(200),
  /** Extensions without the dot, e.g. ["json"]. */
  extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(10),
});
export type OpenTextFileRequest = z.infer<typeof OpenTextFileRequest>;

export const OpenedTextFile = z.object({ name: z.string(), text: z.string() });
export type OpenedTextFile = z.infer<typeof OpenedTextFile>;

export const SaveTextFileRequest = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    // a file name, never a path
    .regex(/^[^/\\:*?"<>|\x00-\x1f]+$/, 'file name only'),
  text: z.string().max(50 * 1024 * 1024),
  mimeType: z.string().max(100).default('application/json'),
});
export type SaveTextFileRequest = z.input<typeof SaveTextFileRequest>;

export const PrintRequest = z.object({
  /** Document title, used for the PDF copy's name. */
  title: z.string().max(200),
});
export type PrintRequest = z.infer<typeof PrintRequest>;

/**
 * The workstation's two data keys: `encryption` (AES-GCM, 256 bits) seals the
 * applicant's identity fields in IndexedDB; `index` (HMAC-SHA-256) makes the blind index that
 * finds a case by ID number without storing the number. The host holds them:
 * - Electron: 64 random bytes wrapped with safeStorage (the OS keychain / DPAPI / libsecret) in
 *   userData; handed over as raw bytes (`kind: 'raw'`), which the renderer imports as
 *   non-extractable CryptoKeys at once and then drops.
 * - Browser build: non-extractable CryptoKeys made once and kept in IndexedDB (structured clone
 *   keeps them non-extractable): the page never sees key bytes (`kind: 'cryptoKey'`).
 */
export type HostDataKeys =
  | { kind: 'raw'; encryption: Uint8Array; index: Uint8Array }
  | { kind: 'cryptoKey'; encryption: CryptoKey; index: CryptoKey };

export const DATA_KEY_BYTES = 32;

/**
 * How the host keeps the data keys, for the health page: the OS key store (and which one), a
 * plain-text key file an administrator explicitly allowed (Linux without a keyring), refused
 * (no key store and no such permission: local data cannot open), or the browser's own
 * non-extractable keys.
 */
export type KeyProtection =
  | { state: 'osKeyStore'; backend: string }
  | { state: 'plaintextAllowed' }
  | { state: 'refused' }
  | { state: 'browser' };

export interface HostInfo {
  kind: 'electron' | 'browser';
  appVersion: string;
  platform: string;
  keyProtection?: KeyProtection;
}

export interface OneWindowHost {
  info(): Promise<HostInfo>;
  /** Lets the user pick a text file (catalog, holiday data, scenario pack). null = cancelled. */
  openTextFile(req: OpenTextFileRequest): Promise<OpenedTextFile | null>;
  /** Saves text where the user chooses. false = cancelled. */
  saveTextFile(req: SaveTextFileRequest): Promise<boolean>;
  /** Prints the current page with the print stylesheet. */
  print(req: PrintRequest): Promise<void>;
  /** A PDF of the current page (A4), or null where the host cannot make one. */
  printToPdf(req: PrintRequest): Promise<Uint8Array | null>;
  /** The data keys (see HostDataKeys): made on first use, the same ever after. */
  dataKeys(): Promise<HostDataKeys>;
}

/** IPC channel names; the main process registers exactly these. */
export const hostChannels = {
  info: 'host:info',
  openTextFile: 'host:open-text-file',
  saveTextFile: 'host:save-text-file',
  print: 'host:print',
  printToPdf: 'host:print-to-pdf',
  dataKeys: 'host:data-keys',
} as const satisfies Record<keyof OneWindowHost, string>;

export const HOST_GLOBAL = 'oneWindowHost';
