import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  createHostImpl,
  decodeUtf8,
  isPrintCancel,
  MAX_OPEN_FILE_BYTES,
  saveFiltersFor,
  type DialogLike,
  type FsLike,
  type PrintableContents,
} from './host-impl';
import { HostError } from './ipc';

type Win = { id: string };
const WIN: Win = { id: 'main' };
const enc = (s: string) => new TextEncoder().encode(s);

function fakeSender(overrides: Partial<PrintableContents> = {}): PrintableContents {
  return {
    print: vi.fn((_opts, cb) => cb?.(true, '')),
    printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 …')),
    ...overrides,
  };
}

function setup(opts: { files?: Record<string, Uint8Array>; dialog?: Partial<DialogLike<Win>>; fs?: Partial<FsLike> } = {}) {
  const files = new Map(Object.entries(opts.files ?? {}));
  const written = new Map<string, string>();
  const fs: FsLike = {
    stat: vi.fn(async (p: string) => {
      const f = files.get(p);
      if (!f) throw new Error(`ENOENT: ${p}`);
      return { size: f.byteLength, isFile: () => true };
    }),
    readFile: vi.fn(async (p: string) => {
      const f = files.get(p);
      if (!f) throw new Error(`ENOENT: ${p}`);
      return f;
    }),
    writeFile: vi.fn(async (p: string, data: string) => {
      written.set(p, data);
    }),
    ...opts.fs,
  };
  const dialog: DialogLike<Win> = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
    ...opts.dialog,
  };
  const windowFor = vi.fn(() => WIN);
  const impl = createHostImpl({ appVersion: () => '0.1.0', platform: 'win32', dialog, fs, windowFor, maxOpenFileBytes: 64 });
  return { impl, fs, dialog, written, windowFor };
}

const expectCode = async (p: Promise<unknown>, code: string) => {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HostError);
  expect((err as HostError).code).toBe(code);
  expect((err as Error).message).toBe(code);
};

describe('info', () => {
  it('reports electron, the app version and the platform', async () => {
    await expect(setup().impl.info()).resolves.toEqual({ kind: 'electron', appVersion: '0.1.0', platform: 'win32' });
  });
});

describe('openTextFile', () => {
  const file = path.join('/home/clerk', '目录.json');

  it('returns null when cancelled', async () => {
    const { impl } = setup();
    await expect(impl.openTextFile({ title: 't', extensions: ['json'] }, fakeSender())).resolves.toBeNull();
  });

  it('shows a modal open dialog with the filters and returns base name and text', async () => {
    const { impl, dialog } = setup({
      files: { [file]: enc('\uFEFF{"名称":"一窗通"}') },
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [file] })) },
    });
    const sender = fakeSender();
    await expect(impl.openTextFile({ title: '导入目录', extensions: ['json'] }, sender)).resolves.toEqual({
      name: '目录.json',
      text: '{"名称":"一窗通"}',
    });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(WIN, {
      title: '导入目录',
      properties: ['openFile'],
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
  });

  it('has no filter when no extensions are given', async () => {
    const { impl, dialog } = setup();
    await impl.openTextFile({ title: 't', extensions: [] }, fakeSender());
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(WIN, { title: 't', properties: ['openFile'] });
  });

  it('refuses files over the size cap before reading them', async () => {
    const { impl, fs } = setup({
      files: { [file]: new Uint8Array(65) },
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [file] })) },
    });
    await expectCode(impl.openTextFile({ title: 't', extensions: [] }, fakeSender()), 'FILE_TOO_LARGE');
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file that grew past the cap after stat', async () => {
    const { impl } = setup({
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [file] })) },
      fs: {
        stat: async () => ({ size: 10, isFile: () => true }),
        readFile: async () => new Uint8Array(100),
      },
    });
    await expectCode(impl.openTextFile({ title: 't', extensions: [] }, fakeSender()), 'FILE_TOO_LARGE');
  });

  it('refuses non-UTF-8 text (e.g. GBK) instead of returning mojibake', async () => {
    const gbk = new Uint8Array([0xd2, 0xbb, 0xb4, 0xb0]); // 一窗 in GBK
    const { impl } = setup({
      files: { [file]: gbk },
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [file] })) },
    });
    await expectCode(impl.openTextFile({ title: 't', extensions: [] }, fakeSender()), 'NOT_UTF8');
  });

  it('reports read failures with a code only (no path)', async () => {
    const { impl } = setup({
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/missing/张三.json'] })) },
    });
    await expectCode(impl.openTextFile({ title: 't', extensions: [] }, fakeSender()), 'FILE_READ_FAILED');
  });

  it('uses a 20 MB cap by default', () => {
    expect(MAX_OPEN_FILE_BYTES).toBe(20 * 1024 * 1024);
  });
});

describe('saveTextFile', () => {
  const req = { suggestedName: '受理清单.csv', text: '姓名,证件\n', mimeType: 'text/csv' };

  it('returns false when cancelled and writes nothing', async () => {
    const { impl, written } = setup();
    await expect(impl.saveTextFile(req, fakeSender())).resolves.toBe(false);
    expect(written.size).toBe(0);
  });

  it('suggests the name, filters by its extension and writes UTF-8', async () => {
    const { impl, dialog, written } = setup({
      dialog: { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/clerk/out.csv' })) },
    });
    await expect(impl.saveTextFile(req, fakeSender())).resolves.toBe(true);
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      WIN,
      expect.objectContaining({ defaultPath: '受理清单.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    );
    expect(written.get('/home/clerk/out.csv')).toBe('姓名,证件\n');
  });

  it('reports write failures with a code only', async () => {
    const { impl } = setup({
      dialog: { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/ro/out.csv' })) },
      fs: {
        writeFile: async () => {
          throw new Error('EACCES /ro/out.csv');
        },
      },
    });
    await expectCode(impl.saveTextFile(req, fakeSender()), 'FILE_WRITE_FAILED');
  });
});

describe('print', () => {
  it('prints A4 with backgrounds', async () => {
    const sender = fakeSender();
    await setup().impl.print({ title: '受理回执' }, sender);
    expect(sender.print).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, silent: false }),
      expect.any(Function),
    );
  });

  it('treats a cancelled print dialog as success', async () => {
    const sender = fakeSender({ print: vi.fn((_o, cb) => cb?.(false, 'Print job canceled')) });
    await expect(setup().impl.print({ title: 't' }, sender)).resolves.toBeUndefined();
  });

  it('reports other failures as PRINT_FAILED', async () => {
    const sender = fakeSender({ print: vi.fn((_o, cb) => cb?.(false, 'Print job failed')) });
    await expectCode(setup().impl.print({ title: 't' }, sender), 'PRINT_FAILED');
    const throwing = fakeSender({
      print: vi.fn(() => {
        throw new Error('destroyed');
      }),
    });
    await expectCode(setup().impl.print({ title: 't' }, throwing), 'PRINT_FAILED');
  });
});

describe('printToPdf', () => {
  it('makes an A4 PDF and returns a tight Uint8Array copy', async () => {
    const pool = Buffer.alloc(1024);
    const view = pool.subarray(100, 108);
    view.set(enc('%PDF-1.7'));
    const sender = fakeSender({ printToPDF: vi.fn(async () => view) });
    const pdf = await setup().impl.printToPdf({ title: '受理回执' }, sender);
    expect(sender.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(pdf)).toBe(false);
    expect(pdf!.buffer.byteLength).toBe(8);
    expect(new TextDecoder().decode(pdf!)).toBe('%PDF-1.7');
  });

  it('reports failures as PDF_FAILED', async () => {
    const sender = fakeSender({ printToPDF: vi.fn(async () => Promise.reject(new Error('x'))) });
    await expectCode(setup().impl.printToPdf({ title: 't' }, sender), 'PDF_FAILED');
  });
});

describe('helpers', () => {
  it('decodeUtf8 strips a BOM and rejects invalid UTF-8', () => {
    expect(decodeUtf8(enc('\uFEFFabc'))).toBe('abc');
    expect(decodeUtf8(enc('一窗通'))).toBe('一窗通');
    expect(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow('NOT_UTF8');
  });
  it('saveFiltersFor derives a filter from a sane extension only', () => {
    expect(saveFiltersFor('a.JSON')).toEqual([{ name: 'JSON', extensions: ['json'] }]);
    expect(saveFiltersFor('noext')).toBeUndefined();
    expect(saveFiltersFor('a.we!rd')).toBeUndefined();
  });
  it('isPrintCancel recognises both spellings', () => {
    expect(isPrintCancel('Print job canceled')).toBe(true);
    expect(isPrintCancel('cancelled')).toBe(true);
    expect(isPrintCancel('Print job failed')).toBe(false);
  });
});
