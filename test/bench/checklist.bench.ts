/**
 * Checklist benchmark: deriving the checklist (questions + materials, merged once across
 * the bundle) for a 一件事 bundle of 10 items — ~8 materials and 3 questions per item,
 * shared materials and shared questions overlapping across items, materials and a
 * follow-up question conditioned on answers, an agent. Target: ≤ 1 ms per derivation.
 *
 *   npx tsx test/bench/checklist.bench.ts      (or via test/bench/run.ts)
 */
import { pathToFileURL } from 'node:url';
import { Catalog, type CatalogInput } from '../../src/core/catalog/schema';
import { deriveChecklist, prepareCatalog, type Subject } from '../../src/core/intake';
import { licencesForLine } from '../../src/core/sharing/lookup';
import { fmt, formatBenchResult, median, percentile, type BenchOptions, type BenchResult } from './report';

export const ITEMS_IN_BUNDLE = 10;
export const RUNS = 2000;
const TARGET_MS = 1;

const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms

type MaterialInput = CatalogInput['items'][number]['materials'][number];

/** Materials every item of a business bundle asks for: the same document, collected once. */
const SHARED: [id: string, name: string, standard: string, extra?: Partial<MaterialInput>][] = [
  ['application-form', '申请表', '填写完整，申请人签字或盖章', { copies: 1 }],
  // fetchable (调取): a licence of the 电子证照目录 stands in for them
  ['business-licence', '营业执照', '在有效期内，经营范围包含申请事项', { type: 'copy', forms: ['paper', 'dataSharing'], source: 'government', licences: [{ typeCode: 'business-licence', holder: 'organisation' }] }],
  ['legal-rep-id', '法定代表人身份证件', '在有效期内，与营业执照一致', { type: 'originalOrCopy', forms: ['paper', 'dataSharing'], source: 'government', licences: [{ typeCode: 'resident-id-card', holder: 'applicant' }] }],
  ['lease-contract', '经营场所租赁合同', '在有效期内，出租方签字盖章', { appliesWhen: [{ questionId: 'premises', optionIds: ['leased'] }] }],
  ['property-cert', '房屋所有权证明', '产权人与申请人一致', { appliesWhen: [{ questionId: 'premises', optionIds: ['owned'] }] }],
];

/** A synthetic catalog: `itemCount` items in one bundle 'bench10'. */
export function makeChecklistBenchCatalog(itemCount = ITEMS_IN_BUNDLE): Catalog {
  const pad = (n: number) => String(n).padStart(3, '0');
  const items: CatalogInput['items'] = [];
  for (let i = 0; i < itemCount; i += 1) {
    const code = `330099${pad(i)}000`;
    // 8 materials: 3–4 of the shared ones (overlapping differently per item) and the item's own.
    const shared = SHARED.filter((_, k) => (i + k) % 3 !== 0 || k === 0).slice(0, 4);
    const materials: MaterialInput[] = shared.map(([sharedMaterialId, name, acceptanceStandard, extra]) => ({
      id: sharedMaterialId,
      sharedMaterialId,
      name,
      type: 'original',
      forms: ['paper'],
      copies: 1 + (i % 2),
      necessity: i % 4 === 0 ? 'deferrable' : 'required',
      source: 'applicant',
      acceptanceStandard: i % 2 ? acceptanceStandard : `${acceptanceStandard}；复印件加盖公章`,
      legalBasis: `《示例条例》第${i + 3}条`,
      ...extra,
    }));
    for (let j = materials.length; j < 8; j += 1) {
      materials.push({
        id: `m${j}`,
        name: `事项${i}专用材料${j}`,
        type: j % 2 ? 'original' : 'originalOrCopy',
        forms: ['paper'],
        copies: 1,
        necessity: j === 7 ? 'optional' : 'required',
        source: j % 3 ? 'applicant' : 'government',
        ...(j % 3 ? {} : { issuingDepartment: '示例局' }),
        acceptanceStandard: `内容完整，与申请事项一致（${i}-${j}）`,
        ...(j === 5 ? { appliesWhen: [{ questionId: 'scale', optionIds: ['large'] }] } : {}),
        ...(j === 6 ? { appliesWhen: [{ questionId: 'detail', optionIds: ['a'] }] } : {}),
        ...(j === 7 ? { handlingItems: [`${code}-02`] } : {}),
      });
    }
    items.push({
      basicCode: code,
      name: `示例事项${i}`,
      type: 'administrativeLicence',
      departmentCode: `D${i % 4}`,
      handlingItems: [
        { code: `${code}-01`, name: '新办' },
        { code: `${code}-02`, name: '变更' },
      ],
      acceptanceConditions: ['符合条件'],
      legalBasis: ['《示例条例》'],
      statutoryLimit: { kind: 'workingDays', days: 20 },
      promisedLimit: { kind: 'workingDays', days: 5 + i },
      caseType: 'promised',
      fee: { charged: false },
      onSiteVisits: { count: 1 },
      situations: [
        { id: 'premises', sharedQuestionId: 'premises-ownership', text: '经营场所是自有还是租赁？', options: [{ id: 'owned', label: '自有' }, { id: 'leased', label: '租赁' }] },
        { id: 'scale', sharedQuestionId: i % 2 ? 'scale' : undefined, text: '经营规模？', options: [{ id: 'large', label: '大型' }, { id: 'small', label: '中小型' }] },
        {
          id: 'detail',
          text: '细分情形？',
          options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'c', label: '丙' }],
          askWhen: [{ questionId: 'scale', optionIds: ['large'] }],
        },
      ],
      materials,
    });
  }
  return Catalog.parse({
    schemaVersion: 1,
    version: '2026.11.1',
    effectiveDate: '2026-11-01',
    publisher: '基准测试',
    departments: [0, 1, 2, 3].map((d) => ({ code: `D${d}`, name: `示例局${d}` })),
    licenceTypes: [
      { code: 'business-licence', name: '营业执照', issuingDepartmentCode: 'D0', holderIdType: 'uscc' },
      { code: 'resident-id-card', name: '居民身份证', issuingDepartmentCode: 'D1', holderIdType: 'residentId' },
    ],
    items,
    bundles: [
      {
        id: 'bench10',
        name: '基准一件事',
        description: '10 个事项的一件事',
        items: items.map((it, k) => ({ basicCode: it.basicCode, handlingItemCode: `${it.basicCode}-01`, optional: k >= 8 })),
      },
    ],
  });
}

/** Answers to every question (premises leased, scale large, detail a). */
export function answersFor(catalog: Catalog): Record<string, string> {
  const answers: Record<string, string> = { 'shared/premises-ownership': 'leased', 'shared/scale': 'large' };
  for (const it of catalog.items) {
    answers[`${it.basicCode}/scale`] = 'large';
    answers[`${it.basicCode}/detail`] = 'a';
  }
  return answers;
}

export async function runChecklistBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const catalog = makeChecklistBenchCatalog();
  const subject: Subject = { kind: 'bundle', bundleId: 'bench10', basicCodes: catalog.items.map((i) => i.basicCode) };
  const answers = answersFor(catalog);
  const partial = { 'shared/premises-ownership': 'leased' };

  // First call on a fresh catalog object: includes preparing (indexing) the catalog.
  const tc0 = now();
  const first = deriveChecklist(catalog, subject, answers, { hasAgent: true });
  const coldMs = now() - tc0;
  if (first.problems.length) throw new Error(`bench catalog has problems: ${JSON.stringify(first.problems)}`);
  const prepared = prepareCatalog(catalog);

  for (let i = 0; i < 300; i += 1) deriveChecklist(catalog, subject, i % 2 ? answers : partial, { hasAgent: i % 3 === 0 }); // warm-up (JIT)
  log(`checklist: ${catalog.items.length} items, ${first.questions.length} questions, ${first.materials.length} checklist lines; timing ${RUNS} runs`);

  const times = new Float64Array(RUNS);
  let lines = 0;
  for (let i = 0; i < RUNS; i += 1) {
    // Alternate what the clerk has answered so far, and with/without an agent, as during an intake.
    const a = i % 4 === 3 ? partial : answers;
    const t0 = now();
    const c = deriveChecklist(i % 2 ? catalog : prepared, subject, a, { hasAgent: i % 2 === 0 });
    times[i] = now() - t0;
    lines += c.materials.length;
  }
  // What the checklist screen does per render: the checklist, then each line's licences (调取).
  const withLinks = new Float64Array(RUNS);
  let fetchableLines = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const a = i % 4 === 3 ? partial : answers;
    const t0 = now();
    const c = deriveChecklist(i % 2 ? catalog : prepared, subject, a, { hasAgent: i % 2 === 0 });
    for (const l of c.materials) if (licencesForLine(l, prepared).length > 0) fetchableLines += 1;
    withLinks[i] = now() - t0;
  }
  const sortedLinks = Float64Array.from(withLinks).sort();
  const medLinks = median(sortedLinks);
  const p95Links = percentile(sortedLinks, 95);
  const sorted = Float64Array.from(times).sort();
  const med = median(sorted);
  const p95 = percentile(sorted, 95);
  const p99 = percentile(sorted, 99);
  const catalogMaterials = catalog.items.reduce((n, it) => n + it.materials.length, 0);
  const catalogQuestions = catalog.items.reduce((n, it) => n + it.situations.length, 0);

  return {
    name: 'checklist (bundle of 10 items)',
    figures: [
      { label: 'bundle items', value: String(catalog.items.length) },
      { label: 'catalog materials / questions', value: `${catalogMaterials} / ${catalogQuestions}` },
      { label: 'checklist: questions / material lines (all answered, agent)', value: `${first.questions.length} / ${first.materials.length}` },
      { label: 'avg material lines per run', value: fmt(lines / RUNS, 1) },
      { label: 'first call (prepares the catalog)', value: coldMs, unit: 'ms' },
      { label: 'runs', value: String(RUNS) },
      { label: 'median', value: med, unit: 'ms' },
      { label: 'p95', value: p95, unit: 'ms' },
      { label: 'p99 / max', value: `${fmt(p99)} / ${fmt(sorted[sorted.length - 1]!)}`, unit: 'ms' },
      { label: 'fetchable lines (调取) per run', value: fmt(fetchableLines / RUNS, 1) },
      { label: 'with each line’s licences, median', value: medLinks, unit: 'ms' },
      { label: 'with each line’s licences, p95', value: p95Links, unit: 'ms' },
    ],
    checks: [
      { label: 'derive checklist, median', target: `≤ ${TARGET_MS} ms`, value: `${fmt(med)} ms`, pass: med <= TARGET_MS },
      { label: 'derive checklist, p95', target: `≤ ${TARGET_MS} ms`, value: `${fmt(p95)} ms`, pass: p95 <= TARGET_MS },
      { label: 'checklist with licence links, p95', target: `≤ ${TARGET_MS} ms`, value: `${fmt(p95Links)} ms`, pass: p95Links <= TARGET_MS },
    ],
    pass: med <= TARGET_MS && p95 <= TARGET_MS && p95Links <= TARGET_MS,
  };
}

// Run directly: npx tsx test/bench/checklist.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runChecklistBench({ log: (l) => console.error(l) }).then(
    (r) => {
      console.log(formatBenchResult(r));
      if (!r.pass) process.exitCode = 1;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
