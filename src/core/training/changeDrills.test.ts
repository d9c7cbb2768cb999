import { describe, expect, it } from 'vitest';
import type { Catalog, Item } from '../catalog/schema';
import { checkResidentId, checkUscc } from '../identity';
import { whatChangedDrills, whatChangedDrillsWithSkipped, whatChangedPack } from './changeDrills';
import { clone, defaultCatalog } from '../../../test/fixtures/training';
import { parseScenarioPackData } from './scenario';
import { attemptFromExpected, scoreDrill } from './scoring';

const oldCatalog = defaultCatalog();

function itemOf(c: Catalog, code: string): Item {
  const i = c.items.find((x) => x.basicCode === code);
  if (!i) throw new Error(code);
  return i;
}

/** 2027.1.1: four items' materials change, one item's question text only, one item is new. */
function updated(): Catalog {
  const c = clone(oldCatalog);
  c.version = '2027.1.1';
  c.effectiveDate = '2027-01-04';
  // 无犯罪记录证明: a newly required material.
  itemOf(c, '330002006000').materials.push({
    id: 'purpose-proof',
    name: '用途证明（用人单位出具的入职通知等）',
    type: 'originalOrCopy',
    forms: ['paper'],
    copies: 1,
    necessity: 'required',
    source: 'applicant',
    acceptanceStandard: '载明需要开具无犯罪记录证明的用途，加盖出具单位公章',
    legalBasis: '《公安机关办理无犯罪记录证明工作规定》第五条',
    appliesWhen: [],
    handlingItems: [],
  });
  // 住房公积金提取（退休）: the retirement approval is no longer fetched — it must be brought.
  const ra = itemOf(c, '330009003000').materials.find((m) => m.id === 'retirement-approval')!;
  ra.forms = ['paper'];
  ra.copies = 1;
  // 有限责任公司设立登记: shareholders' IDs now as originals, not copies.
  itemOf(c, '330001002000').materials.find((m) => m.id === 'shareholder-ids')!.type = 'original';
  // 居住证申领: the study proof is dropped.
  const rp = itemOf(c, '330002005000');
  rp.materials = rp.materials.filter((m) => m.id !== 'study-proof');
  // 失业登记: only a question's wording changes — no drill.
  itemOf(c, '330003002000').situations[0]!.text = '失业前是否曾在用人单位就业并参加社会保险';
  // A new item — no drill (nothing to compare with).
  c.items.push({ ...clone(itemOf(c, '330006005000')), basicCode: '330006009000', name: '百岁老人长寿补贴申领', aliases: [] });
  return c;
}

const newCatalog = updated();

describe('whatChangedDrills', () => {
  const drills = whatChangedDrills(oldCatalog, newCatalog);
  const byCode = (code: string) => drills.find((d) => d.expected.subject.kind === 'item' && d.expected.subject.basicCode === code)!;

  it('makes one drill per item whose materials changed, and none for the rest', () => {
    const codes = drills.map((d) => (d.expected.subject.kind === 'item' ? d.expected.subject.basicCode : '')).sort();
    expect(codes).toEqual(['330001002000', '330002005000', '330002006000', '330009003000']);
    expect(drills.map((d) => d.id)).toContain('whats-changed-330002006000-2027-1-1');
  });

  it('the drills import against the new catalog with no error', () => {
    const pack = whatChangedPack(oldCatalog, newCatalog);
    const r = parseScenarioPackData(pack, newCatalog);
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message['en-US']}`)).toEqual([]);
  });

  it('a newly required material: the applicant does not have it, the notice lists it', () => {
    const d = byCode('330002006000');
    expect(d.applicant.documents.map((x) => x.key)).not.toContain('330002006000/purpose-proof');
    expect(d.expected.materials['330002006000/purpose-proof']).toEqual({ status: 'missing' });
    expect(d.expected.decision).toEqual({ kind: 'oneTimeNotice', notice: ['330002006000/purpose-proof'] });
    expect(d.debrief['zh-CN']).toContain('新增材料「用途证明（用人单位出具的入职通知等）」');
    expect(d.catalogVersion).toBe('2027.1.1');
    expect(d.drillDate).toBe('2027-01-04');
  });

  it('a material no longer fetched: the applicant relied on data sharing, now it must be brought', () => {
    const d = byCode('330009003000');
    expect(d.applicant.documents.find((x) => x.key === 'shared/retirement-approval')?.state).toBe('missing');
    expect(d.expected.decision).toEqual({ kind: 'oneTimeNotice', notice: ['shared/retirement-approval'] });
    expect(d.debrief['zh-CN']).toContain('材料形式');
  });

  it('a copy no longer enough: the copy the applicant brings is deficient', () => {
    const d = byCode('330001002000');
    expect(d.applicant.documents.find((x) => x.key === '330001002000/shareholder-ids')?.form).toBe('copy');
    expect(d.expected.materials['330001002000/shareholder-ids']?.status).toBe('receivedCopy');
    expect(d.expected.decision).toEqual({ kind: 'oneTimeNotice', notice: ['330001002000/shareholder-ids'] });
  });

  it('a dropped material: the rest is complete, accept', () => {
    const d = byCode('330002005000');
    expect(d.expected.decision).toEqual({ kind: 'accept' });
    expect(d.debrief['zh-CN']).toContain('取消材料「在读证明（学籍证明）」');
  });

  it('every model answer scores 100 on the new catalog', () => {
    for (const d of drills) {
      const s = scoreDrill(d, attemptFromExpected(d), newCatalog);
      expect(s.mistakes, d.id).toEqual([]);
      expect(s.total).toBe(100);
    }
  });

  it('applicants are fictional but valid, and the same update gives the same drills', () => {
    for (const d of drills) {
      const p = d.applicant.party;
      if (p.kind === 'person') expect(checkResidentId(p.idNumber, d.drillDate).ok).toBe(true);
      else expect(checkUscc(p.uscc).ok).toBe(true);
      expect(p.phone).toMatch(/^1380000\d{4}$/);
    }
    expect(whatChangedDrills(oldCatalog, newCatalog)).toEqual(drills);
  });

  it('nothing changed: no drill', () => {
    expect(whatChangedDrillsWithSkipped(oldCatalog, clone(oldCatalog))).toEqual({ scenarios: [], skipped: [] });
  });
});
