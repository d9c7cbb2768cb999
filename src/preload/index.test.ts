/**
 * The preload with 'electron' faked: it must expose exactly the host contract
 * under HOST_GLOBAL, forward one argument per call to the right channel, and
 * never hand out ipcRenderer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_GLOBAL, hostChannels } from '../core/host/contract';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]) => 'result');
const ipcRenderer = { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() };

vi.mock('electron', () => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
  };
  return { ...electron, default: electron };
});

beforeAll(async () => {
  await import('./index');
});

describe('preload', () => {
  it('exposes one global with exactly the contract methods', () => {
    expect([...exposed.keys()]).toEqual([HOST_GLOBAL]);
    const host = exposed.get(HOST_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(host).sort()).toEqual(Object.keys(hostChannels).sort());
    expect(Object.isFrozen(host)).toBe(true);
    for (const value of Object.values(host)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer);
      expect(value).not.toBe(invoke);
    }
  });

  it('forwards each call to its channel with only the request', async () => {
    const host = exposed.get(HOST_GLOBAL) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await host['info']!('ignored');
    expect(invoke).toHaveBeenLastCalledWith(hostChannels.info);
    await host['dataKeys']!('ignored');
    expect(invoke).toHaveBeenLastCalledWith(hostChannels.dataKeys);
    for (const key of ['openTextFile', 'saveTextFile', 'print', 'printToPdf'] as const) {
      const req = { title: key };
      await expect(host[key]!(req, 'extra', 'args')).resolves.toBe('result');
      expect(invoke).toHaveBeenLastCalledWith(hostChannels[key], req);
    }
  });
});
