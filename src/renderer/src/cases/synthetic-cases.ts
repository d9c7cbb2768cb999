/**
 * Realistic synthetic cases for benchmarks and list tests (never used by the app itself;
 * loaded only through bench-hooks.ts, behind `?bench=1`). Deterministic for a seed:
 * valid resident IDs (check characters from core), valid USCCs, Chinese names, case
 * numbers with valid check characters, decisions shaped like real ones. A decided
 * case's record is about 2–3 KB, a draft's about 1–3 KB.
 */
import type { AcceptDecision, Applicant, CaseStatus, Clerk, Decision, IntakeCase, MaterialState, OneTimeNoticeDecision, RefuseDecision } from '@core/intake/case';
import { CASE_SCHEMA_VERSION } from '@core/intake/case';
import { makeCaseNumber } from '@core/intake/caseNumber';
import { chinaDateOf } from '@core/intake/time';
import { residentIdCheckChar, usccCheckChar, USCC_CHARSET } from '@core/identity';
import type { CaseRecord } from '../store/db';
import { caseRecordFrom } from './cases-store';
import { mulberry32 } from '@core/quality/stats';

// ---- PRNG: core's mulberry32, so a seed gives the same cases everywhere -------------------------

export const prng = mulberry32;
type Rnd = () => number;
const pick = <T,>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---- vocabulary ----------------------------------------------------------------------

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐',
  '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢',
  '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江',
  '尹', '薛', '闫', '段', '雷', '龙', '黎', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '钱', '戴', '严', '欧阳', '司马', '诸葛', '上官',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '文',
  '辉', '建', '国', '峰', '红', '玲', '斌', '宇', '浩', '凯', '婷', '雪', '琳', '晨', '欣', '子', '涵', '梓', '轩', '怡', '诗', '雨', '博', '晓', '梅',
  '思', '嘉', '一', '佳', '俊', '鑫', '鹏', '倩', '颖', '瑶', '海', '波', '志', '新', '春', '林', '云', '飞', '宁', '昊', '然', '睿', '泽', '航', '悦',
];
const COMPANY_WORDS = ['西溪', '望湖', '钱塘', '之江', '文三', '天目', '湖畔', '云栖', '龙井', '灵隐', '紫金', '留下', '蒋村', '转塘', '三墩', '翠苑', '古荡', '北山', '九莲', '莲花'];
const COMPANY_TRADES = ['餐饮管理', '酒店管理', '网络科技', '商贸', '文化传媒', '建筑工程', '物业管理', '教育咨询', '医疗器械', '食品', '家政服务', '信息技术'];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '个体工商户'];
/** GB/T 2260 area codes (mostly 杭州; some from elsewhere, as applicants move). */
const REGIONS = [
  '330102', '330105', '330106', '330106', '330106', '330108', '330109', '330110', '330111', '330112', '330122', '330127', '330182', '330183',
  '110105', '310104', '320102', '340104', '360102', '410105', '420106', '430104', '440106', '510104', '330302', '330402', '330602', '331002',
];
const ROADS = ['文三路', '天目山路', '教工路', '古墩路', '文一西路', '学院路', '西溪路', '留和路', '灵溪北路', '莲花街', '紫荆花路', '丰潭路'];
/** [basic code, name] of items in the default catalog. */
const SUBJECTS: readonly (readonly [string, string, 'person' | 'organisation'])[] = [
  ['330001001000', '个体工商户设立登记', 'person'],
  ['330001002000', '有限责任公司设立登记', 'organisation'],
  ['330001003000', '公司变更登记', 'organisation'],
  ['330001005000', '食品经营许可', 'organisation'],
  ['330002001000', '居民身份证换领', 'person'],
  ['330002005000', '居住证申领', 'person'],
  ['330002006000', '无犯罪记录证明开具', 'person'],
  ['330003001000', '社会保障卡申领', 'person'],
  ['330003003000', '失业保险金申领', 'person'],
  ['330004001000', '城乡居民基本医疗保险参保登记', 'person'],
  ['330004002000', '基本医疗保险参保人员异地就医备案', 'person'],
  ['330005001000', '不动产转移登记', 'person'],
  ['330006001000', '内地居民结婚登记', 'person'],
  ['330007003000', '公共场所卫生许可', 'organisation'],
  ['330008002000', '发票领用', 'organisation'],
  ['330009001000', '住房公积金提取（购房）', 'person'],
  ['330009002000', '住房公积金提取（租房）', 'person'],
  ['330010001000', '道路货物运输经营许可', 'organisation'],
  ['330012001000', '用电更名过户', 'person'],
];
const MATERIALS = [
  ['application', '申请表', '填写完整，申请人签字或盖章'],
  ['id-card', '申请人身份证件', '在有效期内，与申请人信息一致'],
  ['business-licence', '营业执照', '在有效期内，经营范围包含申请事项'],
  ['premises', '经营场所使用证明', '产权证明或租赁合同，地址与申请一致'],
  ['rep-id', '法定代表人身份证明', '加盖公章，与营业执照一致'],
  ['articles', '公司章程', '全体股东签署'],
  ['lease', '租赁合同', '在有效期内，出租方签字盖章'],
  ['commitment', '告知承诺书', '申请人签字'],
  ['layout', '场所平面布局图', '标明各功能区域及面积，比例适当'],
  ['rules', '安全管理制度', '内容完整，符合有关规定'],
] as const;
const WORKSTATIONS = ['7K', '7M', '3A', '6C'];
const CLERKS = [
  { clerkId: 'C0042', name: '王晓梅', windowNo: '7' },
  { clerkId: 'C0107', name: '李娜', windowNo: '12' },
  { clerkId: 'C0233', name: '陈建国', windowNo: '3' },
  { clerkId: 'C0318', name: '周雨涵', windowNo: '6' },
];

// ---- identities ----------------------------------------------------------------------

export function syntheticResidentId(rnd: Rnd): string {
  const body = `${pick(rnd, REGIONS)}${int(rnd, 1950, 2006)}${pad(int(rnd, 1, 12), 2)}${pad(int(rnd, 1, 28), 2)}${pad(int(rnd, 1, 999), 3)}`;
  return body + residentIdCheckChar(body);
}

export function syntheticUscc(rnd: Rnd): string {
  const chars = USCC_CHARSET;
  let org = '';
  for (let i = 0; i < 8; i += 1) org += chars[int(rnd, 0, chars.length - 1)];
  const body = `${pick(rnd, ['91', '91', '91', '92', '93'])}${pick(rnd, REGIONS)}M${org}`;
  return body + usccCheckChar(body);
}

export function syntheticName(rnd: Rnd): string {
  return pick(rnd, SURNAMES) + pick(rnd, GIVEN) + (rnd() < 0.7 ? pick(rnd, GIVEN) : '');
}

function personFor(idx: number, seed: number) {
  const rnd = prng((seed ^ Math.imul(idx + 1, 2654435761)) >>> 0);
  return {
    kind: 'person' as const,
    name: syntheticName(rnd),
    idType: 'residentId' as const,
    idNumber: syntheticResidentId(rnd),
    phone: `1${pick(rnd, ['38', '39', '58', '59', '86', '88', '35', '37'])}${pad(int(rnd, 0, 99999999), 8)}`,
    address: `浙江省杭州市西湖区${pick(rnd, ROADS)}${int(rnd, 1, 999)}号`,
  };
}

function organisationFor(idx: number, seed: number) {
  const rnd = prng((seed ^ Math.imul(idx + 7, 40503)) >>> 0);
  const rep = personFor(idx + 1_000_000, seed);
  return {
    kind: 'organisation' as const,
    name: `杭州${pick(rnd, COMPANY_WORDS)}${pick(rnd, COMPANY_TRADES)}${pick(rnd, COMPANY_FORMS)}`,
    uscc: syntheticUscc(rnd),
    legalRepresentative: rep.name,
    legalRepresentativeIdNumber: rep.idNumber,
    phone: `0571-8${pad(int(rnd, 0, 9999999), 7)}`,
    address: `浙江省杭州市西湖区${pick(rnd, ROADS)}${int(rnd, 1, 999)}号`,
  };
}

// ---- time ----------------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `2026-11-30T09:15:00+08:00`: Beijing wall-clock time of an instant. */
export function beijingIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
}

function uuidFrom(rnd: Rnd): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(rnd, ['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

// ---- cases ---------------------------------------------------------------------------

export interface SyntheticOptions {
  seed?: number;
  /** Spread over the last `days` days (1 = all today, within the last hour before `now`). Default 365. */
  days?: number;
  /** Default: the current time. */
  now?: number;
  /** Centre of the case numbers (default 330106, as the e2e clerk). */
  centreCode?: string;
}

export interface SyntheticGenerator {
  next(): { record: CaseRecord };
}

const STATUS_WEIGHTS: [CaseStatus, number][] = [
  ['draft', 0.1],
  ['accepted', 0.72],
  ['noticeIssued', 0.13],
  ['refused', 0.05],
];

function pickStatus(rnd: Rnd): CaseStatus {
  let r = rnd();
  for (const [s, w] of STATUS_WEIGHTS) {
    if (r < w) return s;
    r -= w;
  }
  return 'accepted';
}

/**
 * A stream of synthetic case records. About 30 % of applicants come back with another
 * case (a pool of 0.7 × n people), so an ID number search finds one or a few cases.
 */
export function syntheticCases(n: number, options: SyntheticOptions = {}): SyntheticGenerator {
  const seed = options.seed ?? 20261130;
  const days = Math.max(1, options.days ?? 365);
  const now = options.now ?? Date.now();
  const centreCode = options.centreCode ?? '330106';
  const rnd = prng(seed);
  const pool = Math.max(1, Math.ceil(n * 0.7));
  const sequences = new Map<string, number>();
  // Start of today in Beijing, so days = 1 keeps every case on today's date.
  const todayStart = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR;

  function when(): number {
    if (days === 1) {
      const span = Math.min(HOUR, now - todayStart - 1000);
      return now - Math.floor(rnd() * Math.max(span, 1000));
    }
    const dayStart = todayStart - int(rnd, 0, days - 1) * DAY;
    // 08:30–17:30 Beijing time, but never in the future.
    const t = dayStart + 8.5 * HOUR + Math.floor(rnd() * 9 * HOUR);
    return Math.min(t, now - int(rnd, 1, 600) * 1000);
  }

  return {
    next() {
      const status = pickStatus(rnd);
      const [basicCode, itemName, audience] = pick(rnd, SUBJECTS);
      const applicantIdx = int(rnd, 0, pool - 1);
      const applicant: Applicant = audience === 'person' || rnd() < 0.2 ? personFor(applicantIdx, seed) : organisationFor(applicantIdx, seed);
      const c = CLERKS[applicantIdx % CLERKS.length]!;
      const ws = WORKSTATIONS[applicantIdx % WORKSTATIONS.length]!;
      const clerk: Clerk = { ...c, centreCode, centreName: '西湖区政务服务中心', workstationId: `WS-${centreCode}-${ws}`, phone: '0571-87001234' };
      const updated = when();
      const created = status === 'draft' ? updated - int(rnd, 0, 20) * 60_000 : updated - int(rnd, 3, 40) * 60_000;
      const createdAt = beijingIso(Math.max(created, days === 1 ? todayStart : created));
      const updatedAt = beijingIso(updated);
      const materialCount = int(rnd, 4, 8);
      const mats = MATERIALS.slice(0, materialCount);
      const keyOf = (id: string) => (id === 'application' || id === 'id-card' ? `shared/${id}` : `${basicCode}/${id}`);
      const materialStates: Record<string, MaterialState> = {};
      for (const [id] of mats) {
        const r = rnd();
        materialStates[keyOf(id)] =
          status === 'draft' && r < 0.4
            ? { status: 'pending' }
            : status === 'noticeIssued' && r < 0.35
              ? { status: 'deficient', reason: '复印件不清晰，无法辨认签字' }
              : r < 0.15 && id === 'id-card'
                ? { status: 'fetched', reference: `EL-${pad(int(rnd, 0, 99999999), 8)}` }
                : { status: r < 0.6 ? 'receivedOriginal' : 'receivedCopy' };
      }
      const answers: Record<string, string> = { [`${basicCode}/premises`]: pick(rnd, ['owned', 'leased']), [`shared/by-agent`]: pick(rnd, ['self', 'self', 'agent']) };
      const history: NonNullable<IntakeCase['history']> = [{ at: createdAt, by: clerk.clerkId, from: null, to: 'draft' }];
      let decision: Decision | undefined;
      let caseNumber: string | undefined;
      if (status !== 'draft') {
        const day = chinaDateOf(updatedAt);
        const seqKey = `${day}/${ws}`;
        const sequence = (sequences.get(seqKey) ?? 0) + 1;
        sequences.set(seqKey, sequence);
        const made = makeCaseNumber({ centreCode, date: day, workstationCode: ws, sequence: Math.min(sequence, 9999) });
        caseNumber = made.ok ? made.value : undefined;
        decision = decisionFor(status, { at: updatedAt, by: clerk.clerkId, caseNumber: caseNumber ?? '' }, basicCode, itemName, mats.map(([id, name, std]) => ({ key: keyOf(id), name, std })), rnd);
        history.push({ at: updatedAt, by: clerk.clerkId, from: 'draft', to: status });
      }
      const intake: IntakeCase = {
        schemaVersion: CASE_SCHEMA_VERSION,
        id: uuidFrom(rnd),
        ...(caseNumber ? { caseNumber } : {}),
        status,
        catalogVersion: '2026.11.1',
        subject: { kind: 'item', basicCode, handlingItemCodes: [`11330106002489567A${basicCode}001`] },
        answers,
        materialStates,
        applicant: status === 'draft' && rnd() < 0.2 ? { kind: 'person' } : applicant,
        agent: null,
        fields: { [basicCode]: { businessArea: int(rnd, 20, 800), postcode: '310012', openingDate: chinaDateOf(updatedAt) } },
        ...(decision ? { decision } : {}),
        clerk,
        createdAt,
        updatedAt,
        step: status === 'draft' ? pick(rnd, ['situation', 'materials', 'applicant', 'review'] as const) : 'done',
        history,
      };
      return { record: caseRecordFrom(intake, itemName, new Date(updated)) };
    },
  };
}

function decisionFor(
  status: Exclude<CaseStatus, 'draft'>,
  base: { at: string; by: string; caseNumber: string },
  basicCode: string,
  itemName: string,
  mats: { key: string; name: string; std: string }[],
  rnd: Rnd,
): Decision {
  if (status === 'accepted') {
    const d: AcceptDecision = {
      kind: 'accept',
      ...base,
      promisedDates: [
        {
          basicCode,
          itemName,
          handlingItemCodes: [`11330106002489567A${basicCode}001`],
          limit: { kind: 'workingDays', days: pick(rnd, [1, 3, 5, 10, 15]) },
          date: chinaDateOf(base.at),
          provisional: false,
        },
      ],
      received: mats.map((m) => ({ key: m.key, name: m.name, itemCodes: [basicCode], type: 'originalOrCopy', status: 'receivedOriginal', copies: 1 })),
    };
    return d;
  }
  if (status === 'noticeIssued') {
    const d: OneTimeNoticeDecision = {
      kind: 'oneTimeNotice',
      ...base,
      items: mats.slice(0, int(rnd, 1, 3)).map((m) => ({
        key: m.key,
        name: m.name,
        itemCodes: [basicCode],
        problem: pick(rnd, ['missing', 'deficient'] as const),
        reason: pick(rnd, ['未提交', '复印件不清晰', '须提交原件', '已超过有效期']),
        acceptanceStandard: m.std,
        necessity: 'required',
      })),
    };
    return d;
  }
  const d: RefuseDecision = {
    kind: 'refuse',
    ...base,
    reason: { code: 'notJurisdiction', text: '申请事项不属于本中心受理范围', whereToApply: '杭州市市民中心综合受理窗口' },
    rights: {
      reconsideration: { days: 60, law: '《中华人民共和国行政复议法》', body: '杭州市西湖区人民政府', text: '可自收到本决定之日起六十日内申请行政复议' },
      litigation: { months: 6, law: '《中华人民共和国行政诉讼法》', court: '杭州市西湖区人民法院', text: '可自收到本决定之日起六个月内提起行政诉讼' },
    },
  };
  return d;
}

/** A draft of about 3 KB (a bundle half-way through materials), for the autosave benchmark. */
export function syntheticDraft(now: number, seed = 7): { intake: IntakeCase; subjectName: string } {
  const rnd = prng(seed);
  const at = beijingIso(now);
  const codes = ['330001002000', '330001005000', '330007003000'];
  const materialStates: Record<string, MaterialState> = {};
  const answers: Record<string, string> = { 'shared/premises-ownership': 'leased', 'shared/by-agent': 'agent' };
  for (const code of codes) {
    answers[`${code}/scale`] = 'large';
    for (const [id] of MATERIALS) materialStates[`${code}/${id}`] = rnd() < 0.2 ? { status: 'deficient', reason: '复印件不清晰，无法辨认签字' } : { status: rnd() < 0.5 ? 'receivedOriginal' : 'pending' };
  }
  const person = personFor(1, seed);
  const intake: IntakeCase = {
    schemaVersion: CASE_SCHEMA_VERSION,
    id: uuidFrom(rnd),
    status: 'draft',
    catalogVersion: '2026.11.1',
    subject: { kind: 'bundle', bundleId: 'open-restaurant', basicCodes: codes },
    answers,
    materialStates,
    applicant: organisationFor(1, seed),
    agent: { name: person.name, idType: 'residentId', idNumber: person.idNumber, phone: person.phone, relation: '员工' },
    fields: { '330001005000': { businessArea: 120, businessForm: 'restaurant', postcode: '310012', openingDate: '2026-12-15' } },
    clerk: { clerkId: 'C0042', name: '王晓梅', windowNo: '7', centreCode: '330106', centreName: '西湖区政务服务中心', workstationId: 'WS-330106-7K', phone: '0571-87001234' },
    createdAt: at,
    updatedAt: at,
    step: 'materials',
    history: [{ at, by: 'C0042', from: null, to: 'draft' }],
  };
  return { intake, subjectName: '开餐馆一件事' };
}
