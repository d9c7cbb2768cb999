/**
 * Wiring test for the thin main entry, with 'electron' replaced by a fake
 * (the real package throws without its binary). It checks the order of the
 * pre-ready calls and that every hardening step is actually connected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostChannels } from '../core/host/contract';

type Listener = (...args: unknown[]) => unknown;

function makeElectron(opts: { gotLock: boolean; isPackaged?: boolean }) {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const windows: FakeWindow[] = [];
  class FakeWindow {
    options: Record<string, unknown>;
    listeners = new Map<string, Listener>();
    loadURL = vi.fn(async (_url: string) => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => true);
    constructor(options: Record<string, unknown>) {
      calls.push('new BrowserWindow');
      this.options = options;
      windows.push(this);
    }
    once(event: string, l: Listener) {
      this.listeners.set(event, l);
      return this;
    }
    on(event: string, l: Listener) {
      this.listeners.set(event, l);
      return this;
    }
    static fromWebContents = vi.fn(() => null);
    static getAllWindows = vi.fn(() => windows);
  }

  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(() => calls.push('setPermissionRequestHandler')),
      setPermissionCheckHandler: vi.fn(() => calls.push('setPermissionCheckHandler')),
      setDevicePermissionHandler: vi.fn(() => calls.push('setDevicePermissionHandler')),
    },
  };
  const electron = {
    app: {
      isPackaged: opts.isPackaged ?? true,
      enableSandbox: vi.fn(() => calls.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => {
        calls.push('requestSingleInstanceLock');
        return opts.gotLock;
      }),
      quit: vi.fn(() => calls.push('quit')),
      on: vi.fn((event: string, l: Listener) => {
        appListeners.set(event, l);
      }),
      whenReady: vi.fn(() => ready),
      isReady: vi.fn(() => true),
      getVersion: vi.fn(() => '0.1.0'),
      getPath: vi.fn(() => '/tmp/onewindow-test-userdata'),
    },
    safeStorage: { isEncryptionAvailable: vi.fn(() => false), encryptString: vi.fn(), decryptString: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => calls.push('protocol.handle')),
    },
    ipcMain: { handle: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    session,
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn(() => calls.push('setApplicationMenu')) },
  };
  return { electron, calls, appListeners, windows, ready: () => resolveReady() };
}

async function load(opts: { gotLock: boolean; isPackaged?: boolean }) {
  const fake = makeElectron(opts);
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  await import('./index');
  return fake;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.resetModules();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('main entry', () => {
  it('registers the scheme and enables the sandbox before ready', async () => {
    const fake = await load({ gotLock: true });
    expect(fake.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.windows).toHaveLength(0);
  });

  it('quits when another instance holds the lock', async () => {
    const fake = await load({ gotLock: false });
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.appListeners.size).toBe(0);
  });

  it('on ready: hardens the session, serves app://, registers IPC, opens the window', async () => {
    const fake = await load({ gotLock: true });
    fake.ready();
    await flush();
    expect(fake.calls).toContain('setPermissionRequestHandler');
    expect(fake.calls).toContain('setPermissionCheckHandler');
    expect(fake.calls).toContain('setDevicePermissionHandler');
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.electron.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(
      Object.values(hostChannels).sort(),
    );
    // protocol and IPC before the first window
    expect(fake.calls.indexOf('protocol.handle')).toBeLessThan(fake.calls.indexOf('new BrowserWindow'));

    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toMatchObject({
      width: 1440,
      height: 900,
      minWidth: 1100,
      minHeight: 700,
      show: false,
      title: '一窗通 OneWindow',
      autoHideMenuBar: true,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false },
    });
    expect(String((win.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://onewindow/index.html');
    win.listeners.get('ready-to-show')!();
    expect(win.show).toHaveBeenCalled();
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://evil.example:5173');
    const fake = await load({ gotLock: true, isPackaged: true });
    fake.ready();
    await flush();
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('app://onewindow/index.html');
  });

  it('loads the dev server in development', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const fake = await load({ gotLock: true, isPackaged: false });
    fake.ready();
    await flush();
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('hardens every web contents that gets created', async () => {
    const fake = await load({ gotLock: true });
    const on = vi.fn();
    const setWindowOpenHandler = vi.fn();
    fake.appListeners.get('web-contents-created')!({}, { on, setWindowOpenHandler });
    // packaged: devtools are closed if opened and their shortcuts swallowed (packaged.ts)
    expect(on.mock.calls.map((c) => c[0]).sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect', 'devtools-opened', 'before-input-event'].sort(),
    );
    expect(setWindowOpenHandler).toHaveBeenCalled();
  });

  it('a packaged build: no devtools in the window and the minimal menu; a development run keeps them', async () => {
    const fake = await load({ gotLock: true, isPackaged: true });
    fake.ready();
    await flush();
    expect((fake.windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(fake.calls).toContain('setApplicationMenu');
    vi.resetModules();
    const dev = await load({ gotLock: true, isPackaged: false });
    dev.ready();
    await flush();
    expect((dev.windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBeUndefined();
    expect(dev.calls).not.toContain('setApplicationMenu');
  });

  it('focuses the existing window when a second instance starts', async () => {
    const fake = await load({ gotLock: true });
    fake.ready();
    await flush();
    fake.appListeners.get('second-instance')!();
    const win = fake.windows[0]!;
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});
