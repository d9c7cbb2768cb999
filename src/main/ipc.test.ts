import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { hostChannels } from '../core/host/contract';
import {
  channelSchemas,
  guardHandler,
  HostError,
  isTrustedSenderFrame,
  makeSenderCheck,
  registerHostHandlers,
  type HostImpl,
  type IpcEventLike,
} from './ipc';

const APP = ['app://onewindow'];
const mainFrame = (url: string) => ({ url, parent: null });
const ev = (frame: IpcEventLike['senderFrame'], sender: unknown = { id: 1 }): IpcEventLike => ({
  sender,
  senderFrame: frame,
});

const PERSONAL = '张三 110101199001011234';

describe('isTrustedSenderFrame / makeSenderCheck', () => {
  it('accepts the main frame of app://onewindow', () => {
    expect(isTrustedSenderFrame(mainFrame('app://onewindow/index.html#/cases/1'), APP)).toBe(true);
  });
  it('rejects a missing frame, a subframe, and other origins', () => {
    expect(isTrustedSenderFrame(null, APP)).toBe(false);
    expect(isTrustedSenderFrame(undefined, APP)).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://onewindow/index.html', parent: {} }, APP)).toBe(false);
    expect(isTrustedSenderFrame(mainFrame('https://evil.example/'), APP)).toBe(false);
    expect(isTrustedSenderFrame(mainFrame('app://evil/index.html'), APP)).toBe(false);
    expect(isTrustedSenderFrame(mainFrame('file:///index.html'), APP)).toBe(false);
    expect(isTrustedSenderFrame(mainFrame('about:blank'), APP)).toBe(false);
    expect(isTrustedSenderFrame(mainFrame('http://localhost:5173/'), APP)).toBe(false);
  });
  it('accepts the dev server only when allowed', () => {
    const check = makeSenderCheck([...APP, 'http://localhost:5173']);
    expect(check(ev(mainFrame('http://localhost:5173/')))).toBe(true);
    expect(check(ev(mainFrame('http://localhost:5174/')))).toBe(false);
  });
  it('treats a disposed frame (throwing getter) as untrusted', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedSenderFrame(disposed, APP)).toBe(false);
    const check = makeSenderCheck(APP);
    const throwingEvent = {
      sender: {},
      get senderFrame(): never {
        throw new Error('gone');
      },
    };
    expect(check(throwingEvent)).toBe(false);
  });
});

describe('guardHandler', () => {
  const schema = z.object({ title: z.string().max(5) });
  const trusted = () => true;
  const untrusted = () => false;

  it('rejects an untrusted sender before looking at the payload', async () => {
    const handler = vi.fn();
    const log = vi.fn();
    const guarded = guardHandler(schema, untrusted, handler, { channel: 'host:x', log });
    await expect(guarded(ev(null), { title: 'ok' })).rejects.toThrow('UNTRUSTED_SENDER');
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith({ channel: 'host:x', code: 'UNTRUSTED_SENDER' });
  });

  it('rejects a bad payload without echoing or logging it', async () => {
    const handler = vi.fn();
    const log = vi.fn();
    const guarded = guardHandler(schema, trusted, handler, { channel: 'host:x', log });
    const err = await guarded(ev(null), { title: PERSONAL }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('INVALID_PAYLOAD');
    expect((err as Error).message).toBe('INVALID_PAYLOAD');
    expect(handler).not.toHaveBeenCalled();
    expect(JSON.stringify(log.mock.calls)).not.toContain('110101');
  });

  it('rejects missing, wrongly typed and extra arguments', async () => {
    const guarded = guardHandler(schema, trusted, vi.fn(), { log: () => {} });
    await expect(guarded(ev(null))).rejects.toThrow('INVALID_PAYLOAD');
    await expect(guarded(ev(null), 'title')).rejects.toThrow('INVALID_PAYLOAD');
    await expect(guarded(ev(null), { title: 1 })).rejects.toThrow('INVALID_PAYLOAD');
    await expect(guarded(ev(null), { title: 'a' }, { more: true })).rejects.toThrow('INVALID_PAYLOAD');
  });

  it('passes a good payload (parsed, unknown keys stripped) and the event to the handler', async () => {
    const handler = vi.fn(async (p: { title: string }) => `hi ${p.title}`);
    const guarded = guardHandler(schema, trusted, handler, { log: () => {} });
    const event = ev(mainFrame('app://onewindow/'));
    await expect(guarded(event, { title: 'abc', extra: 'x' })).resolves.toBe('hi abc');
    expect(handler).toHaveBeenCalledWith({ title: 'abc' }, event);
  });

  it('passes HostError codes through and hides any other error as INTERNAL', async () => {
    const log = vi.fn();
    const tooLarge = guardHandler(schema, trusted, () => Promise.reject(new HostError('FILE_TOO_LARGE')), {
      channel: 'c',
      log,
    });
    await expect(tooLarge(ev(null), { title: 'a' })).rejects.toThrow('FILE_TOO_LARGE');
    const leaky = guardHandler(
      schema,
      trusted,
      () => {
        throw new Error(`ENOENT: no such file, open '/home/${PERSONAL}/x.json'`);
      },
      { channel: 'c', log },
    );
    const err = await leaky(ev(null), { title: 'a' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('INTERNAL');
    expect(JSON.stringify(log.mock.calls)).toBe(
      JSON.stringify([[{ channel: 'c', code: 'FILE_TOO_LARGE' }], [{ channel: 'c', code: 'INTERNAL' }]]),
    );
  });

  it('treats a throwing sender check as untrusted', async () => {
    const guarded = guardHandler(
      schema,
      () => {
        throw new Error('boom');
      },
      vi.fn(),
      { log: () => {} },
    );
    await expect(guarded(ev(null), { title: 'a' })).rejects.toThrow('UNTRUSTED_SENDER');
  });
});

describe('channelSchemas', () => {
  it('uses the contract schemas (defaults applied, file names only)', () => {
    expect(channelSchemas.info.safeParse(undefined).success).toBe(true);
    expect(channelSchemas.info.safeParse({}).success).toBe(false);
    expect(channelSchemas.saveTextFile.parse({ suggestedName: 'a.json', text: '{}' }).mimeType).toBe(
      'application/json',
    );
    expect(channelSchemas.saveTextFile.safeParse({ suggestedName: '../a.json', text: '' }).success).toBe(false);
    expect(channelSchemas.saveTextFile.safeParse({ suggestedName: 'C:\\a.json', text: '' }).success).toBe(false);
    expect(channelSchemas.openTextFile.safeParse({ title: 't', extensions: ['.json'] }).success).toBe(false);
  });
});

describe('registerHostHandlers', () => {
  function setup(trustedSender = true) {
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: vi.fn((channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error('registered twice');
        handlers.set(channel, listener);
      }),
    };
    const impl: HostImpl<unknown> = {
      info: vi.fn(async () => ({ kind: 'electron' as const, appVersion: '0.1.0', platform: 'win32' })),
      openTextFile: vi.fn(async () => ({ name: 'a.json', text: '{}' })),
      saveTextFile: vi.fn(async () => true),
      print: vi.fn(async () => undefined),
      printToPdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
      dataKeys: vi.fn(async () => ({ kind: 'raw' as const, encryption: new Uint8Array(32), index: new Uint8Array(32) })),
    };
    const registered = registerHostHandlers(ipcMain, {
      impl,
      isTrustedSender: () => trustedSender,
      log: () => {},
    });
    return { handlers, impl, registered };
  }

  it('registers exactly the contract channels, once each', () => {
    const { handlers, registered } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(hostChannels).sort());
    expect(registered.sort()).toEqual(Object.values(hostChannels).sort());
  });

  it('routes each channel to the implementation with the sender', async () => {
    const { handlers, impl } = setup();
    const sender = { id: 7 };
    const event = ev(mainFrame('app://onewindow/'), sender);
    await expect(handlers.get(hostChannels.info)!(event)).resolves.toMatchObject({ kind: 'electron' });
    await handlers.get(hostChannels.openTextFile)!(event, { title: '导入目录', extensions: ['json'] });
    expect(impl.openTextFile).toHaveBeenCalledWith({ title: '导入目录', extensions: ['json'] }, sender);
    await handlers.get(hostChannels.saveTextFile)!(event, { suggestedName: '清单.json', text: '{}' });
    expect(impl.saveTextFile).toHaveBeenCalledWith(
      { suggestedName: '清单.json', text: '{}', mimeType: 'application/json' },
      sender,
    );
    await handlers.get(hostChannels.print)!(event, { title: '受理回执' });
    expect(impl.print).toHaveBeenCalledWith({ title: '受理回执' }, sender);
    await expect(handlers.get(hostChannels.printToPdf)!(event, { title: '受理回执' })).resolves.toBeInstanceOf(
      Uint8Array,
    );
    await expect(handlers.get(hostChannels.dataKeys)!(event)).resolves.toMatchObject({ kind: 'raw' });
    await expect(handlers.get(hostChannels.dataKeys)!(event, 'a payload')).rejects.toThrow('INVALID_PAYLOAD');
  });

  it('guards every channel', async () => {
    const { handlers, impl } = setup(false);
    for (const [channel, handler] of handlers) {
      await expect(handler(ev(null), { title: 'x' }), channel).rejects.toThrow('UNTRUSTED_SENDER');
    }
    for (const fn of Object.values(impl)) expect(fn).not.toHaveBeenCalled();
  });
});
