/**
 * Electron main process — thin wiring only; the logic lives in the plain,
 * unit-tested modules next to this file (protocol, security, ipc, host-impl).
 */
import { randomBytes } from 'node:crypto';
import { stat, readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { createDataKeyStore, keyProtectionOf, plaintextKeysAllowed } from './data-keys';
import { applyPackagedPolicy, guardDevTools, packagedWebPreferences } from './packaged';
import { createHostImpl } from './host-impl';
import { makeSenderCheck, registerHostHandlers } from './ipc';
import { APP_INDEX_URL, APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './protocol';
import {
  appResponseHeaders,
  buildCsp,
  DEFAULT_CONNECT_SRC,
  hardenSession,
  hardenWebContents,
  secureWebPreferences,
  syncOriginsFromEnv,
  trustedOrigins,
} from './security';

// out/main/index.js → out/preload/index.cjs, out/renderer/
const OUT_DIR = path.join(import.meta.dirname, '..');
const PRELOAD_PATH = path.join(OUT_DIR, 'preload', 'index.cjs');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');

/** The electron-vite dev server, honoured only in an unpackaged (development) run. */
const DEV_SERVER_URL = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const ALLOWED_ORIGINS = trustedOrigins(DEV_SERVER_URL, app.isPackaged);

const securityLog = (event: string): void => console.warn(`[security] ${event}`);

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
/** The data keys, loaded (or made) on the renderer's first ask (see data-keys.ts). */
let dataKeyStore: ReturnType<typeof createDataKeyStore> | undefined;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: '一窗通 OneWindow',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(PRELOAD_PATH), ...packagedWebPreferences(app.isPackaged) },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const url = DEV_SERVER_URL ?? APP_INDEX_URL;
  win.loadURL(url).catch(() => console.error('[main] load-failed'));
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function start(): void {
  const connectSrc = [...DEFAULT_CONNECT_SRC, ...syncOriginsFromEnv(process.env['ONEWINDOW_SYNC_ORIGIN'])];
  const csp = buildCsp({ connectSrc });

  hardenSession(session.defaultSession, ALLOWED_ORIGINS, securityLog);
  applyPackagedPolicy(app.isPackaged, process.platform, {
    buildFromTemplate: (t) => Menu.buildFromTemplate(t as Electron.MenuItemConstructorOptions[]),
    setApplicationMenu: (m) => Menu.setApplicationMenu(m as Electron.Menu),
  });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: RENDERER_DIR, headers: appResponseHeaders(csp) }));

  registerHostHandlers(ipcMain, {
    isTrustedSender: makeSenderCheck(ALLOWED_ORIGINS),
    impl: createHostImpl({
      appVersion: () => app.getVersion(),
      platform: process.platform,
      dialog: {
        showOpenDialog: (win: BrowserWindow, options) => dialog.showOpenDialog(win, options),
        showSaveDialog: (win: BrowserWindow, options) => dialog.showSaveDialog(win, options),
      },
      fs: { stat, readFile, writeFile },
      keyProtection: () => keyProtectionOf({ safeStorage, platform: process.platform, allowPlaintext: plaintextKeysAllowed(process.env) }),
      dataKeys: () => {
        dataKeyStore ??= createDataKeyStore({
          safeStorage,
          fs: { readFile, writeFile, rename, mkdir },
          dir: app.getPath('userData'),
          randomBytes: (n) => new Uint8Array(randomBytes(n)),
          platform: process.platform,
          allowPlaintext: plaintextKeysAllowed(process.env),
        });
        return dataKeyStore();
      },
      windowFor: (sender: Electron.WebContents) => {
        const win = BrowserWindow.fromWebContents(sender) ?? mainWindow;
        if (!win) throw new Error('no window');
        return win;
      },
    }),
  });

  mainWindow = createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());

  // Every web contents, ours or not (devtools, anything created later).
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, ALLOWED_ORIGINS, securityLog);
    guardDevTools(app.isPackaged, contents);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  app
    .whenReady()
    .then(start)
    .catch(() => {
      console.error('[main] startup-failed');
      app.quit();
    });
}
