import { describe, expect, it } from 'vitest';
import { makeClerk, makeIntakeCatalog } from '../../../test/fixtures/intake';
import { correctionNoticeContent, correctionTasks, pendingCorrections } from './correction';
import { correctionPointLabel, correctionPoints, unknownCorrectionPaths } from './caseFields';
import { AT, CASE_NUMBER, FOOD, FOOD_KEYS, acceptedFoodCase, foodDraft, statusEvent } from '../../../test/fixtures/lifecycle';

const catalog = makeIntakeCatalog();

/** 西湖区市场监督管理局 returns the case with comments on fields, materials, an answer, and some paths it cannot mean. */
function scjgCorrection(cursor = 12) {
  return statusEvent(cursor, 'correctionRequested', 'SCJG', {
    comment: '请按以下意见补正后重新提交。',
    fieldComments: [
      { path: 'applicant.phone', comment: '联系电话为空号，请核实' },
      { path: `${FOOD}/layout`, comment: '布局图未标明排水设施和垃圾存放位置' },
      { path: `fields.${FOOD}.businessArea`, comment: '经营面积与不动产权证书记载不一致' },
      { path: 'answers.shared/premises-ownership', comment: '经营场所实为租赁，请核实' },
      { path: 'case.applicant.legalRepresentative', comment: '法定代表人与营业执照记载不一致' },
      { path: 'materialStates["shared/legal-rep-id"]', comment: '法定代表人身份证已过有效期' },
      { path: `${FOOD}/layout`, comment: '须加盖公章' },
      { path: 'applicant.favouriteColour', comment: '（无效路径）' },
      { path: 'subject.handlingItemCodes', comment: '请确认是否为新办' },
      { path: 'shared/fire-safety-report', comment: '请提供消防安全检查意见书' },
    ],
  });
}

describe('correctionTasks', () => {
  it('maps every comment to a field, a material or an answer; the rest are general comments', () => {
    const c = acceptedFoodCase();
    const t = correctionTasks(c, scjgCorrection(), { catalog });
    expect(t.caseNumber).toBe(CASE_NUMBER);
    expect(t.departmentCodes).toEqual(['SCJG']);
    expect(t.total).toBe(11);
    expect(t.fields.map((f) => [f.path, f.section, f.label['zh-CN'], f.currentValue, f.comments.map((x) => x.comment)])).toEqual([
      ['applicant.phone', 'applicant', '联系电话', '0571-88231234', ['联系电话为空号，请核实']],
      [`fields.${FOOD}.businessArea`, 'itemField', '经营面积（㎡）', '120', ['经营面积与不动产权证书记载不一致']],
      ['applicant.legalRepresentative', 'applicant', '法定代表人（负责人）', '王芳', ['法定代表人与营业执照记载不一致']],
    ]);
    expect(t.materials.map((m) => [m.key, m.name, m.currentState?.status, m.comments.length])).toEqual([
      [FOOD_KEYS.layout, '经营场所和设备布局、操作流程示意图', 'receivedOriginal', 2],
      [FOOD_KEYS.repId, '法定代表人身份证件', 'receivedCopy', 1],
    ]);
    expect(t.materials[0]!.acceptanceStandard).toBe('标明功能区域、设备位置和操作流程');
    expect(t.answers).toEqual([
      expect.objectContaining({ key: 'shared/premises-ownership', question: '经营场所是自有还是租赁？', currentAnswer: 'owned', currentAnswerLabel: '自有' }),
    ]);
    expect(t.general.map((g) => [g.path, g.comment.comment])).toEqual([
      [null, '请按以下意见补正后重新提交。'],
      ['applicant.favouriteColour', '（无效路径）'],
      ['subject.handlingItemCodes', '请确认是否为新办'],
      ['shared/fire-safety-report', '请提供消防安全检查意见书'],
    ]);
    expect(t.highlight).toEqual({
      fieldPaths: ['applicant.phone', `fields.${FOOD}.businessArea`, 'applicant.legalRepresentative'],
      materialKeys: [FOOD_KEYS.layout, FOOD_KEYS.repId],
      answerKeys: ['shared/premises-ownership'],
    });
  });

  it('without the catalog, names come from the case (materials received at acceptance)', () => {
    const t = correctionTasks(acceptedFoodCase(), scjgCorrection());
    expect(t.materials.map((m) => m.name)).toEqual(['经营场所和设备布局、操作流程示意图', '法定代表人身份证件']);
    expect(t.materials[0]!.acceptanceStandard).toBeNull();
    expect(t.fields[1]!.label['zh-CN']).toBe('businessArea');
  });

  it('covers the open requests of several departments at once; a later review closes a request', () => {
    const c = acceptedFoodCase();
    const events = [
      statusEvent(2, 'dispatched', 'SCJG'),
      statusEvent(3, 'dispatched', 'WJJ'),
      statusEvent(5, 'correctionRequested', 'WJJ', { fieldComments: [{ path: 'agent', comment: '（无代理人）' }, { path: 'applicant.address', comment: '住所应写至门牌号' }] }),
      scjgCorrection(12),
      statusEvent(4, 'correctionRequested', 'YBJ', { comment: '旧的补正要求' }),
      statusEvent(6, 'takenForReview', 'YBJ'),
    ];
    const open = pendingCorrections(events);
    expect(open.map((e) => [e.cursor, e.departmentCode])).toEqual([
      [5, 'WJJ'],
      [12, 'SCJG'],
    ]);
    const t = correctionTasks(c, open, { catalog });
    expect(t.departmentCodes).toEqual(['WJJ', 'SCJG']);
    expect(t.fields[0]).toMatchObject({ path: 'applicant.address', comments: [{ departmentCode: 'WJJ', cursor: 5, comment: '住所应写至门牌号' }] });
    expect(t.general[0]).toMatchObject({ path: 'agent' }); // this case has no agent
  });

  it('a department that returns the case again while it waits (待补正) adds to its open request; the resubmission closes both', () => {
    const first = statusEvent(5, 'correctionRequested', 'SCJG', { comment: '请说明经营场所的实际用途' });
    const added = statusEvent(7, 'correctionRequested', 'SCJG', { fieldComments: [{ path: 'applicant.phone', comment: '联系电话为空号' }] });
    const events = [statusEvent(2, 'dispatched', 'SCJG'), first, added];
    expect(pendingCorrections(events).map((e) => e.cursor)).toEqual([5, 7]);
    const t = correctionTasks(acceptedFoodCase(), pendingCorrections(events), { catalog });
    expect(t.general.map((g) => g.comment.comment)).toEqual(['请说明经营场所的实际用途']);
    expect(t.fields.map((f) => f.path)).toEqual(['applicant.phone']);
    // the clerk's fix reaches the department: nothing is open any more
    expect(pendingCorrections([...events, statusEvent(8, 'resubmitted', 'SCJG')])).toEqual([]);
    // an older request closed by a review does not come back with a new one
    const reviewed = [statusEvent(2, 'dispatched', 'SCJG'), first, statusEvent(6, 'takenForReview', 'SCJG'), added];
    expect(pendingCorrections(reviewed).map((e) => e.cursor)).toEqual([7]);
  });

  it('refuses events that are not correction requests of this case', () => {
    const c = acceptedFoodCase();
    expect(() => correctionTasks(c, statusEvent(9, 'approved', 'SCJG'))).toThrow(RangeError);
    expect(() => correctionTasks(c, { ...scjgCorrection(), caseId: '8a1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' })).toThrow(/belongs to case/);
  });
});

describe('correctionNoticeContent (补正告知书)', () => {
  it('tells everything at once: materials with their standard, data to correct, other requests, departments', () => {
    const c = acceptedFoodCase();
    const t = correctionTasks(c, scjgCorrection(), { catalog });
    const doc = correctionNoticeContent(c, catalog, t, { at: '2026-12-02T09:40:00+08:00', clerk: makeClerk({ clerkId: 'C0112', name: '周敏', windowNo: '8' }) });
    expect(doc.title).toBe('补正告知书');
    expect(doc.caseNumber).toBe(CASE_NUMBER);
    expect(doc.noticeAt).toMatchObject({ date: '2026-12-02', time: '09:40' });
    expect(doc.clerk).toMatchObject({ clerkId: 'C0112', name: '周敏', windowNo: '8' });
    expect(doc.departments).toEqual([{ code: 'SCJG', name: '西湖区市场监督管理局' }]);
    expect(doc.statement).toBe(
      `您申请的事项（办件编号：${CASE_NUMBER}）已于2026-11-30受理，经西湖区市场监督管理局审查，需要补正下列内容。现一次性告知如下，请按要求全部补正后，到综合受理窗口提交。`,
    );
    expect(doc.materials[0]).toEqual({
      name: '经营场所和设备布局、操作流程示意图',
      acceptanceStandard: '标明功能区域、设备位置和操作流程',
      requests: ['布局图未标明排水设施和垃圾存放位置', '须加盖公章'],
      departments: ['西湖区市场监督管理局'],
    });
    expect(doc.entries.map((e) => e.label)).toEqual(['联系电话', '经营面积（㎡）', '法定代表人（负责人）', '经营场所是自有还是租赁？']);
    expect(doc.otherRequests.map((o) => o.text)).toEqual(['请按以下意见补正后重新提交。', '（无效路径）', '请确认是否为新办', '请提供消防安全检查意见书']);
    expect(doc.legalBasis).toEqual(['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》']);
    expect(doc.applicant.name).toBe('杭州西溪望湖酒店管理有限公司');
  });

  it('only for an accepted case', () => {
    const draft = foodDraft();
    const t = correctionTasks(draft, scjgCorrection());
    expect(() => correctionNoticeContent(draft, catalog, t, { at: AT })).toThrow(/not accepted/);
  });
});

describe('correctionPoints (what a department may point at, by name)', () => {
  it("lists the case's applicant fields, item fields and materials by name, never a bare path", () => {
    const c = acceptedFoodCase();
    const points = correctionPoints(c, catalog);
    const byPath = new Map(points.map((p) => [p.path, p]));
    expect(byPath.get('applicant.name')?.label['zh-CN']).toBe('申请单位名称');
    expect(byPath.get('applicant.uscc')?.label['zh-CN']).toBe('统一社会信用代码');
    expect(byPath.get('applicant.phone')?.label).toEqual({ 'zh-CN': '联系电话', 'en-US': 'Phone' });
    expect(byPath.has('applicant.idNumber')).toBe(false); // an organisation has a USCC, not an ID number
    expect(byPath.has('agent.name')).toBe(false); // no agent in this case
    expect(byPath.get(`fields.${FOOD}.businessArea`)).toMatchObject({ section: 'itemField', label: { 'zh-CN': '经营面积（㎡）' } });
    expect(byPath.get(FOOD_KEYS.layout)).toMatchObject({ section: 'material', label: { 'zh-CN': '经营场所和设备布局、操作流程示意图' } });
    expect(byPath.get(FOOD_KEYS.licence)?.label['zh-CN']).not.toContain('/');
    for (const p of points) {
      expect(p.label['zh-CN']).not.toMatch(/^(applicant|agent|fields)\.|\//);
      expect(unknownCorrectionPaths(c, [p.path], catalog)).toEqual([]);
    }
  });

  it('names what a comment points at for the timeline; null for a path that names nothing', () => {
    const c = acceptedFoodCase();
    expect(correctionPointLabel(c, 'applicant.phone', catalog)).toEqual({ 'zh-CN': '联系电话', 'en-US': 'Phone' });
    expect(correctionPointLabel(c, FOOD_KEYS.layout, catalog)?.['zh-CN']).toBe('经营场所和设备布局、操作流程示意图');
    expect(correctionPointLabel(c, 'materialStates["shared/legal-rep-id"]', catalog)?.['zh-CN']).toBe('法定代表人身份证件');
    expect(correctionPointLabel(c, `fields.${FOOD}.businessArea`, catalog)?.['zh-CN']).toBe('经营面积（㎡）');
    expect(correctionPointLabel(c, 'shared/fire-safety-report', catalog)).toBeNull();
  });

  it('every path that names nothing in the case is reported, the real ones pass', () => {
    const c = acceptedFoodCase();
    expect(
      unknownCorrectionPaths(
        c,
        ['applicant.phone', FOOD_KEYS.layout, 'answers.shared/premises-ownership', 'applicant.favouriteColour', 'shared/fire-safety-report', 'agent.name', 'subject.handlingItemCodes'],
        catalog,
      ),
    ).toEqual(['applicant.favouriteColour', 'shared/fire-safety-report', 'agent.name', 'subject.handlingItemCodes']);
  });
});

describe('a 补正 pointed at one page of a material', () => {
  const sha = (d: string) => d.repeat(64);
  const page = (d: string) => ({
    sha256: sha(d),
    originalSha256: sha('f'),
    mime: 'image/jpeg' as const,
    bytes: 1000,
    width: 100,
    height: 140,
    source: 'camera' as const,
    capturedAt: AT,
    by: 'C0107',
  });
  const withPages = () => ({ ...acceptedFoodCase(), materialPages: { [FOOD_KEYS.layout]: [page('a'), page('b')] } });

  it('names the page (its number and its bytes) so the clerk knows which one to take again', () => {
    const c = withPages();
    const path = `materialPages.${FOOD_KEYS.layout}.2`;
    expect(unknownCorrectionPaths(c, [path, `materialPages.${FOOD_KEYS.layout}.3`, `materialPages.${FOOD_KEYS.licence}.1`], catalog)).toEqual([
      `materialPages.${FOOD_KEYS.layout}.3`,
      `materialPages.${FOOD_KEYS.licence}.1`,
    ]);
    expect(correctionPointLabel(c, path, catalog)).toEqual({ 'zh-CN': '经营场所和设备布局、操作流程示意图 第2页', 'en-US': '经营场所和设备布局、操作流程示意图, page 2' });
    const t = correctionTasks(c, statusEvent(12, 'correctionRequested', 'SCJG', { fieldComments: [{ path, comment: '第二页模糊，请重新拍摄' }] }), { catalog });
    const m = t.materials.find((x) => x.key === FOOD_KEYS.layout)!;
    expect(m.comments).toEqual([expect.objectContaining({ comment: '第二页模糊，请重新拍摄', page: { number: 2, sha256: sha('b') } })]);
    expect(t.general).toEqual([]);
  });
});
