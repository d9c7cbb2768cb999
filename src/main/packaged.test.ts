import { describe, expect, it } from 'vitest';
import { applyPackagedPolicy, guardDevTools, isDevToolsShortcut, minimalMenuTemplate, packagedWebPreferences, type MenuItemTemplate } from './packaged';

const roles = (t: MenuItemTemplate[]): string[] => t.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

describe('a packaged build', () => {
  it('has no developer tools in its window', () => {
    expect(packagedWebPreferences(true)).toEqual({ devTools: false });
    expect(packagedWebPreferences(false)).toEqual({});
  });

  it('sets a minimal menu: editing and quit, no devtools, reload or view menu', () => {
    const set: unknown[] = [];
    applyPackagedPolicy(true, 'linux', { buildFromTemplate: (t) => t, setApplicationMenu: (m) => set.push(m) });
    expect(set).toHaveLength(1);
    const r = roles(set[0] as MenuItemTemplate[]);
    expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
    for (const bad of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) expect(r).not.toContain(bad);
    expect(roles(minimalMenuTemplate('darwin'))[0]).toBe('quit');
    // an unpackaged (development) run keeps Electron's menu
    applyPackagedPolicy(false, 'linux', { buildFromTemplate: (t) => t, setApplicationMenu: (m) => set.push(m) });
    expect(set).toHaveLength(1);
  });

  it('closes devtools if anything opens them, and swallows their shortcuts', () => {
    const listeners = new Map<string, (...a: never[]) => void>();
    let closed = 0;
    const contents = { on: (e: string, l: (...a: never[]) => void) => void listeners.set(e, l), closeDevTools: () => void closed++ };
    guardDevTools(true, contents as never);
    (listeners.get('devtools-opened') as () => void)();
    expect(closed).toBe(1);
    let prevented = 0;
    const press = (key: string, mods: Partial<{ control: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) =>
      (listeners.get('before-input-event') as (e: { preventDefault(): void }, i: object) => void)(
        { preventDefault: () => void prevented++ },
        { key, control: false, meta: false, shift: false, alt: false, type: 'keyDown', ...mods },
      );
    press('F12');
    press('I', { control: true, shift: true });
    press('j', { meta: true, alt: true });
    expect(prevented).toBe(3);
    press('c', { control: true }); // plain copy stays
    press('/');
    expect(prevented).toBe(3);
    expect(isDevToolsShortcut({ key: 'k', control: true, meta: false, shift: false, alt: false })).toBe(false);

    const none = new Map<string, unknown>();
    guardDevTools(false, { on: (e: string, l: unknown) => void none.set(e, l), closeDevTools: () => undefined } as never);
    expect(none.size).toBe(0);
  });
});
