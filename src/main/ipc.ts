/**
 * IPC: registers exactly the channels of the host contract, and puts every
 * handler behind a guard that checks the sender and validates the payload.
 *
 * A compromised renderer is untrusted input: a call from another origin, from a
 * subframe, or with a payload that does not match the contract's zod schema is
 * refused with a fixed error code. Payloads are never echoed and never logged;
 * only channel names and error codes are.
 *
 * Pure module: no Electron import (ipcMain and events come in as interfaces).
 */
import { z } from 'zod';
import {
  hostChannels,
  OpenTextFileRequest,
  PrintRequest,
  SaveTextFileRequest,
  type HostDataKeys,
  type HostInfo,
  type OneWindowHost,
  type OpenedTextFile,
} from '../core/host/contract';
import { originOf } from './security';

// ---------------------------------------------------------------------------
// Errors

export const HOST_ERROR_CODES = [
  'UNTRUSTED_SENDER',
  'INVALID_PAYLOAD',
  'FILE_TOO_LARGE',
  'NOT_UTF8',
  'FILE_READ_FAILED',
  'FILE_WRITE_FAILED',
  'PRINT_FAILED',
  'PDF_FAILED',
  'DATA_KEYS_UNAVAILABLE',
  'INTERNAL',
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

/**
 * The only kind of error that crosses IPC. Its message is the code alone, so
 * no path, file content or payload can reach the renderer or a log through it.
 * (The renderer sees "Error invoking remote method '<channel>': Error: <CODE>".)
 */
export class HostError extends Error {
  readonly code: HostErrorCode;
  constructor(code: HostErrorCode) {
    super(code);
    this.name = 'HostError';
    this.code = code;
  }
}

export interface IpcLogEntry {
  channel: string;
  code: HostErrorCode;
}
export type IpcLog = (entry: IpcLogEntry) => void;

export const defaultIpcLog: IpcLog = ({ channel, code }) => {
  console.warn(`[ipc] ${channel} ${code}`);
};

// ---------------------------------------------------------------------------
// Sender check

/** The parts of WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of IpcMainInvokeEvent the guard reads. */
export interface IpcEventLike<TSender = unknown> {
  readonly sender: TSender;
  readonly senderFrame: FrameLike | null | undefined;
}

/**
 * True when the call comes from the main frame of one of our pages:
 * app://onewindow (and, in development only, the dev server origin).
 */
export function isTrustedSenderFrame(
  frame: FrameLike | null | undefined,
  allowedOrigins: readonly string[],
): boolean {
  try {
    if (!frame) return false;
    if (frame.parent !== null) return false; // subframes never talk to the host
    const origin = originOf(frame.url);
    return origin !== null && allowedOrigins.includes(origin);
  } catch {
    // A frame that navigated away or was disposed throws on access.
    return false;
  }
}

export function makeSenderCheck(allowedOrigins: readonly string[]): (event: IpcEventLike) => boolean {
  const origins = [...allowedOrigins];
  return (event) => {
    try {
      return isTrustedSenderFrame(event.senderFrame, origins);
    } catch {
      return false;
    }
  };
}

// ---------------------------------------------------------------------------
// Guard

/**
 * Wrap a handler: trusted sender first, then exactly one payload argument that
 * matches `schema`, then the handler with the parsed (defaults applied) value.
 * Any failure becomes a HostError carrying a code; anything unexpected becomes
 * INTERNAL. Nothing of the payload or the original error is kept.
 */
export function guardHandler<S extends z.ZodType, R, E extends IpcEventLike = IpcEventLike>(
  schema: S,
  isTrustedSender: (event: E) => boolean,
  handler: (payload: z.output<S>, event: E) => Promise<R> | R,
  options: { channel?: string; log?: IpcLog } = {},
): (event: E, ...args: unknown[]) => Promise<R> {
  const channel = options.channel ?? 'ipc';
  const log = options.log ?? defaultIpcLog;
  const fail = (code: HostErrorCode): never => {
    log({ channel, code });
    throw new HostError(code);
  };
  return async (event, ...args) => {
    let trusted: boolean;
    try {
      trusted = isTrustedSender(event);
    } catch {
      trusted = false;
    }
    if (!trusted) return fail('UNTRUSTED_SENDER');
    if (args.length > 1) return fail('INVALID_PAYLOAD');
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) return fail('INVALID_PAYLOAD');
    try {
      return await handler(parsed.data, event);
    } catch (err) {
      return fail(err instanceof HostError ? err.code : 'INTERNAL');
    }
  };
}

// ---------------------------------------------------------------------------
// Registration

/** What the IPC layer needs from the host implementation (see host-impl.ts). */
export interface HostImpl<TSender = unknown> {
  info(): Promise<HostInfo>;
  openTextFile(req: OpenTextFileRequest, sender: TSender): Promise<OpenedTextFile | null>;
  saveTextFile(req: z.output<typeof SaveTextFileRequest>, sender: TSender): Promise<boolean>;
  print(req: PrintRequest, sender: TSender): Promise<void>;
  printToPdf(req: PrintRequest, sender: TSender): Promise<Uint8Array | null>;
  dataKeys(): Promise<HostDataKeys>;
}

/** Payload schema per channel; info takes no argument. */
export const channelSchemas = {
  info: z.undefined(),
  openTextFile: OpenTextFileRequest,
  saveTextFile: SaveTextFileRequest,
  print: PrintRequest,
  printToPdf: PrintRequest,
  dataKeys: z.undefined(),
} as const satisfies Record<keyof OneWindowHost, z.ZodType>;

export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export interface RegisterDeps<TSender> {
  impl: HostImpl<TSender>;
  isTrustedSender: (event: IpcEventLike<TSender>) => boolean;
  log?: IpcLog;
}

/** Registers exactly the channels in hostChannels; returns their names. */
export function registerHostHandlers<TSender, E extends IpcEventLike<TSender>>(
  ipcMain: IpcMainLike<E>,
  deps: RegisterDeps<TSender>,
): string[] {
  const { impl, isTrustedSender } = deps;
  const log = deps.log ?? defaultIpcLog;
  const opts = (channel: string) => ({ channel, log });

  const handlers: Record<keyof OneWindowHost, (event: E, ...args: unknown[]) => Promise<unknown>> = {
    info: guardHandler(channelSchemas.info, isTrustedSender, () => impl.info(), opts(hostChannels.info)),
    openTextFile: guardHandler(
      channelSchemas.openTextFile,
      isTrustedSender,
      (req, e: E) => impl.openTextFile(req, e.sender),
      opts(hostChannels.openTextFile),
    ),
    saveTextFile: guardHandler(
      channelSchemas.saveTextFile,
      isTrustedSender,
      (req, e: E) => impl.saveTextFile(req, e.sender),
      opts(hostChannels.saveTextFile),
    ),
    print: guardHandler(
      channelSchemas.print,
      isTrustedSender,
      (req, e: E) => impl.print(req, e.sender),
      opts(hostChannels.print),
    ),
    printToPdf: guardHandler(
      channelSchemas.printToPdf,
      isTrustedSender,
      (req, e: E) => impl.printToPdf(req, e.sender),
      opts(hostChannels.printToPdf),
    ),
    dataKeys: guardHandler(channelSchemas.dataKeys, isTrustedSender, () => impl.dataKeys(), opts(hostChannels.dataKeys)),
  };

  const registered: string[] = [];
  for (const key of Object.keys(hostChannels) as (keyof OneWindowHost)[]) {
    ipcMain.handle(hostChannels[key], handlers[key]);
    registered.push(hostChannels[key]);
  }
  return registered;
}
