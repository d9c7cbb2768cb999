import { describe, expect, it } from 'vitest';
import type { ChecklistMaterial } from '../intake/checklist';
import type { PageRef } from './page';
import { DEFAULT_PAGE_LIMITS } from './page';
import { checkAddPages, checkImportFile, linesLackingPages, normalizeLimits, pageCounts, refusalMessage, sniffImportKind } from './policy';

const line = (key: string, forms: ChecklistMaterial['forms']) => ({ key, name: `材料${key}`, forms }) as ChecklistMaterial;
const page = (bytes = 250_000): PageRef => ({
  sha256: 'a'.repeat(64),
  originalSha256: 'b'.repeat(64),
  mime: 'image/jpeg',
  bytes,
  width: 1240,
  height: 1754,
  source: 'camera',
  capturedAt: '2026-12-07T09:15:00+08:00',
  by: 'C0042',
});

describe('scan policy', () => {
  const lines = [line('a', ['paper']), line('b', ['paper', 'scan']), line('c', ['electronic']), line('d', ['dataSharing', 'paper'])];
  const states = { a: { status: 'receivedOriginal' }, b: { status: 'receivedCopy' }, c: { status: 'missing' }, d: { status: 'fetched' } } as const;

  it('off requires nothing', () => {
    expect(linesLackingPages(lines, states, {}, 'off')).toEqual([]);
  });
  it('scanOrElectronic requires pages for received lines whose forms include scan or electronic', () => {
    expect(linesLackingPages(lines, states, {}, 'scanOrElectronic').map((l) => l.key)).toEqual(['b']);
    expect(linesLackingPages(lines, states, { b: [page()] }, 'scanOrElectronic')).toEqual([]);
  });
  it('all requires pages for every received line, never for a fetched or missing one', () => {
    expect(linesLackingPages(lines, states, { b: [page()] }, 'all').map((l) => l.key)).toEqual(['a']);
  });
  it('counts pages per line', () => {
    expect(pageCounts({ a: [page(), page()], b: [] })).toEqual({ a: 2 });
  });
});

describe('import checks', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('knows a file by its first bytes, not its name', () => {
    expect(sniffImportKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImportKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffImportKind(enc('%PDF-1.4\n'))).toBe('pdf');
    expect(sniffImportKind(enc('PK\u0003\u0004 a zip'))).toBeNull();
    expect(sniffImportKind(new Uint8Array())).toBeNull();
  });
  it('refuses a file over the limit or of another kind, with a reason naming it', () => {
    const big = checkImportFile({ name: 'x.pdf', bytes: DEFAULT_PAGE_LIMITS.maxFileBytes + 1, head: enc('%PDF-') }, DEFAULT_PAGE_LIMITS);
    expect(big.ok).toBe(false);
    if (!big.ok) expect(refusalMessage(big.refusal, 'zh-CN')).toContain('x.pdf');
    const doc = checkImportFile({ name: '申请书.docx', bytes: 10, head: enc('PK\u0003\u0004') }, DEFAULT_PAGE_LIMITS);
    expect(doc).toEqual({ ok: false, refusal: { code: 'unsupportedType', name: '申请书.docx' } });
    expect(checkImportFile({ name: 'a.png', bytes: 10, head: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, DEFAULT_PAGE_LIMITS)).toEqual({ ok: true, kind: 'png' });
  });
  it('refuses pages over the line or case limit', () => {
    const limits = { maxFileBytes: 1e6, maxCaseBytes: 600_000, maxPagesPerMaterial: 3 };
    expect(checkAddPages({ a: [page(), page()] }, 'a', { count: 1, bytes: 10 }, limits)).toEqual({ ok: true });
    expect(checkAddPages({ a: [page(), page()] }, 'a', { count: 2, bytes: 10 }, limits)).toMatchObject({ ok: false, refusal: { code: 'tooManyPages', count: 4 } });
    expect(checkAddPages({ a: [page(), page()] }, 'b', { count: 1, bytes: 200_000 }, limits)).toMatchObject({ ok: false, refusal: { code: 'caseTooLarge' } });
  });
  it('clamps limits a centre set', () => {
    expect(normalizeLimits(undefined)).toEqual(DEFAULT_PAGE_LIMITS);
    expect(normalizeLimits({ maxPagesPerMaterial: 1000, maxFileBytes: -5 })).toMatchObject({ maxPagesPerMaterial: 200, maxFileBytes: 1024 * 1024 });
  });
});
