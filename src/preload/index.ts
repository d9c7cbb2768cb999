/**
 * The one bridge: exposes `window.oneWindowHost` (the host contract) to the
 * renderer. Each method forwards exactly one argument to its own channel;
 * ipcRenderer itself is never exposed. The main process validates sender and
 * payload again (see src/main/ipc.ts) — this file is not a security boundary.
 *
 * Built to a single CommonJS file (out/preload/index.cjs) because the renderer
 * runs with sandbox: true, where a preload can load nothing but 'electron'
 * (and a few polyfilled modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_GLOBAL, hostChannels, type OneWindowHost } from '../core/host/contract';

const host = {
  info: () => ipcRenderer.invoke(hostChannels.info),
  openTextFile: (req) => ipcRenderer.invoke(hostChannels.openTextFile, req),
  saveTextFile: (req) => ipcRenderer.invoke(hostChannels.saveTextFile, req),
  print: (req) => ipcRenderer.invoke(hostChannels.print, req),
  printToPdf: (req) => ipcRenderer.invoke(hostChannels.printToPdf, req),
  dataKeys: () => ipcRenderer.invoke(hostChannels.dataKeys),
} satisfies OneWindowHost;

contextBridge.exposeInMainWorld(HOST_GLOBAL, Object.freeze(host));
