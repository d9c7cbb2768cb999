/**
 * What a packaged (installed) build changes: no developer tools — a clerk, or anyone at a public
 * window, could otherwise read IndexedDB and the page's memory — and a minimal menu (Edit, for
 * the keyboard's copy and paste, and Quit; no View → Toggle Developer Tools / Reload). An
 * unpackaged (development) run keeps Electron's defaults.
 *
 * Pure module: Electron's app, Menu and the window come in as small interfaces, so it runs in
 * plain Node tests (as security.ts does).
 */

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: string;
  submenu?: MenuItemTemplate[];
}

export interface MenuLike {
  buildFromTemplate(template: MenuItemTemplate[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface DevToolsContents {
  on(event: 'devtools-opened', listener: () => void): void;
  closeDevTools(): void;
  /** 'before-input-event': swallow the devtools shortcuts before Chromium sees them. */
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: { key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean; type: string }) => void): void;
}

/** The packaged build's whole menu. */
export function minimalMenuTemplate(platform: string): MenuItemTemplate[] {
  const edit: MenuItemTemplate = {
    label: '编辑',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const app: MenuItemTemplate = { label: '一窗通', submenu: [{ role: 'quit' }] };
  // macOS needs the app menu first; elsewhere the window's menu bar is hidden anyway (autoHideMenuBar)
  return platform === 'darwin' ? [app, edit] : [edit, app];
}

/** Whether a key press would open the developer tools (F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I). */
export function isDevToolsShortcut(input: { key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }): boolean {
  const k = input.key.toLowerCase();
  if (k === 'f12') return true;
  const mod = input.control || input.meta;
  return mod && (input.shift || input.alt) && (k === 'i' || k === 'j' || k === 'c');
}

/** webPreferences additions for a packaged build. */
export function packagedWebPreferences(isPackaged: boolean): { devTools?: false } {
  return isPackaged ? { devTools: false } : {};
}

/** Applies the packaged policy: the minimal menu (once, at start). Nothing when unpackaged. */
export function applyPackagedPolicy(isPackaged: boolean, platform: string, menu: MenuLike): void {
  if (!isPackaged) return;
  menu.setApplicationMenu(menu.buildFromTemplate(minimalMenuTemplate(platform)));
}

/** Every web contents of a packaged build: devtools closed if anything opens them, and their shortcuts swallowed. */
export function guardDevTools(isPackaged: boolean, contents: DevToolsContents): void {
  if (!isPackaged) return;
  contents.on('devtools-opened', () => contents.closeDevTools());
  contents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && isDevToolsShortcut(input)) event.preventDefault();
  });
}
