/**
 * Search benchmark: a deterministic synthetic catalog of 10,000 items with
 * realistic Chinese names, ≥1,000 deterministic queries (hanzi substrings,
 * full pinyin, pinyin initials, codes) each with its intended target, timed
 * against our index and against fuse.js on the same data in the same run.
 *
 *   npx tsx test/bench/search.bench.ts      (or via test/bench/run.ts)
 */
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { pinyin } from 'pinyin-pro';
import { buildSearchIndex, search, type SearchEntryInput } from '../../src/core/search/index';
import { fmt, formatBenchResult, median, percentile, type BenchOptions, type BenchResult } from './report';
import { mulberry32 } from '../../src/core/quality/stats';

export const ITEM_COUNT = 10_000;
export const QUERIES_PER_KIND = 300; // × 4 kinds = 1,200 queries
const SEED = 20261101;
const LIMIT = 20;

// ---------------------------------------------------------------------------
// Deterministic PRNG (mulberry32)

export const prng = mulberry32;

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------
// Vocabulary: subjects (with department and colloquial noun) × actions × qualifiers

interface Group {
  dept: string;
  subjects: [name: string, colloquial?: string][];
  /** [action, colloquial verb] — the alias is verb + colloquial noun */
  actions: [name: string, verb?: string][];
}

const GROUPS: Group[] = [
  {
    dept: '市场监督管理局',
    subjects: [
      ['个体工商户', '个体户'], ['有限责任公司', '公司'], ['股份有限公司', '股份公司'], ['农民专业合作社', '合作社'], ['个人独资企业', '独资企业'],
      ['合伙企业'], ['外商投资企业', '外资企业'], ['有限责任公司分公司', '分公司'], ['非公司企业法人'], ['外国企业常驻代表机构', '代表处'],
      ['一人有限责任公司', '一人公司'], ['农民专业合作社联合社'], ['合伙企业分支机构'], ['个人独资企业分支机构'], ['股份有限公司分公司'],
    ],
    actions: [
      ['设立登记', '开'], ['变更登记', '变更'], ['注销登记', '注销'], ['备案'], ['简易注销登记', '简易注销'], ['歇业备案', '歇业'],
      ['迁移登记', '迁址'], ['名称变更登记', '改名'], ['住所变更登记'], ['法定代表人变更登记', '换法人'], ['经营范围变更登记'], ['年度报告公示', '年报'],
    ],
  },
  {
    dept: '市场监督管理局',
    subjects: [
      ['食品经营许可证', '食品证'], ['食品生产许可证', '食品生产证'], ['药品经营许可证', '药证'], ['医疗器械经营许可证', '械证'], ['特种设备使用登记证'],
      ['计量器具型式批准证书'], ['工业产品生产许可证'], ['特殊医学用途配方食品注册证'],
    ],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['补领', '补办'], ['换发', '换'], ['增项'], ['首次申请']],
  },
  {
    dept: '交通运输局',
    subjects: [
      ['道路运输经营许可证', '运输证'], ['道路运输从业资格证', '从业资格证'], ['网络预约出租汽车驾驶员证', '网约车证'], ['网络预约出租汽车运输证'],
      ['机动车维修经营备案'], ['机动车驾驶员培训许可证', '驾校许可'], ['港口经营许可证'], ['水路运输许可证'], ['船员服务簿'], ['出租汽车经营许可证'],
    ],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['补领', '补办'], ['换发', '换'], ['增项'], ['首次申请']],
  },
  {
    dept: '生态环境局',
    subjects: [['排污许可证', '排污证'], ['危险废物经营许可证', '危废证'], ['辐射安全许可证'], ['建设项目环境影响评价文件审批', '环评']],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['补领', '补办'], ['重新申请']],
  },
  {
    dept: '文化广电旅游局',
    subjects: [
      ['出版物经营许可证'], ['网络文化经营许可证', '网文证'], ['娱乐经营许可证'], ['营业性演出许可证', '演出证'], ['旅行社业务经营许可证', '旅行社许可'],
      ['广播电视节目制作经营许可证'], ['印刷经营许可证'], ['导游证'], ['互联网上网服务营业场所', '网吧'], ['电影放映单位设立审批'],
    ],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['补领', '补办'], ['换发', '换']],
  },
  {
    dept: '卫生健康委员会',
    subjects: [
      ['医疗机构执业许可证'], ['公共场所卫生许可证', '卫生许可证'], ['放射诊疗许可证'], ['医师执业证书', '医师证'], ['护士执业证书', '护士证'],
      ['母婴保健技术服务执业许可证'], ['出生医学证明', '出生证'], ['消毒产品生产企业卫生许可证'],
    ],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['补领', '补办'], ['换发', '换'], ['首次注册'], ['校验']],
  },
  {
    dept: '公安局',
    subjects: [
      ['居民身份证', '身份证'], ['居住证'], ['临时居民身份证', '临时身份证'], ['往来港澳通行证', '港澳通行证'], ['往来台湾通行证', '台湾通行证'],
      ['普通护照', '护照'], ['机动车驾驶证', '驾照'], ['机动车行驶证', '行驶证'], ['机动车号牌', '车牌'], ['户口簿'],
    ],
    actions: [['申领', '办'], ['换领', '换'], ['补领', '补办'], ['挂失', '挂失'], ['首次申领', '首办'], ['到期换领'], ['损坏换领'], ['注销'], ['签注'], ['信息变更']],
  },
  {
    dept: '人力资源和社会保障局',
    subjects: [
      ['基本养老保险', '养老保险'], ['城乡居民基本养老保险', '城乡养老'], ['失业保险金', '失业金'], ['工伤保险待遇', '工伤'], ['社会保障卡', '社保卡'],
      ['职业技能等级证书', '技能证'], ['一次性创业补贴', '创业补贴'], ['技能提升补贴'], ['流动人员人事档案', '档案'], ['劳务派遣经营许可证'],
      ['人力资源服务许可证'], ['企业职工基本养老保险'],
    ],
    actions: [
      ['申领', '领'], ['参保登记', '参保'], ['关系转移接续', '转移'], ['待遇核定'], ['停保'], ['补缴', '补缴'], ['查询', '查'], ['资格认证'], ['发放'],
      ['变更'], ['暂停'], ['恢复'], ['转移登记'], ['信息变更'],
    ],
  },
  {
    dept: '住房公积金管理中心',
    subjects: [['住房公积金', '公积金'], ['住房公积金个人账户', '公积金账户'], ['住房公积金贷款', '公积金贷款'], ['补充住房公积金']],
    actions: [['提取', '取'], ['缴存登记', '开户'], ['汇缴'], ['补缴'], ['转移接续', '转移'], ['封存'], ['启封'], ['异地转移'], ['缴存基数调整', '调基'], ['查询', '查'], ['申请', '办'], ['提前还款', '提前还']],
  },
  {
    dept: '医疗保障局',
    subjects: [['医保异地就医', '异地就医'], ['城乡居民医疗保险', '居民医保'], ['职工基本医疗保险', '职工医保'], ['医保个人账户', '医保账户'], ['门诊慢特病待遇', '慢特病'], ['生育保险待遇', '生育险']],
    actions: [['备案', '备案'], ['参保登记', '参保'], ['待遇申领', '报销'], ['关系转移接续', '转移'], ['变更登记'], ['暂停'], ['手工报销', '报销'], ['费用结算'], ['信息查询', '查']],
  },
  {
    dept: '民政局',
    subjects: [
      ['结婚登记', '领证'], ['离婚登记', '离婚'], ['收养登记'], ['社会团体', '社团'], ['民办非企业单位', '民非'], ['基金会'], ['养老机构'],
      ['最低生活保障', '低保'], ['特困人员救助供养', '特困供养'], ['临时救助'], ['高龄津贴'], ['残疾人两项补贴'], ['婚姻登记记录证明', '婚姻证明'],
    ],
    actions: [['申请', '办'], ['成立登记', '成立'], ['变更登记'], ['注销登记'], ['备案'], ['审批'], ['认定'], ['补领', '补办'], ['撤销'], ['年度检查', '年检']],
  },
  {
    dept: '自然资源局',
    subjects: [
      ['不动产', '房产证'], ['国有建设用地使用权', '土地证'], ['宅基地使用权'], ['建设用地规划许可证', '用地许可'], ['建设工程规划许可证', '工规证'],
      ['房屋所有权', '房本'], ['林木采伐许可证', '采伐证'], ['集体土地所有权'],
    ],
    actions: [['首次登记'], ['转移登记', '过户'], ['变更登记'], ['注销登记'], ['抵押登记', '抵押'], ['更正登记'], ['预告登记'], ['查封登记'], ['核发', '办'], ['换证登记', '换'], ['补证', '补办']],
  },
  {
    dept: '税务局',
    subjects: [['增值税发票', '发票'], ['纳税人', '纳税'], ['出口退税', '退税'], ['个人所得税', '个税'], ['房产税'], ['城镇土地使用税'], ['车辆购置税', '购置税'], ['契税']],
    actions: [['申领', '领'], ['申报', '报'], ['登记'], ['注销'], ['退税申请', '退'], ['减免', '减免'], ['缴纳', '交'], ['完税证明开具', '开完税证明'], ['核定'], ['变更']],
  },
  {
    dept: '住房和城乡建设局',
    subjects: [['建筑工程施工许可证', '施工证'], ['商品房预售许可证', '预售证'], ['建筑业企业资质', '资质'], ['房屋租赁', '租房'], ['物业服务', '物业'], ['燃气经营许可证'], ['城市道路占用', '占道'], ['户外广告设置', '广告牌'], ['城镇污水排入排水管网许可证', '排水证']],
    actions: [['核发', '办'], ['延续', '延期'], ['变更', '变更'], ['注销', '注销'], ['备案'], ['审批'], ['补领', '补办'], ['重新核定']],
  },
  {
    dept: '教育局',
    subjects: [['教师资格', '教资'], ['民办学校办学许可证', '办学许可'], ['学籍'], ['义务教育入学', '入学'], ['校外培训机构', '培训机构'], ['学历证明']],
    actions: [['认定'], ['核发', '办'], ['变更'], ['注销'], ['转学', '转学'], ['补办'], ['审批'], ['查询', '查']],
  },
  {
    dept: '农业农村局',
    subjects: [['动物防疫条件合格证'], ['兽药经营许可证'], ['农药经营许可证'], ['种子生产经营许可证'], ['渔业捕捞许可证', '捕捞证'], ['农机驾驶证'], ['拖拉机登记']],
    actions: [['核发', '办'], ['延续', '延期'], ['变更'], ['注销'], ['补领', '补办'], ['换发', '换']],
  },
  {
    dept: '应急管理局',
    subjects: [['危险化学品经营许可证', '危化证'], ['烟花爆竹经营许可证', '烟花证'], ['特种作业操作证', '特种作业证'], ['安全生产许可证', '安许证']],
    actions: [['核发', '办'], ['延续', '延期'], ['变更'], ['注销'], ['补领', '补办'], ['复审']],
  },
];

const QUALIFIERS = [
  '', '', '', '', '', '（告知承诺制）', '（市级）', '（区级）', '（镇街）', '（跨省通办）', '（省内通办）', '（个人）', '（单位）', '（外籍人员）',
  '（港澳台居民）', '（简易程序）', '（一般程序）', '（首次）', '（因遗失）', '（因损毁）', '（网上办理）', '（容缺受理）', '（分支机构）',
];

export interface SyntheticItem {
  basicCode: string;
  name: string;
  aliases: string[];
  department: string;
  handlingItems: { code: string; name: string }[];
}

/** 10,000 unique item names, deterministic for a given seed. */
export function generateCatalog(count = ITEM_COUNT, seed = SEED): SyntheticItem[] {
  const rnd = prng(seed);
  type Combo = { g: number; s: number; a: number; q: number };
  const combos: Combo[] = [];
  GROUPS.forEach((g, gi) => g.subjects.forEach((_, si) => g.actions.forEach((_, ai) => QUALIFIERS.forEach((q, qi) => (q === '' && qi > 0 ? null : combos.push({ g: gi, s: si, a: ai, q: qi }))))));
  // Fisher–Yates with our PRNG
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  if (combos.length < count) throw new Error(`vocabulary gives only ${combos.length} names`);
  const deptCredit = new Map<string, string>();
  const credit = (dept: string) => {
    let c = deptCredit.get(dept);
    if (!c) {
      const alnum = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      c = '11440300' + Array.from({ length: 9 }, () => pick(rnd, [...alnum])).join('') + pick(rnd, [...alnum]);
      deptCredit.set(dept, c);
    }
    return c;
  };
  const items: SyntheticItem[] = [];
  const serial = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const c = combos[i]!;
    const g = GROUPS[c.g]!;
    const [subject, noun] = g.subjects[c.s]!;
    const [action, verb] = g.actions[c.a]!;
    const qualifier = QUALIFIERS[c.q]!;
    const name = subject + action + qualifier;
    const aliases: string[] = [];
    if (noun && verb && rnd() < 0.8) aliases.push(verb + noun);
    if (noun && rnd() < 0.15) aliases.push(noun + action);
    if (c.g === 0 && action === '设立登记' && rnd() < 0.5) aliases.push('办营业执照');
    const prefix = `${pad(c.g + 1, 2)}${pad(c.s + 1, 2)}${pad(c.a + 1, 2)}`;
    const n = (serial.get(prefix) ?? 0) + 1;
    serial.set(prefix, n);
    const basicCode = `${prefix}${pad(n, 3)}000`; // 12 characters
    const handlingCount = 1 + (rnd() < 0.35 ? 1 : 0) + (rnd() < 0.1 ? 1 : 0);
    const handlingNames = [name, name.replace(/（.*）$/, '') + '（变更）', name.replace(/（.*）$/, '') + '（延续）'];
    const handlingItems = Array.from({ length: handlingCount }, (_, k) => ({ code: `${credit(g.dept)}${basicCode}${pad(k + 1, 3)}`, name: handlingNames[k]! }));
    items.push({ basicCode, name, aliases, department: g.dept, handlingItems });
  }
  return items;
}

/** Same rules as searchEntriesFromCatalog (codes = basic + handling codes; extra = department + handling names ≠ name). */
export function toEntries(items: SyntheticItem[]): SearchEntryInput[] {
  return items.map((it) => ({
    id: it.basicCode,
    kind: 'item',
    name: it.name,
    aliases: it.aliases,
    codes: [it.basicCode, ...it.handlingItems.map((h) => h.code)],
    extra: [...new Set([it.department, ...it.handlingItems.map((h) => h.name)])].filter((s) => s !== it.name),
  }));
}

// ---------------------------------------------------------------------------
// Queries

export type QueryKind = 'hanzi' | 'pinyin' | 'initials' | 'code';
export interface BenchQuery {
  q: string;
  kind: QueryKind;
  target: string;
}

export function generateQueries(items: SyntheticItem[], perKind = QUERIES_PER_KIND, seed = SEED + 1): BenchQuery[] {
  const rnd = prng(seed);
  const out: BenchQuery[] = [];
  const target = () => items[Math.floor(rnd() * items.length)]!;
  for (let i = 0; i < perKind; i++) {
    // hanzi: a 3–6 character piece of the name, half from its start
    {
      const it = target();
      const chars = Array.from(it.name);
      const len = Math.min(chars.length, int(rnd, 3, 6));
      const start = rnd() < 0.5 ? 0 : int(rnd, 0, chars.length - len);
      out.push({ q: chars.slice(start, start + len).join(''), kind: 'hanzi', target: it.basicCode });
    }
    // full pinyin of the name: whole / last syllable half-typed / typed with spaces or apostrophes
    {
      const it = target();
      const syl = pinyin(it.name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).filter((s) => /^[a-z]+$/.test(s));
      const r = rnd();
      let q = syl.join('');
      if (r < 0.25 && syl[syl.length - 1]!.length > 1) q = q.slice(0, q.length - int(rnd, 1, syl[syl.length - 1]!.length - 1));
      else if (r < 0.4) q = syl.join(rnd() < 0.5 ? ' ' : "'");
      out.push({ q, kind: 'pinyin', target: it.basicCode });
    }
    // pinyin initials of the name
    {
      const it = target();
      const q = pinyin(it.name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).filter((s) => /^[a-z]$/.test(s)).join('');
      out.push({ q, kind: 'initials', target: it.basicCode });
    }
    // codes: basic code, implementation code, implementation code without its last digits, lower case
    {
      const it = target();
      const r = rnd();
      const h = pick(rnd, it.handlingItems).code;
      const q = r < 0.4 ? it.basicCode : r < 0.75 ? h : r < 0.9 ? h.slice(0, h.length - int(rnd, 1, 2)) : h.toLowerCase();
      out.push({ q, kind: 'code', target: it.basicCode });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Timing

const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms

interface Timed {
  times: Float64Array; // ms, per query
  top3: boolean[];
  /** target anywhere in the returned page (LIMIT hits) */
  found: boolean[];
}

function timeAll(queries: BenchQuery[], run: (q: string) => string[]): Timed {
  const times = new Float64Array(queries.length);
  const top3: boolean[] = [];
  const found: boolean[] = [];
  for (let i = 0; i < queries.length; i++) {
    const { q, target } = queries[i]!;
    const t0 = now();
    const ids = run(q);
    times[i] = now() - t0;
    top3.push(ids.slice(0, 3).includes(target));
    found.push(ids.includes(target));
  }
  return { times, top3, found };
}

function stats(times: Float64Array) {
  const s = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of s) sum += t;
  return { median: median(s), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean: sum / s.length };
}

const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : NaN);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

// ---------------------------------------------------------------------------

export interface SearchBenchOptions extends BenchOptions {
  /**
   * fuse.js takes ~0.1–2 s per query on 10,000 items, so by default it runs on
   * a stratified sample: every `fuseEvery`-th query of each kind (default 10 →
   * 120 queries, 30 of each kind), and the speed-up compares both engines on
   * that same sample. 1 = all queries (env SEARCH_BENCH_FUSE_ALL=1, ~10 min);
   * 0 = skip fuse.js.
   */
  fuseEvery?: number;
}

export async function runSearchBench(options: SearchBenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const fuseEvery = options.fuseEvery ?? (process.env.SEARCH_BENCH_FUSE_ALL === '1' ? 1 : 10);
  const items = generateCatalog();
  const entries = toEntries(items);
  const queries = generateQueries(items);
  log(`search: ${items.length} items, ${queries.length} queries`);

  // --- ours
  const tb0 = now();
  buildSearchIndex(entries);
  const buildMs = now() - tb0; // cold: first build in the process (JIT, pinyin-pro dictionary)
  const tb1 = now();
  const index = buildSearchIndex(entries);
  const buildWarmMs = now() - tb1;
  const ours = (q: string) => search(index, q, LIMIT).map((h) => h.id);
  for (let r = 0; r < 3; r++) for (const { q } of queries) ours(q); // warm-up (JIT)
  const oursT = timeAll(queries, ours);
  log(`search: ours done (build ${fmt(buildWarmMs, 1)} ms)`);

  // as-you-type: every prefix of the first 200 queries (informational)
  const typed: BenchQuery[] = [];
  for (const bq of queries.slice(0, 200)) for (let i = 1; i <= bq.q.length; i++) typed.push({ ...bq, q: bq.q.slice(0, i) });
  for (const { q } of typed) ours(q);
  const typedT = timeAll(typed, ours);

  // --- fuse.js, same data, pinyin precomputed (same pinyin-pro options), on every fuseEvery-th query
  // stratified: every fuseEvery-th query of each kind
  const seenOfKind = new Map<QueryKind, number>();
  const sampleIdx =
    fuseEvery > 0
      ? queries.flatMap((bq, i) => {
          const n = seenOfKind.get(bq.kind) ?? 0;
          seenOfKind.set(bq.kind, n + 1);
          return n % fuseEvery === 0 ? [i] : [];
        })
      : [];
  const sample = sampleIdx.map((i) => queries[i]!);
  let fuseBuildMs = NaN;
  let fuseT: Timed = { times: new Float64Array(0), top3: [], found: [] };
  if (sample.length) {
    const fuseDocs = entries.map((e) => {
      const names = [e.name, ...e.aliases];
      const py = names.map((n) => pinyin(n, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }).join(''));
      const ini = names.map((n) => pinyin(n, { pattern: 'first', toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }).join(''));
      return { id: e.id, name: e.name, aliases: e.aliases, codes: e.codes, pinyin: py, initials: ini };
    });
    const tf0 = now();
    const fuse = new Fuse(fuseDocs, { keys: ['name', 'aliases', 'codes', 'pinyin', 'initials'], threshold: 0.3, ignoreLocation: true });
    fuseBuildMs = now() - tf0;
    const fuseRun = (q: string) => fuse.search(q.replace(/[\s']/g, ''), { limit: LIMIT }).map((r) => r.item.id);
    for (const { q } of queries.slice(1, 40)) fuseRun(q); // warm-up (not the sample's queries)
    log(`search: fuse.js on ${sample.length} queries…`);
    fuseT = timeAll(sample, fuseRun);
    log('search: fuse.js done');
  }

  const o = stats(oursT.times);
  const oS = stats(Float64Array.from(sampleIdx, (i) => oursT.times[i]!));
  const f = stats(fuseT.times);
  const t = stats(typedT.times);
  const byKind = (top3: boolean[], qs: BenchQuery[], kind: QueryKind) => rate(qs.map((bq, i) => (bq.kind === kind ? top3[i]! : null)).filter((x): x is boolean => x !== null));
  const kindTimes = (kind: QueryKind) => stats(Float64Array.from(queries.flatMap((bq, i) => (bq.kind === kind ? [oursT.times[i]!] : []))));
  const oursSampleTop3 = sampleIdx.map((i) => oursT.top3[i]!);
  const initialsTop3 = byKind(oursT.top3, queries, 'initials');
  // A hanzi fragment such as 许可证 is in hundreds of names, all equally good matches:
  // top-3 then depends on the tie-break only. Count how ambiguous the fragments are.
  // How many names share the full initials of each initials query (ties at the same score).
  const initialsOf = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).filter((x) => /^[a-z]$/.test(x)).join('');
  const initialsCount = new Map<string, number>();
  for (const it of items) {
    const ini = initialsOf(it.name);
    initialsCount.set(ini, (initialsCount.get(ini) ?? 0) + 1);
  }
  const sharedInitials = queries.filter((bq) => bq.kind === 'initials' && (initialsCount.get(bq.q) ?? 0) > 1).length;
  const hanziAmbiguity: number[] = [];
  const unambiguousHanziTop3: boolean[] = [];
  queries.forEach((bq, i) => {
    if (bq.kind !== 'hanzi') return;
    const n = items.reduce((c, it) => c + (it.name.includes(bq.q) ? 1 : 0), 0);
    hanziAmbiguity.push(n);
    if (n <= 3) unambiguousHanziTop3.push(oursT.top3[i]!);
  });
  const speedMedian = f.median / oS.median;
  const speedP95 = f.p95 / oS.p95;

  const figures: BenchResult['figures'] = [
    { label: 'catalog items', value: String(items.length) },
    { label: 'queries (hanzi/pinyin/initials/code)', value: `${queries.length} (${QUERIES_PER_KIND} each)` },
    { label: 'ours: index build (cold / warm)', value: `${fmt(buildMs, 1)} / ${fmt(buildWarmMs, 1)}`, unit: 'ms' },
    { label: 'ours: median per query', value: o.median, unit: 'ms' },
    { label: 'ours: p95 per query', value: o.p95, unit: 'ms' },
    { label: 'ours: p99 / max', value: `${fmt(o.p99)} / ${fmt(o.max)}`, unit: 'ms' },
    ...(['hanzi', 'pinyin', 'initials', 'code'] as const).map((k) => {
      const s = kindTimes(k);
      return { label: `ours: ${k} median / p95`, value: `${fmt(s.median)} / ${fmt(s.p95)}`, unit: 'ms' };
    }),
    { label: 'ours: as-you-type prefixes median / p95', value: `${fmt(t.median)} / ${fmt(t.p95)} (${typed.length} prefixes)`, unit: 'ms' },
    ...(['hanzi', 'pinyin', 'initials', 'code'] as const).map((k) => ({ label: `ours: top-3 / top-${LIMIT} hit rate ${k}`, value: `${pct(byKind(oursT.top3, queries, k))} / ${pct(byKind(oursT.found, queries, k))}` })),
    { label: 'ours: top-3 / top-20 hit rate overall', value: `${pct(rate(oursT.top3))} / ${pct(rate(oursT.found))}` },
    { label: 'initials queries whose initials other names share', value: `${sharedInitials} of ${QUERIES_PER_KIND}` },
    {
      label: 'hanzi fragments: names containing it (median)',
      value: `${median(Float64Array.from(hanziAmbiguity).sort())} — top-3 when ≤ 3 names contain it: ${pct(rate(unambiguousHanziTop3))} of ${unambiguousHanziTop3.length}`,
    },
    { label: 'fuse.js: sample', value: sample.length ? `${sample.length} queries (every ${fuseEvery}th of each kind; both engines on these)` : 'skipped' },
    { label: 'fuse.js: index build', value: fuseBuildMs, unit: 'ms' },
    { label: 'sample: ours median / p95', value: `${fmt(oS.median)} / ${fmt(oS.p95)}`, unit: 'ms' },
    { label: 'sample: fuse.js median / p95', value: `${fmt(f.median)} / ${fmt(f.p95)}`, unit: 'ms' },
    { label: 'speed-up (fuse median / ours median)', value: speedMedian, unit: '×' },
    { label: 'speed-up (fuse p95 / ours p95)', value: speedP95, unit: '×' },
    ...(['hanzi', 'pinyin', 'initials', 'code'] as const).map((k) => ({ label: `sample top-3 ${k}: ours / fuse.js`, value: `${pct(byKind(oursSampleTop3, sample, k))} / ${pct(byKind(fuseT.top3, sample, k))}` })),
    { label: 'sample top-3 overall: ours / fuse.js', value: `${pct(rate(oursSampleTop3))} / ${pct(rate(fuseT.top3))}` },
  ];
  const checks: BenchResult['checks'] = [
    { label: 'p95 per query', target: '≤ 2 ms', value: `${fmt(o.p95)} ms`, pass: o.p95 <= 2 },
    { label: 'faster than fuse.js (median ratio)', target: '≥ 20×', value: `${fmt(speedMedian, 1)}×`, pass: speedMedian >= 20 },
    { label: 'faster than fuse.js (p95 ratio)', target: '≥ 20×', value: `${fmt(speedP95, 1)}×`, pass: speedP95 >= 20 },
    { label: 'pinyin-initials top-3 hit rate', target: '≥ 95 %', value: pct(initialsTop3), pass: initialsTop3 >= 0.95 },
  ];
  return { name: 'search', figures, checks, pass: checks.every((c) => c.pass) };
}

// Run directly: npx tsx test/bench/search.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSearchBench({ log: (l) => console.error(l) }).then(
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
