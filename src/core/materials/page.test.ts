import { describe, expect, it } from 'vitest';
import { PageRef } from './page';
import { IntakeCase } from '../intake/case';

const sha = (c: string) => c.repeat(64);
const page = {
  sha256: sha('a'),
  originalSha256: sha('b'),
  mime: 'image/jpeg',
  bytes: 240_000,
  width: 1654,
  height: 2339,
  source: 'camera',
  capturedAt: '2026-12-07T09:15:00+08:00',
  by: 'C0042',
};

describe('PageRef', () => {
  it('takes a page and refuses an address that is not a SHA-256', () => {
    expect(PageRef.safeParse(page).success).toBe(true);
    expect(PageRef.safeParse({ ...page, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(PageRef.safeParse({ ...page, mime: 'application/pdf' }).success).toBe(false);
  });

  it('a case keeps its pages per checklist line', () => {
    const c = IntakeCase.parse({
      id: '7d1d8a3e-2b1c-4b7a-9a51-0e7f3c1d2b4a',
      status: 'draft',
      catalogVersion: '2026.11.1',
      subject: { kind: 'item', basicCode: '000117003000' },
      answers: {},
      materialStates: {},
      materialPages: { '000117003000/lease': [page] },
      fields: {},
      clerk: { clerkId: 'C0042', name: '王丽', windowNo: '12', centreCode: '330106', centreName: '西湖区行政服务中心', workstationId: 'WS-12' },
      createdAt: '2026-12-07T09:00:00+08:00',
      updatedAt: '2026-12-07T09:15:00+08:00',
      step: 'materials',
    });
    expect(c.materialPages?.['000117003000/lease']?.[0]?.sha256).toBe(sha('a'));
  });
});
