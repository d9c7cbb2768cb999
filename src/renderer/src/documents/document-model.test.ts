import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_GLOBAL, type OneWindowHost } from '@core/host/contract';
import { recordDecision, type AcceptDecision, type Decision, type IntakeCase, type OneTimeNoticeDecision, type RefuseDecision } from '@core/intake/case';
import { makeCaseNumber } from '@core/intake/caseNumber';
import { refusalRights } from '@core/intake/decision';
import { AT, FOOD, HYGIENE, IDS, agentPerson, hotelSubject, makeDraft, makeIntakeCatalog, personApplicant } from '../../../../test/fixtures/intake';
import {
  copiesText,
  documentContent,
  documentKindOf,
  documentTitle,
  formatDocumentDate,
  formatDocumentDateTime,
  itemsLine,
  kilobytes,
  kindOfContent,
  printTitle,
  problemLabel,
  provisionalFootnote,
  provisionalYears,
  qrSvg,
  receivedLabel,
} from './document-model';

const CASE_NUMBER = (() => {
  const r = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
  if (!r.ok) throw new Error('fixture case number');
  return r.value;
})();
const DECIDED_AT = '2026-11-30T09:40:00+08:00';

const acceptDecision = (provisional = false): AcceptDecision => ({
  kind: 'accept',
  at: DECIDED_AT,
  by: 'C0107',
  caseNumber: CASE_NUMBER,
  promisedDates: [
    {
      basicCode: FOOD,
      itemName: '食品经营许可',
      handlingItemCodes: [`${FOOD}-01`],
      limit: { kind: 'workingDays', days: 5 },
      date: provisional ? '2027-01-05' : '2026-12-07',
      provisional,
    },
  ],
  received: [
    { key: 'shared/application-form', name: '食品经营许可申请书', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 },
    { key: 'shared/business-licence', name: '营业执照', itemCodes: [FOOD], type: 'copy', status: 'fetched', copies: 0 },
    { key: `${FOOD}/layout`, name: '经营场所平面布局图', itemCodes: [FOOD], type: 'copy', status: 'receivedCopy', copies: 2 },
  ],
});

const noticeDecision = (): OneTimeNoticeDecision => ({
  kind: 'oneTimeNotice',
  at: DECIDED_AT,
  by: 'C0107',
  caseNumber: CASE_NUMBER,
  items: [
    {
      key: 'shared/lease-contract',
      name: '租赁合同',
      itemCodes: [FOOD],
      problem: 'missing',
      reason: '未提交',
      acceptanceStandard: '在有效期内，载明经营场所地址',
      necessity: 'required',
    },
    {
      key: `${FOOD}/layout`,
      name: '经营场所平面布局图',
      itemCodes: [FOOD],
      problem: 'deficient',
      reason: '未标明设备布局',
      acceptanceStandard: '标明各功能区和设备布局',
      necessity: 'required',
    },
  ],
});

const refuseDecision = (): RefuseDecision => ({
  kind: 'refuse',
  at: DECIDED_AT,
  by: 'C0107',
  caseNumber: CASE_NUMBER,
  reason: { code: 'notJurisdiction', text: '申请事项依法不属于本行政机关职权范围', whereToApply: '示例市自然资源和规划局' },
  rights: refusalRights('示例市西湖区人民政府', '示例市西湖区人民法院'),
});

function decided(decision: Decision, edit: Partial<IntakeCase> = {}): IntakeCase {
  const draft = makeDraft({ applicant: personApplicant(), agent: agentPerson(), ...edit });
  return recordDecision(draft, decision);
}

describe('which document, and its title', () => {
  it('maps each decision kind to its document', () => {
    expect(documentKindOf({ kind: 'accept' })).toBe('acceptance');
    expect(documentKindOf({ kind: 'oneTimeNotice' })).toBe('oneTimeNotice');
    expect(documentKindOf({ kind: 'refuse' })).toBe('refusal');
    expect(documentTitle({ kind: 'accept' })).toBe('受理通知书');
    expect(documentTitle({ kind: 'oneTimeNotice' })).toBe('一次性告知书');
    expect(documentTitle('refusal')).toBe('不予受理通知书');
  });

  it('print titles carry the case number, never personal data, and fit the host limit', () => {
    expect(printTitle('acceptance', CASE_NUMBER)).toBe(`受理通知书-${CASE_NUMBER}`);
    expect(printTitle('refusal', '')).toBe('不予受理通知书');
    expect(printTitle('oneTimeNotice', 'a/b\\c:d')).toBe('一次性告知书-abcd');
    expect(printTitle('acceptance', 'x'.repeat(500)).length).toBe(200);
  });
});

describe('dates as official documents write them', () => {
  it('has no leading zeros', () => {
    expect(formatDocumentDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatDocumentDate('2026-11-30')).toBe('2026年11月30日');
    expect(formatDocumentDateTime({ date: '2026-11-30', time: '09:15' })).toBe('2026年11月30日 09:15');
  });
  it('returns anything else unchanged', () => {
    expect(formatDocumentDate('soon')).toBe('soon');
  });
});

describe('table labels', () => {
  it('names how a material was taken in and its copies', () => {
    expect(receivedLabel({ received: 'original' })).toBe('原件');
    expect(receivedLabel({ received: 'copy' })).toBe('复印件');
    expect(receivedLabel({ received: 'fetched' })).toBe('免提交');
    expect(copiesText({ received: 'copy', copies: 2 })).toBe('2份');
    expect(copiesText({ received: 'fetched', copies: 0 })).toBe('—');
    expect(copiesText({ received: 'original', copies: 0 })).toBe('—');
  });
  it('names the problem of a notice line', () => {
    expect(problemLabel({ problem: 'missing' })).toBe('缺少');
    expect(problemLabel({ problem: 'deficient' })).toBe('需补正');
  });
  it('joins items, naming the bundle first', () => {
    const items = [{ name: '公共场所卫生许可' }, { name: '食品经营许可' }] as never;
    expect(itemsLine({ items })).toBe('公共场所卫生许可；食品经营许可');
    expect(itemsLine({ items, bundle: { id: 'open-hotel', name: '开办旅馆一件事' } })).toBe('开办旅馆一件事（公共场所卫生许可；食品经营许可）');
  });
  it('rounds sizes to kilobytes, at least 1 for a non-empty file', () => {
    expect(kilobytes(0)).toBe(0);
    expect(kilobytes(1)).toBe(1);
    expect(kilobytes(2048)).toBe(2);
    expect(kilobytes(80_000)).toBe(78);
  });
});

describe('provisional promised dates', () => {
  it('needs no footnote when every date is official', () => {
    expect(provisionalFootnote([{ date: '2026-12-07', provisional: false }])).toBeNull();
  });
  it('names the years whose holiday calendar is not yet published', () => {
    const promised = [
      { date: '2028-01-04', provisional: true },
      { date: '2027-01-05', provisional: true },
      { date: '2027-02-01', provisional: true },
      { date: '2026-12-07', provisional: false },
    ];
    expect(provisionalYears(promised)).toEqual(['2027', '2028']);
    const note = provisionalFootnote(promised)!;
    expect(note).toContain('（暂定）');
    expect(note).toContain('2027年、2028年');
    expect(note).toContain('尚未公布');
    // the holidays are already out by rule; only the make-up days can still move the date
    expect(note).toContain('已按《全国年节及纪念日放假办法》扣除法定节假日');
    expect(note).toContain('调休安排公布后日期可能变动');
  });
});

describe('QR code of the case number', () => {
  it('is a square with a quiet zone and the three finder patterns', () => {
    const qr = qrSvg(CASE_NUMBER);
    expect(qr.side).toBe(25 + 2); // version 2 at level M, 1-module margin
    const dark = new Set([...qr.path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    expect(dark.size).toBeGreaterThan(100);
    // finder pattern corners (7×7) at top-left, top-right, bottom-left, offset by the margin
    for (const [x, y] of [
      [1, 1],
      [7, 7],
      [19, 1],
      [25, 7],
      [1, 19],
      [7, 25],
    ] as const)
      expect(dark.has(`${x},${y}`), `${x},${y}`).toBe(true);
    expect(dark.has('0,0')).toBe(false); // quiet zone
    expect(dark.has('2,2')).toBe(false); // the finder's white ring
  });
  it('is the same for the same text, different for another', () => {
    expect(qrSvg(CASE_NUMBER)).toEqual(qrSvg(CASE_NUMBER));
    expect(qrSvg(CASE_NUMBER).path).not.toBe(qrSvg('330106-261130-7K0043-X').path);
  });
});

describe('documentContent', () => {
  const catalog = makeIntakeCatalog();

  it('is null for a draft', () => {
    expect(documentContent(makeDraft(), catalog)).toBeNull();
  });

  it('builds the acceptance notice with the full ID number and the materials received', () => {
    const c = documentContent(decided(acceptDecision()), catalog);
    expect(c?.documentType).toBe('acceptanceNotice');
    if (c?.documentType !== 'acceptanceNotice') return;
    expect(kindOfContent(c)).toBe('acceptance');
    expect(c.caseNumber).toBe(CASE_NUMBER);
    expect(c.applicant.idNumber).toBe(IDS.zhangWei);
    expect(c.agent?.name).toBe('李强');
    expect(c.materialsReceived.map((m) => receivedLabel(m))).toEqual(['原件', '免提交', '复印件']);
    expect(c.anyProvisional).toBe(false);
  });

  it('marks a provisional promised date', () => {
    const c = documentContent(decided(acceptDecision(true)), catalog);
    if (c?.documentType !== 'acceptanceNotice') throw new Error('expected an acceptance notice');
    expect(c.anyProvisional).toBe(true);
    expect(provisionalFootnote(c.promised)).toContain('2027年');
  });

  it('builds the one-time notice with every line and the law first', () => {
    const c = documentContent(decided(noticeDecision()), catalog);
    if (c?.documentType !== 'oneTimeNotice') throw new Error('expected a one-time notice');
    expect(kindOfContent(c)).toBe('oneTimeNotice');
    expect(c.materials.map((m) => [m.name, problemLabel(m)])).toEqual([
      ['租赁合同', '缺少'],
      ['经营场所平面布局图', '需补正'],
    ]);
    expect(c.legalBasis[0]).toBe('《中华人民共和国行政许可法》第三十二条');
  });

  it('builds the refusal with where to apply and both rights', () => {
    const c = documentContent(decided(refuseDecision()), catalog);
    if (c?.documentType !== 'refusalNotice') throw new Error('expected a refusal notice');
    expect(kindOfContent(c)).toBe('refusal');
    expect(c.statement).toContain('示例市自然资源和规划局');
    expect(c.rightsText).toContain('六十日内');
    expect(c.rightsText).toContain('六个月内');
    expect(c.rightsText).toContain('示例市西湖区人民法院');
  });

  it('names a bundle and its items', () => {
    const d = acceptDecision();
    d.promisedDates = [
      { ...d.promisedDates[0]!, basicCode: HYGIENE, itemName: '公共场所卫生许可', handlingItemCodes: [`${HYGIENE}-01`] },
      d.promisedDates[0]!,
    ];
    const c = documentContent(decided(d, { subject: hotelSubject() }), catalog);
    if (c?.documentType !== 'acceptanceNotice') throw new Error('expected an acceptance notice');
    expect(c.bundle?.name).toBeTruthy();
    expect(itemsLine(c)).toContain(c.bundle!.name);
    expect(c.items.map((i) => i.basicCode)).toEqual([HYGIENE, FOOD]);
  });
});

describe('PDF copies kept with the case', () => {
  let next: Uint8Array | null | Error = null;
  const host: OneWindowHost = {
    info: async () => ({ kind: 'electron', appVersion: 'test', platform: 'test' }),
    openTextFile: async () => null,
    saveTextFile: async () => false,
    print: async () => undefined,
    // the kept copy is sealed with the host's keys (it shows the full ID number)
    dataKeys: async () => ({
      kind: 'cryptoKey',
      encryption: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      index: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
    }),
    printToPdf: async () => {
      if (next instanceof Error) throw next;
      return next;
    },
  };

  beforeAll(() => {
    (globalThis as { window?: unknown }).window = { [HOST_GLOBAL]: host };
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('stores the bytes under (case, kind), replaces them on a retry, and reports the size', async () => {
    const { keepPdfCopy, getKeptPdf, keptPdfsOfCase } = await import('./document-store');
    const caseId = '0b7e2c1a-1111-4c2d-9e3f-000000000001';
    next = new Uint8Array(3000).fill(37);
    const first = await keepPdfCopy(caseId, 'oneTimeNotice', '一次性告知书-x', new Date(AT));
    expect(first).toMatchObject({ ok: true, bytes: 3000 });
    next = new Uint8Array(5000).fill(37);
    const again = await keepPdfCopy(caseId, 'oneTimeNotice', '一次性告知书-x');
    expect(again).toMatchObject({ ok: true, bytes: 5000 });
    await keepPdfCopy(caseId, 'acceptance', '受理通知书-x');
    const kept = await getKeptPdf(caseId, 'oneTimeNotice');
    expect(kept?.bytes).toBe(5000);
    expect(kept?.pdf).toBeInstanceOf(Uint8Array);
    expect(kept?.pdf).toEqual(new Uint8Array(5000).fill(37)); // opened back
    // at rest only the sealed bytes: the stored row's pdf is empty
    const { getDb } = await import('../store/db');
    const row = await getDb().caseDocuments.get([caseId, 'oneTimeNotice']);
    expect(row?.pdf.byteLength).toBe(0);
    expect(row?.sealed?.ct.byteLength).toBeGreaterThan(5000);
    expect((await keptPdfsOfCase(caseId)).map((r) => r.kind).sort()).toEqual(['acceptance', 'oneTimeNotice']);
  });

  it('reports a host that cannot make PDFs, and a failure, without throwing', async () => {
    const { keepPdfCopy, getKeptPdf } = await import('./document-store');
    const caseId = '0b7e2c1a-1111-4c2d-9e3f-000000000002';
    next = null;
    expect(await keepPdfCopy(caseId, 'refusal', 't')).toEqual({ ok: false, reason: 'unsupported' });
    next = new Error('PRINT_FAILED');
    expect(await keepPdfCopy(caseId, 'refusal', 't')).toMatchObject({ ok: false, reason: 'failed' });
    expect(await getKeptPdf(caseId, 'refusal')).toBeUndefined();
  });
});
