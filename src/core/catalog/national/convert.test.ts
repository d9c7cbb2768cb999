import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importNationalCsv, importNationalExport, isNationalExport, parseCsv, signingRequirementsOf, wouldLoseData } from './index';
import { createCalendar } from '../../calendar/calendar';
import { implementationCodeOf, type Catalog } from '../schema';

const dir = 'test/fixtures/national';
const exportJson = () => JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')) as { list: Record<string, unknown>[] };
const csvFiles = () => Object.fromEntries(readdirSync(join(dir, 'csv')).map((f) => [f, readFileSync(join(dir, 'csv', f), 'utf8')]));
const frame = { version: '2026.12.1', effectiveDate: '2026-12-01', publisher: '示范市政务服务数据管理局' };

function catalogOf(data: unknown): Catalog {
  const r = importNationalExport(data, frame);
  if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
  return r.result.catalog;
}

describe('national export (JSON)', () => {
  it('is told apart from a OneWindow catalog', () => {
    expect(isNationalExport(exportJson())).toBe(true);
    expect(isNationalExport({ schemaVersion: 1, items: [] })).toBe(false);
    expect(isNationalExport({ list: [] })).toBe(false);
    expect(isNationalExport(null)).toBe(false);
  });

  it('converts every table cleanly and counts what it took in', () => {
    const r = importNationalExport(exportJson(), frame);
    expect(r.clean).toBe(true);
    expect(r.report).toMatchObject({ implementations: 4, items: 4, basicCodes: 3, materials: 7, unplaced: [], unknownCodes: [], problems: [] });
    expect(r.report.bookkeepingFields).toBeGreaterThan(0);
    expect(r.result.ok && r.result.warnings).toEqual([]);
  });

  it('keeps two implementations of one basic code side by side, by department and level', () => {
    const c = catalogOf(exportJson());
    const food = c.items.filter((i) => i.basicCode === '000112300100');
    expect(food.map((i) => [implementationCodeOf(i), i.departmentCode, i.level])).toEqual([
      ['11440300MB2C001234400011230010001', 'SCJG-S', 'municipal'],
      ['11440303MB2C005678400011230010001', 'SCJG-Q', 'county'],
    ]);
    expect(c.departments.map((d) => d.name)).toContain('示范市甲区市场监督管理局');
  });

  it('reads limits with their unit and explanation: calendar days, no statutory limit', () => {
    const c = catalogOf(exportJson());
    const id = c.items.find((i) => i.name === '居民身份证换领')!;
    expect(id.statutoryLimit).toEqual({ kind: 'calendarDays', days: 60, explanation: '自申请之日起60日内（居民身份证法第十一条）' });
    expect(id.promisedLimit).toEqual({ kind: 'calendarDays', days: 20 });
    expect(id.handlingItems[1]).toMatchObject({ code: '000172101000-02', promisedLimit: { kind: 'calendarDays', days: 30 } });
    const levy = c.items.find((i) => i.type === 'administrativeLevy')!;
    expect(levy.statutoryLimit).toEqual({ kind: 'none', explanation: '无法定办结时限' });
  });

  it('keeps special procedures out of the limit, with days and unit', () => {
    const second = catalogOf(exportJson()).items[1]!;
    expect(second.promisedLimit).toEqual({ kind: 'workingDays', days: 5, explanation: '不含现场核查和听证时间' });
    expect(second.specialProcedures).toEqual([
      { name: '现场核查', days: 10, unit: 'workingDays', description: '需要对经营场所进行现场核查的，核查时间不计入办理时限' },
      { name: '听证', days: 20, unit: 'calendarDays', description: '申请人申请听证的，听证所需时间不计入办理时限' },
    ]);
  });

  it('reads materials: original and copy counts, signing and sealing, source notes, conditions, handling items', () => {
    const c = catalogOf(exportJson());
    const [form, licence, proxy] = c.items[0]!.materials;
    expect(form).toMatchObject({ type: 'original', originalCount: 1, copyCount: 0, copies: 1, pageCount: 2, paperSize: 'A4', signing: ['signature', 'officialSeal'], sourceNote: '申请人自行填写', fillingNotes: '用黑色墨水填写' });
    expect(licence).toMatchObject({ type: 'original', originalCount: 1, copyCount: 1, copies: 2, source: 'government', issuingDepartment: '市场监督管理部门', signing: ['copyCertified'] });
    expect(proxy!.appliesWhen).toEqual([{ questionId: 'c01', optionIds: ['yes'] }]);
    expect(c.items[0]!.situations[0]).toMatchObject({ id: 'c01', text: '是否属于以下情形：委托他人办理？' });
    expect(c.items[2]!.materials[1]!.handlingItems).toEqual(['000172101000-02']);
    expect(c.items[3]!.materials[0]).toMatchObject({ forms: ['paper', 'electronic'], copies: 3, signing: ['copyCertified', 'officialSeal'] });
  });

  it('reads fees with basis and reductions, windows, legal basis, results and QA', () => {
    const c = catalogOf(exportJson());
    expect(c.items[2]!.fee).toEqual({
      charged: true,
      basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》',
      items: [{ name: '居民身份证工本费', amount: '20元/证', reduction: '城乡居民最低生活保障对象免收' }],
      reductions: ['城乡居民最低生活保障对象免收'],
    });
    const first = c.items[0]!;
    expect(first.legalBasis).toEqual(['《中华人民共和国食品安全法》（主席令第二十一号）第三十五条']);
    expect(first.location).toBe('市政务服务中心综合窗口：示范市民生大道1号2楼（电话 0755-12345600）');
    expect(first.results).toEqual([{ name: '食品经营许可证', type: 'licence', sample: '食品经营许可证样本.pdf', electronic: true }]);
    expect(first.online).toBe(true);
    expect(first.serviceObjects).toEqual(['person', 'enterprise']);
    expect(first.faqs).toEqual([{ question: '许可证有效期多长？', answer: '食品经营许可证有效期为5年。' }]);
    expect(first.onSiteVisits).toEqual({ count: 1, reason: '领取许可证' });
  });

  it('reports every field it cannot place, with its path, and says data would be lost', () => {
    const data = exportJson();
    (data.list[0]!['AUDIT_ITEM'] as Record<string, string>)['ent_name_py'] = 'SPJYXK';
    ((data.list[1]!['AUDIT_MATERIAL'] as Record<string, string>[])[0]!)['page_color'] = '黑白';
    data.list[2]!['AUDIT_ITEM_MEDIATION'] = { x: '1' };
    const r = importNationalExport(data, frame);
    expect(r.report.unplaced.map((u) => u.path)).toEqual(['list[0].AUDIT_ITEM.ent_name_py', 'list[1].AUDIT_MATERIAL[0].page_color', 'list[2].AUDIT_ITEM_MEDIATION']);
    expect(wouldLoseData(r.report)).toBe(true);
    expect(r.clean).toBe(false);
    expect(r.result.ok).toBe(true); // the catalog itself is fine; the loss is what fails
  });

  it('reports an unknown code with its path instead of guessing, and leaves out an item it cannot type', () => {
    const data = exportJson();
    (data.list[3]!['AUDIT_ITEM'] as Record<string, string>)['task_type'] = '77';
    ((data.list[0]!['AUDIT_MATERIAL'] as Record<string, string>[])[0]!)['page_format'] = 'B5';
    const r = importNationalExport(data, frame);
    expect(r.report.unknownCodes).toEqual([
      { path: 'list[0].AUDIT_MATERIAL[0].page_format', field: 'page_format', value: 'B5' },
      { path: 'list[3].AUDIT_ITEM.task_type', field: 'task_type', value: '77' },
    ]);
    expect(r.report.items).toBe(3);
    expect(r.report.problems[0]!.path).toBe('list[3].AUDIT_ITEM');
    expect(r.report.problems[0]!.message['zh-CN']).toContain('task_type');
  });

  it('never throws on hostile input', () => {
    for (const bad of [null, 1, 'x', [], { list: 'x' }, { list: [null, 1, { AUDIT_ITEM: [] }, { AUDIT_ITEM: { task_code: {} } }] }]) {
      const r = importNationalExport(bad, frame);
      expect(r.clean).toBe(false);
    }
  });
});

describe('national export (CSV, one file per table)', () => {
  it('gives the same catalog as the JSON export', () => {
    const fromCsv = importNationalCsv(csvFiles(), frame);
    expect(fromCsv.clean).toBe(true);
    expect(fromCsv.result.ok && fromCsv.result.catalog).toEqual(catalogOf(exportJson()));
  });

  it('reports a row whose implementation code is not in AUDIT_ITEM.csv, and an unknown table', () => {
    const files = csvFiles();
    files['AUDIT_QA.csv'] += 'NOPE,问,答\r\n';
    files['AUDIT_EXTRA.csv'] = 'A\r\n1\r\n';
    const r = importNationalCsv(files, frame);
    expect(r.report.problems.map((p) => p.path)).toEqual(['AUDIT_EXTRA.csv', 'AUDIT_QA.csv 第 3 行']);
    expect(r.clean).toBe(false);
  });

  it('parses quoted fields, "" escapes, line breaks in a field, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, ""y""","1\n2"\r\n')).toEqual([['a', 'b'], ['x, "y"', '1\n2']]);
  });
});

describe('signing and sealing requirements', () => {
  it('tells a 与原件无异 stamp from an official seal', () => {
    expect(signingRequirementsOf('复印件加盖“与原件无异”章')).toEqual(['copyCertified']);
    expect(signingRequirementsOf('法定代表人签字，加盖单位公章')).toEqual(['signature', 'officialSeal']);
    expect(signingRequirementsOf('本人签名并按手印')).toEqual(['signature', 'fingerprint']);
  });
});

describe('calendar-day limits', () => {
  const cal = createCalendar([]);
  it('count calendar days and end on a working day', () => {
    // 2026-12-01 (Tue) + 60 days = 2027-01-30 (Sat) → Monday 2027-02-01
    expect(cal.dueDate('2026-12-01', { kind: 'calendarDays', days: 60 })?.date).toBe('2027-02-01');
    expect(cal.dueDate('2026-12-01', { kind: 'calendarDays', days: 2 })?.date).toBe('2026-12-03');
    expect(cal.dueDate('2026-12-01', { kind: 'workingDays', days: 5 })?.date).toBe('2026-12-08');
    expect(cal.dueDate('2026-12-01', { kind: 'none' })).toBeNull();
  });
});
