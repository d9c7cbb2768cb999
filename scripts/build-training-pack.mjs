#!/usr/bin/env node
/**
 * Writes resources/training/default-pack.json — the drill scenarios shipped with the app,
 * over the default catalog (resources/catalog/default-catalog.json).
 *
 *     npx tsx scripts/build-training-pack.mjs
 *
 * Every person, company, ID number and phone number here is fictional. Resident IDs and
 * USCCs get real check characters (computed with src/core/identity), so they validate — except
 * the one USCC the "checksum" drill needs to fail. Phones are 138-0000-xxxx. ID-card validity
 * periods on the labels follow 居民身份证法 Art. 5 (issued at 16–25: 10 years; 26–45: 20 years;
 * 46 and over: long-term).
 *
 * The expected outcomes are written by hand (a trainer's judgment, not derived from the rules);
 * the script then checks the pack with the same import the app uses, and
 * src/core/training/default-pack.test.ts checks every expectation against the intake rules.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { residentIdCheckChar, usccCheckChar } from '../src/core/identity/index.ts';
import { parseScenarioPackText } from '../src/core/training/scenario.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalogText = readFileSync(join(root, 'resources/catalog/default-catalog.json'), 'utf8');
const catalog = JSON.parse(catalogText);
const OUT = join(root, 'resources/training/default-pack.json');

const DRILL_DATE = '2026-12-01';
const VERSION = catalog.version;

/** Resident ID (GB 11643-1999): region, birth date YYYYMMDD, sequence (odd = male). */
function rid(region, birth, seq) {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}
/** USCC (GB 32100-2015) from its first 17 characters. */
function uscc(body17) {
  return body17 + usccCheckChar(body17);
}
/** A USCC whose check character is deliberately wrong (the "early code" drill). */
function badUscc(body17) {
  const good = usccCheckChar(body17);
  return body17 + (good === 'A' ? 'B' : 'A');
}

const present = (key, label, extra = {}) => ({ key, state: 'present', ...(label ? { label } : {}), ...extra });
const copy = (key, label, extra = {}) => present(key, label, { form: 'copy', ...extra });
const electronic = (key, label, extra = {}) => present(key, label, { form: 'electronic', ...extra });
const missing = (key, label, note) => ({ key, state: 'missing', ...(label ? { label } : {}), ...(note ? { note } : {}) });
const defective = (key, defect, label, note) => ({ key, state: 'defective', defect, ...(label ? { label } : {}), ...(note ? { note } : {}) });

const ok = { status: 'receivedOriginal' };
const okCopy = { status: 'receivedCopy' };
const okOrFetched = { status: 'receivedOriginal', also: ['fetched'] };
const fetched = { status: 'fetched' };
const absent = { status: 'missing' };
const bad = { status: 'deficient' };

const item = (basicCode, handlingItemCodes = []) => ({ kind: 'item', basicCode, handlingItemCodes });
const zhEn = (zh, en) => ({ 'zh-CN': zh, 'en-US': en });

// ---- people (fictional) ----------------------------------------------------------------------
const P = {
  chenJianhua: { kind: 'person', name: '陈建华', idType: 'residentId', idNumber: rid('330106', '19760312', 31), phone: '13800001201', address: '示例市示例区文三路88号' },
  linXiaoyan: { kind: 'person', name: '林晓燕', idType: 'residentId', idNumber: rid('330102', '19950823', 86), phone: '13800001202', address: '示例市示例区凤起路12号' },
  zhaoLei: { kind: 'person', name: '赵磊', idType: 'residentId', idNumber: rid('330105', '19920517', 113), phone: '13800001203', address: '示例市示例区古墩路300号' },
  sunLiwei: { kind: 'person', name: '孙立伟', idType: 'residentId', idNumber: rid('330106', '19881002', 57), phone: '13800001204', address: '示例市示例区天目山路56号' },
  heJiaqi: { kind: 'person', name: '何佳琪', idType: 'residentId', idNumber: rid('330108', '20010409', 24), phone: '13800001205', address: '示例市示例区江南大道1000号' },
  huangWenbo: { kind: 'person', name: '黄文博', idType: 'residentId', idNumber: rid('330106', '19900909', 15), phone: '13800001206', address: '示例市示例区学院路77号' },
  liuSiyu: { kind: 'person', name: '刘思雨', idType: 'residentId', idNumber: rid('330104', '19940321', 42), phone: '13800001207', address: '示例市示例区秋涛路21号' },
  maDefu: { kind: 'person', name: '马德福', idType: 'residentId', idNumber: rid('330103', '19410115', 17), phone: '13800001208', address: '示例市示例区朝晖五区9幢' },
  xuJiahao: { kind: 'person', name: '许家豪', idType: 'residentId', idNumber: rid('320508', '19980707', 35), phone: '13800001209', address: '示例市示例区丰潭路18号（租住）' },
  yangXiaofeng: { kind: 'person', name: '杨晓峰', idType: 'residentId', idNumber: rid('330106', '19961008', 79), phone: '13800001210', address: '示例市示例区西溪路150号' },
  guoJiayi: { kind: 'person', name: '郭佳怡', idType: 'residentId', idNumber: rid('330105', '19930125', 68), phone: '13800001211', address: '示例市示例区莫干山路66号' },
  liSiyuan: { kind: 'person', name: '李思远', idType: 'residentId', idNumber: rid('330106', '19900211', 93), phone: '13800001212', address: '示例市示例区紫金港路9号' },
};
const agents = {
  maLihua: { name: '马丽华', idType: 'residentId', idNumber: rid('330103', '19681102', 46), phone: '13800001301', relation: '女儿' },
  xuJingyi: { name: '徐静怡', idType: 'residentId', idNumber: rid('330106', '19960518', 28), phone: '13800001302', relation: '员工' },
};
const O = {
  linjia: {
    kind: 'organisation',
    name: '示例市邻家便利店有限公司',
    uscc: uscc('91330106MA2H7K3L5'),
    legalRepresentative: '周海涛',
    legalRepresentativeIdNumber: rid('330106', '19830715', 53),
    phone: '13800001401',
    address: '示例市示例区枫华路2号商铺',
  },
  xiangkou: {
    kind: 'organisation',
    name: '示例市示例区巷口小馆（个体工商户）',
    uscc: uscc('92330106MA2J8D4F1'),
    legalRepresentative: '吴秀兰',
    legalRepresentativeIdNumber: rid('330106', '19791203', 64),
    phone: '13800001402',
    address: '示例市示例区文一西路518号',
  },
  weidao: {
    kind: 'organisation',
    name: '示例市味道餐饮管理有限公司',
    uscc: uscc('91330106MA2K2P6R3'),
    legalRepresentative: '郑国强',
    legalRepresentativeIdNumber: rid('330105', '19850214', 91),
    phone: '13800001403',
    address: '示例市示例区湖墅南路200号',
  },
  yuerong: {
    kind: 'organisation',
    name: '示例市悦容美容有限公司',
    uscc: uscc('91330106MA2L9T1W7'),
    legalRepresentative: '钱美玲',
    legalRepresentativeIdNumber: rid('330102', '19870630', 22),
    phone: '13800001404',
    address: '示例市示例区延安路300号二楼',
  },
  hengyuan: {
    kind: 'organisation',
    name: '示例市恒远建材有限公司',
    uscc: badUscc('91330106MA27U5XN4'),
    legalRepresentative: '胡志刚',
    legalRepresentativeIdNumber: rid('330106', '19720520', 13),
    phone: '0571-86000123',
    address: '示例市示例区三墩镇工业园8号',
  },
  qiming: {
    kind: 'organisation',
    name: '示例市启明科技有限公司',
    uscc: uscc('91330106MA2M3Q8C6'),
    legalRepresentative: '朱浩然',
    legalRepresentativeIdNumber: rid('330106', '19850419', 39),
    phone: '13800001405',
    address: '示例市示例区创业路66号',
  },
};

// ---- scenarios -----------------------------------------------------------------------------
const ID_RENEW = '330002001000';
const ID_REPLACE = '330002002000';
const FUND_BUY = '330009001000';
const FUND_RENT = '330009002000';
const SOCIAL_CARD = '330003001000';
const PREPACKAGED = '330001006000';
const FOOD = '330001005000';
const HYGIENE = '330007003000';
const ELDERLY = '330006005000';
const INDIVIDUAL_BIZ = '330001001000';
const NO_CRIME = '330002006000';
const EMPLOYER_SOCIAL = '330003006000';
const UNEMPLOYMENT = '330003002000';
const COMPANY_CHANGE = '330001003000';
const PROPERTY_TRANSFER = '330005001000';
const COMPANY_SETUP = '330001002000';
const SEAL = '330002007000';
const TAX_NEW = '330008001000';
const INVOICE = '330008002000';
const BIRTH_CERT = '330007001000';
const BIRTH_REG = '330002004000';
const RESIDENT_MEDICAL = '330004001000';

const base = (id, title, titleEn, level, tags) => ({ id, title, titleEn, level, tags, catalogVersion: VERSION, drillDate: DRILL_DATE });

/**
 * One scenario, in the pack's key order: its heading (base), the applicant at the counter (no
 * agent and no special circumstances unless given), what a good clerk does, the debrief.
 */
function drill(heading, { party, agent = null, says, saysEn, documents, circumstances = [] }, expected, debrief) {
  return { ...heading, applicant: { party, agent, says, saysEn, documents, circumstances }, expected, debrief };
}

/** The item with its Nth handling item (业务办理项 `<code>-0N`). */
const handling = (basicCode, n) => item(basicCode, [`${basicCode}-0${n}`]);
const ACCEPT = { kind: 'accept' };
const notice = (...keys) => ({ kind: 'oneTimeNotice', notice: keys });
const deferral = (...keys) => ({ kind: 'deferral', deferred: keys });
/** The applicant comes in person (not through an agent). */
const SELF = { 'shared/applicant-is-agent': 'self' };
/** An organisation's legal representative in person: the business licence is fetched, the ID card seen. */
const REP_IN_PERSON = { 'shared/business-licence': fetched, 'shared/legal-rep-id-card': ok };

/** A new food business licence, food made on site, the owner in person; the rules list is missing. */
const foodMadeOnSite = (layout) => ({
  subject: handling(FOOD, 1),
  answers: { ...SELF, [`${FOOD}/onsite-prep`]: 'yes' },
  materials: { [`${FOOD}/application`]: ok, ...REP_IN_PERSON, [`${FOOD}/layout`]: layout, [`${FOOD}/safety-rules`]: absent },
});

const scenarios = [
  drill(
    base('social-card-first', '首次申领社保卡', 'First social security card', 1, ['perfectAccept', 'immediate']),
    {
      party: P.heJiaqi,
      says: '你好，我刚来这边上班，单位已经给我交社保了，但我还没有社保卡，想办一张。身份证和照片回执我都带了。',
      saysEn: 'I just started work here and my employer pays my social insurance, but I have no card yet. I brought my ID and the photo receipt.',
      documents: [present('shared/applicant-id-card', '居民身份证（有效期限 2019.04.09—2029.04.09）'), present('shared/id-photo', '照片回执')],
    },
    {
      subject: handling(SOCIAL_CARD, 1),
      answers: { ...SELF, [`${SOCIAL_CARD}/minor`]: 'no' },
      materials: { 'shared/applicant-id-card': ok },
      decision: ACCEPT,
    },
    zhEn(
      '社会保障卡申领（首次申领）。本人办理、已成年：只需本人居民身份证原件（在有效期内）；照片回执为非必要材料，带来即可收取。材料齐全，即办件，当场受理办结。',
      'Social security card, first application, in person, adult: only the ID card (valid) is required; the photo receipt is optional. Complete: accept; a same-day item.',
    ),
  ),
  drill(
    base('id-card-expired-renewal', '身份证过期换领', 'Renewing an expired ID card', 2, ['confusable', 'expiredIdIsTheReason', 'dataSharing']),
    {
      party: P.chenJianhua,
      says: '我的身份证过期了，上个月二十号就到期了，要换个新的。户口本在老家没带来，行不行？',
      saysEn: 'My ID card expired on the 20th of last month; I need a new one. My household register is back home — is that a problem?',
      documents: [
        present(`${ID_RENEW}/application`, '居民身份证申领登记表（窗口现场填写并签名）'),
        missing('shared/household-register', '居民户口簿', '户口本放在老家，没有带来'),
        present('shared/applicant-id-card', '居民身份证（有效期限 2006.11.20—2026.11.20）', { note: '证件完好，已过有效期' }),
        present('shared/id-photo', '照片回执（近期，白底）'),
      ],
      circumstances: [{ kind: 'expiredIdCard', note: '申请人的居民身份证已于2026年11月20日到期。' }],
    },
    {
      subject: handling(ID_RENEW, 1),
      answers: { [`${ID_RENEW}/under-16`]: 'no' },
      materials: { [`${ID_RENEW}/application`]: ok, 'shared/household-register': fetched, 'shared/applicant-id-card': ok },
      decision: ACCEPT,
    },
    zhEn(
      '居民身份证换领（有效期满换领），不是补领。原证过期正是换领的理由，不是材料缺陷：受理标准为“为申请人本人的原证，领取新证时交回”。户口簿可通过数据共享调取，免于提交，不能让申请人回老家去拿。照片回执为非必要材料。材料齐全，应予受理。',
      'Renewal (expiry), not replacement. An expired card is the reason for renewal, not a defect: the standard is “the applicant’s own card, handed back on collection”. The household register is fetched by data sharing — never send the applicant home for it. Complete: accept.',
    ),
  ),
  drill(
    base('id-card-lost-replacement', '身份证丢失补领', 'Replacing a lost ID card', 2, ['confusable', 'dataSharing']),
    {
      party: P.linXiaoyan,
      says: '我身份证前两天在地铁上弄丢了，已经挂失了。能不能重新办一张？下周要坐高铁出差，有没有临时的？',
      saysEn: 'I lost my ID card on the metro two days ago and reported it. Can I get a new one? I travel by train next week — is there a temporary card?',
      documents: [
        present(`${ID_REPLACE}/application`, '居民身份证申领登记表（窗口现场填写并签名）'),
        present(`${ID_REPLACE}/temp-card-form`, '临时居民身份证申领登记表（窗口现场填写并签名）'),
        missing('shared/household-register', '居民户口簿', '户口本没带'),
        present('shared/id-photo', '照片回执'),
      ],
      circumstances: [{ kind: 'urgent', note: '申请人下周出差，急需身份证件。' }],
    },
    {
      subject: handling(ID_REPLACE, 1),
      answers: { [`${ID_REPLACE}/under-16`]: 'no', [`${ID_REPLACE}/temp-card`]: 'yes' },
      materials: { [`${ID_REPLACE}/application`]: ok, 'shared/household-register': fetched, [`${ID_REPLACE}/temp-card-form`]: ok },
      decision: ACCEPT,
    },
    zhEn(
      '丢失、被盗的办理“居民身份证补领”，不是“换领”（换领的受理条件写明：证件丢失、被盗的，请办理补领）。补领没有“原居民身份证”这项材料，不能要求申请人出示。急用的可同时申领临时居民身份证，加填临时身份证申领登记表。户口簿系统调取。应予受理。',
      'Lost or stolen: replacement (补领), not renewal — the renewal item’s own conditions say so. There is no “old ID card” line: do not ask for it. In a hurry: apply for a temporary card at the same time (its form). Register fetched. Accept.',
    ),
  ),
  drill(
    base('housing-fund-rent', '公积金租房提取', 'Housing fund withdrawal for rent', 2, ['confusable', 'dataSharing', 'immediate']),
    {
      party: P.zhaoLei,
      says: '我跟老婆还在攒钱买房，现在先在城西租房子住，一个月三千。听说公积金能取出来交房租？按标准取就行，合同没去备案。',
      saysEn: 'My wife and I are saving to buy a flat; for now we rent in the west of the city, 3,000 a month. Can I withdraw my housing fund for the rent? The standard amount is fine; the lease is not registered.',
      documents: [
        present('shared/applicant-id-card', '居民身份证（有效期限 2018.05.17—2038.05.17）'),
        present(`${FUND_RENT}/no-house-pledge`, '无自有住房承诺书（窗口现场签名）'),
        present('shared/applicant-bank-card', '本人借记卡（示例银行）'),
      ],
    },
    {
      subject: handling(FUND_RENT, 1),
      answers: { [`${FUND_RENT}/lease-type`]: 'market', [`${FUND_RENT}/above-standard`]: 'no' },
      materials: {
        'shared/applicant-id-card': ok,
        [`${FUND_RENT}/no-house-pledge`]: ok,
        'shared/housing-status-query': fetched,
        'shared/applicant-bank-card': ok,
      },
      decision: ACCEPT,
    },
    zhEn(
      '“在攒钱买房”不等于购房提取：申请人现在租房自住、本人及配偶无自有住房，办理“住房公积金提取（租房）”。市场租赁、按定额标准提取的，不需要备案合同和租金发票；家庭住房情况由系统查询（免提交）。材料齐全，即办件，应予受理。',
      '“Saving to buy” is not a purchase withdrawal: he rents and owns nothing, so it is the rent withdrawal. Market lease at the standard amount: no registered lease or rent invoice; the housing status is fetched. Complete: accept (same day).',
    ),
  ),
  drill(
    base('housing-fund-second-hand-purchase', '公积金购房提取（二手房）', 'Housing fund withdrawal after buying a second-hand flat', 3, ['confusable', 'handlingItem', 'dataSharing']),
    {
      party: P.sunLiwei,
      says: '我今年九月买了套二手房，过户已经办好了，想把公积金取出来。我爱人的公积金先不动。房产证和合同都带来了。',
      saysEn: 'I bought a second-hand flat in September and the transfer is done; I want to withdraw my housing fund. Not my wife’s for now. I brought the certificate and the contract.',
      documents: [
        present('shared/applicant-id-card', '居民身份证（有效期限 2018.10.02—2038.10.02）'),
        present('shared/house-sale-contract', '存量房买卖合同（网签备案）'),
        present('shared/property-certificate', '不动产权证书（权利人：孙立伟）'),
        present('shared/applicant-bank-card', '本人借记卡'),
      ],
    },
    {
      subject: handling(FUND_BUY, 2),
      answers: { [`${FUND_BUY}/spouse-joint`]: 'no' },
      materials: {
        'shared/applicant-id-card': ok,
        'shared/house-sale-contract': ok,
        'shared/property-certificate': okOrFetched,
        'shared/deed-tax-receipt': fetched,
        'shared/applicant-bank-card': ok,
      },
      decision: ACCEPT,
    },
    zhEn(
      '“住房公积金提取（购房）”的业务办理项是“购买存量住房（二手房）提取”，不是新建商品房：二手房不要购房发票，要不动产权证书和契税完税证明，二者均可系统调取（申请人带来的产权证书收取亦可）。不同时提取配偶公积金，无需结婚证和配偶身份证。应予受理。',
      'Purchase withdrawal, handling item “second-hand flat”, not “new flat”: no purchase invoice; the property certificate and the deed-tax receipt instead, both fetchable (taking the certificate he brought is fine too). Not withdrawing the spouse’s fund: no marriage certificate. Accept.',
    ),
  ),
  drill(
    base('prepackaged-food-filing', '便利店只卖预包装食品', 'A shop selling only pre-packaged food', 2, ['confusable', 'dataSharing', 'immediate']),
    {
      party: O.linjia,
      says: '我们在小区门口开了个便利店，只卖包装好的零食、饮料、方便面，不现做东西。听说要到市场监管办个什么证？营业执照今天忘带了，要回去拿吗？',
      saysEn: 'We opened a convenience shop by the estate gate — only packaged snacks, drinks and noodles, nothing made on site. Do we need some licence? I forgot the business licence today — must I go back for it?',
      documents: [
        present(`${PREPACKAGED}/application`, '仅销售预包装食品备案信息采集表（加盖公章）'),
        missing('shared/business-licence', '营业执照', '今天忘带了'),
        present('shared/legal-rep-id-card', '法定代表人周海涛居民身份证（有效期限 2015.07.15—2035.07.15）'),
      ],
    },
    {
      subject: handling(PREPACKAGED, 1),
      answers: SELF,
      materials: { [`${PREPACKAGED}/application`]: ok, 'shared/business-licence': fetched, 'shared/legal-rep-id-card': ok },
      decision: ACCEPT,
    },
    zhEn(
      '仅销售预包装食品的，办理“仅销售预包装食品备案”，不需要食品经营许可（《中华人民共和国食品安全法》第三十五条）。营业执照的材料形式为系统调取（免提交），不能让申请人回去拿（《国务院关于在线政务服务的若干规定》：能够通过共享获取的不得要求重复提交）。法定代表人本人办理，核验身份证原件。即办，应予受理。',
      'Only pre-packaged food: the filing, not the food business licence (Food Safety Law Art. 35). The business licence is fetched by data sharing — never send the applicant back for it (State Council Decree 716). Legal representative in person. Accept (same day).',
    ),
  ),
  drill(
    base('food-licence-deferral', '小饭馆申请容缺', 'A small restaurant asks for deferral', 3, ['deferral', 'deferrableVsRequired']),
    {
      party: O.xiangkou,
      says: '我想开个小饭馆，要办什么证？营业执照上个月已经办好了。食品安全那些管理制度还在打印店没拿回来，能不能先给我办上，过两天补过来？',
      saysEn: 'I want to open a small restaurant — what licence do I need? The business licence came last month. The food-safety rules are still at the print shop; can you take my application now and I bring them in two days?',
      documents: [
        present(`${FOOD}/application`, '食品经营许可申请书（经营者签名）'),
        missing('shared/business-licence', '营业执照', '营业执照可以系统查询'),
        present('shared/legal-rep-id-card', '经营者吴秀兰居民身份证（有效期限 2011.12.03—2031.12.03）'),
        copy(`${FOOD}/layout`, '主要设备设施布局图及操作流程（复印件，标明各功能区）'),
        missing(`${FOOD}/safety-rules`, '食品安全规章制度目录', '还在打印店，两天后送来'),
      ],
      circumstances: [{ kind: 'asksForDeferral', note: '申请人请求先受理，两天后补交食品安全规章制度目录；信用核查无失信记录。' }],
    },
    {
      ...foodMadeOnSite(okCopy),
      decision: deferral(`${FOOD}/safety-rules`),
    },
    zhEn(
      '食品经营许可（新办），现场制售。缺的只有“保证食品安全的规章制度目录”，目录标注为“容缺后补”；其余材料齐全，申请人无失信记录，承诺办结时限5个工作日：可以容缺受理，由申请人签署《容缺受理承诺书》，补交期限不超过承诺办结时限。营业执照系统调取；布局图收原件或复印件均可。',
      'Food business licence (new), food made on site. Only the food-safety rules list is missing, and the catalog marks it 容缺后补; all else is complete, the applicant is not on the dishonesty list, and the promised limit is 5 working days: accept with deferral, with a signed commitment and a deadline within the promised limit.',
    ),
  ),
  drill(
    base('food-licence-required-missing', '缺必备材料还要容缺', 'A required material missing, deferral asked', 3, ['deferrableVsRequired', 'oneTimeNotice']),
    {
      party: O.weidao,
      says: '我们的快餐店要办食品经营许可。布局图设计公司还没画好，管理制度也在写。你们不是有容缺受理吗？先受理，这两样后补。',
      saysEn: 'Our fast-food shop needs the food business licence. The designers have not finished the layout plan and the rules are still being written. Don’t you do 容缺? Accept now, we bring both later.',
      documents: [
        present(`${FOOD}/application`, '食品经营许可申请书（加盖公章）'),
        missing('shared/business-licence', '营业执照'),
        present('shared/legal-rep-id-card', '法定代表人郑国强居民身份证（有效期限 2016.02.14—2036.02.14）'),
        missing(`${FOOD}/layout`, '主要设备设施布局图', '设计公司还没画好'),
        missing(`${FOOD}/safety-rules`, '食品安全规章制度目录', '还在写'),
      ],
      circumstances: [{ kind: 'asksForDeferral', note: '申请人要求容缺受理；信用核查无失信记录。' }],
    },
    {
      ...foodMadeOnSite(absent),
      decision: notice(`${FOOD}/layout`, `${FOOD}/safety-rules`),
    },
    zhEn(
      '容缺只适用于目录标注为“容缺后补”的材料。“主要设备设施布局、操作流程等文件”是必要（必备）材料，缺了就不能容缺受理。应出具一次性告知书，一次列全：布局图和规章制度目录（后者虽可容缺，但本次不能容缺受理，仍须告知）。',
      '容缺 only covers lines marked 容缺后补. The layout plan is required, so no 容缺 at all. Issue a one-time notice listing everything at once: the layout plan and the rules list (deferrable, but with no 容缺 it must be listed too).',
    ),
  ),
  drill(
    base('hygiene-licence-dishonest-deferral', '失信单位要求容缺', 'A dishonest applicant asks for deferral', 4, ['dishonest', 'deferral', 'oneTimeNotice']),
    {
      party: O.yuerong,
      says: '我们美容院要办公共场所卫生许可证。卫生检测报告下周才出，先给我们受理吧，我们签承诺书，报告一出来就送过来。',
      saysEn: 'Our beauty salon needs the public-place hygiene licence. The hygiene test report comes next week — please accept now; we sign a commitment and bring it as soon as it is out.',
      documents: [
        present(`${HYGIENE}/application`, '公共场所卫生许可申请表（加盖公章）'),
        missing('shared/business-licence', '营业执照'),
        present('shared/legal-rep-id-card', '法定代表人钱美玲居民身份证（有效期限 2017.06.30—2037.06.30）'),
        present(`${HYGIENE}/floor-plan`, '经营场所平面图和卫生设施布局图'),
        missing(`${HYGIENE}/hygiene-test-report`, '公共场所卫生检测报告', '检测机构下周出报告'),
      ],
      circumstances: [
        { kind: 'asksForDeferral', note: '申请人请求容缺受理，愿签署承诺书。' },
        {
          kind: 'dishonest',
          source: 'list',
          note: '信用核查提示：该单位被列入严重失信主体名单（示例市市场监督管理局于2026-05-10列入，原因：未按期履行行政处罚决定）。',
        },
      ],
    },
    {
      subject: handling(HYGIENE, 1),
      answers: { ...SELF, [`${HYGIENE}/central-ac`]: 'no' },
      materials: {
        [`${HYGIENE}/application`]: ok,
        ...REP_IN_PERSON,
        [`${HYGIENE}/floor-plan`]: ok,
        [`${HYGIENE}/hygiene-test-report`]: absent,
      },
      decision: notice(`${HYGIENE}/hygiene-test-report`),
    },
    zhEn(
      '卫生检测报告确为“容缺后补”材料，其他材料也齐全——但申请单位在失信名单上，失信主体不适用容缺受理。应出具一次性告知书，告知补交卫生检测报告，并向申请人说明不能容缺的原因（失信名单）。为失信申请人容缺受理是严重错误。',
      'The test report is deferrable and all else is complete — but the applicant is on the dishonesty list, and dishonest applicants get no 容缺. Issue a one-time notice for the report and explain why. 容缺 for a dishonest applicant is a critical mistake.',
    ),
  ),
  drill(
    base('start-business-bundle', '开办企业一件事', 'Starting a company: the one-thing bundle', 4, ['bundle', 'dataSharing']),
    {
      party: P.huangWenbo,
      says: '我和两个朋友合伙开个公司，做软件开发，我当法定代表人。营业执照、刻公章、税务登记、开发票、给员工交社保，这些能一次办了吗？公积金先不开户。办公室是租的，房东的房产证网上能查到。',
      saysEn: 'Two friends and I are starting a software company; I am the legal representative. Licence, company seal, tax, invoices and employees’ social insurance — can it all be done at once? No housing fund account yet. The office is rented; the landlord’s certificate is online.',
      documents: [
        present(`${COMPANY_SETUP}/application`, '公司登记（备案）申请书（全体股东签名）'),
        present(`${COMPANY_SETUP}/articles`, '公司章程（全体股东签名，出资期限五年内）'),
        copy(`${COMPANY_SETUP}/shareholder-ids`, '三位股东居民身份证复印件'),
        missing('shared/property-certificate', '房东的不动产权证书', '房东的证书可系统查询'),
        present('shared/premises-lease-contract', '办公室租赁合同（租期三年，双方签章）'),
        present(`${SEAL}/application`, '印章刻制备案表'),
        missing('shared/business-licence', '营业执照', '设立登记后由系统推送'),
        present('shared/legal-rep-id-card', '黄文博居民身份证（有效期限 2020.09.09—2040.09.09）'),
        present(`${TAX_NEW}/application`, '新办纳税人涉税信息确认表'),
        copy(`${TAX_NEW}/finance-staff-ids`, '财务负责人、办税人员居民身份证复印件'),
        present(`${INVOICE}/application`, '发票领用申请表'),
        present(`${EMPLOYER_SOCIAL}/application`, '社会保险单位参保登记表'),
      ],
    },
    {
      subject: { kind: 'bundle', bundleId: 'start-business', basicCodes: [COMPANY_SETUP, SEAL, TAX_NEW, INVOICE, EMPLOYER_SOCIAL] },
      answers: {
        ...SELF,
        [`${COMPANY_SETUP}/premises-type`]: 'lease',
        [`${COMPANY_SETUP}/premises-certified`]: 'yes',
        [`${COMPANY_SETUP}/pre-approval`]: 'no',
        [`${TAX_NEW}/tax-agent`]: 'no',
        [`${INVOICE}/invoice-type`]: 'ordinary',
      },
      materials: {
        [`${COMPANY_SETUP}/application`]: ok,
        [`${COMPANY_SETUP}/articles`]: ok,
        [`${COMPANY_SETUP}/shareholder-ids`]: okCopy,
        'shared/property-certificate': fetched,
        'shared/premises-lease-contract': ok,
        [`${SEAL}/application`]: ok,
        ...REP_IN_PERSON,
        [`${TAX_NEW}/application`]: ok,
        [`${TAX_NEW}/finance-staff-ids`]: okCopy,
        [`${INVOICE}/application`]: ok,
        [`${EMPLOYER_SOCIAL}/application`]: ok,
      },
      decision: ACCEPT,
    },
    zhEn(
      '按“开办企业一件事”办理：有限责任公司设立登记、公章刻制备案、新办纳税人涉税信息确认、发票领用、单位参加社会保险登记；住房公积金单位缴存登记为可选事项，申请人暂不办理。一套材料：法定代表人身份证只收一次，营业执照在设立登记后由系统共享给后续事项（免提交），房东的不动产权证书系统调取。股东身份证、办税人员身份证收复印件即可。材料齐全，应予受理。',
      'The “start a business” bundle: company registration, seal filing, new-taxpayer confirmation, invoices and employer social insurance; the housing-fund account is optional and not wanted. One set of materials: the legal representative’s ID once, the business licence shared to the later items, the landlord’s certificate fetched. Copies suffice for shareholders’ and tax staff IDs. Accept.',
    ),
  ),
  drill(
    base('newborn-bundle', '新生儿出生一件事', 'A newborn: the one-thing bundle', 3, ['bundle', 'dataSharing']),
    {
      party: P.liuSiyu,
      says: '孩子上周在市妇幼保健院出生的，出生证、上户口、办医保、办社保卡想一起办。预防接种证医院已经给了，就不用办了。我和孩子爸爸的结婚证、户口本都在家里。',
      saysEn: 'Our baby was born last week at the city maternity hospital. Birth certificate, hukou, medical insurance and social security card together, please. The hospital already gave us the vaccination booklet. Our marriage certificate and household register are at home.',
      documents: [
        present(`${BIRTH_CERT}/application`, '出生医学证明首次签发登记表'),
        present('shared/guardian-id-card', '刘思雨居民身份证（有效期限 2019.03.21—2029.03.21）'),
        electronic(`${BIRTH_CERT}/delivery-record`, '分娩记录（助产机构已通过系统推送）'),
        missing('shared/birth-medical-certificate', '出生医学证明', '本次一并签发，系统共享'),
        present(`${BIRTH_REG}/application`, '出生登记申报表（新生儿姓名：刘安宁）'),
        missing('shared/household-register', '居民户口簿', '放在家里'),
        missing('shared/marriage-certificate', '结婚证', '放在家里'),
        present(`${RESIDENT_MEDICAL}/application`, '城乡居民基本医疗保险参保登记表'),
      ],
    },
    {
      subject: { kind: 'bundle', bundleId: 'newborn', basicCodes: [BIRTH_CERT, BIRTH_REG, RESIDENT_MEDICAL, SOCIAL_CARD] },
      answers: {
        ...SELF,
        [`${BIRTH_CERT}/birth-place`]: 'institution',
        [`${BIRTH_REG}/born-abroad`]: 'domestic',
        [`${BIRTH_REG}/parents-married`]: 'married',
        [`${RESIDENT_MEDICAL}/newborn`]: 'yes',
        [`${RESIDENT_MEDICAL}/hukou-done`]: 'no',
        [`${SOCIAL_CARD}/minor`]: 'yes',
      },
      materials: {
        [`${BIRTH_CERT}/application`]: ok,
        'shared/guardian-id-card': ok,
        [`${BIRTH_CERT}/delivery-record`]: ok,
        'shared/birth-medical-certificate': fetched,
        [`${BIRTH_REG}/application`]: ok,
        'shared/household-register': fetched,
        'shared/marriage-certificate': fetched,
        [`${RESIDENT_MEDICAL}/application`]: ok,
      },
      decision: ACCEPT,
    },
    zhEn(
      '按“新生儿出生一件事”办理：出生医学证明签发、出生登记、城乡居民医保参保、社会保障卡申领；预防接种证为可选事项，已办理的不选。监护人身份证只收一次；分娩记录由助产机构电子推送；出生医学证明、户口簿、结婚证均可系统调取，不必回家拿。医保参保时新生儿尚未落户（本次一并办理）。材料齐全，应予受理。',
      'The newborn bundle: birth certificate, birth registration, resident medical insurance, social security card; the vaccination booklet is optional and already done. The parent’s ID once; the delivery record arrives electronically; the birth certificate, household register and marriage certificate are fetched. Accept.',
    ),
  ),
  drill(
    base('elderly-allowance-agent-without-authorisation', '女儿代父亲申请高龄津贴，没带委托书', 'A daughter applies for her father without an authorisation letter', 3, ['agent', 'oneTimeNotice']),
    {
      party: P.maDefu,
      agent: agents.maLihua,
      says: '我爸今年八十五了，腿脚不方便来不了，我来帮他申请高龄补贴。他的身份证、银行卡都带来了。委托书？我是他亲女儿啊，户口本上都写着呢，还要委托书吗？',
      saysEn: 'My father is 85 and cannot walk here; I am applying for his old-age allowance. I brought his ID and bank card. An authorisation letter? I’m his daughter — it’s in the household register!',
      documents: [
        present(`${ELDERLY}/application`, '高龄津贴申请表（马丽华代填）'),
        present('shared/applicant-id-card', '马德福居民身份证（长期有效）'),
        missing('shared/household-register', '居民户口簿'),
        present('shared/applicant-bank-card', '马德福本人社会保障卡（金融账户已激活）'),
        missing('shared/power-of-attorney', '授权委托书', '没有写委托书'),
        present('shared/agent-id-card', '马丽华居民身份证（有效期限 2008.11.02—2028.11.02）'),
      ],
      circumstances: [{ kind: 'agentWithoutAuthorisation', note: '代理人是申请人的女儿，未带授权委托书。' }],
    },
    {
      subject: handling(ELDERLY, 1),
      answers: { 'shared/applicant-is-agent': 'agent' },
      materials: {
        [`${ELDERLY}/application`]: ok,
        'shared/applicant-id-card': ok,
        'shared/household-register': fetched,
        'shared/applicant-bank-card': ok,
        'shared/power-of-attorney': absent,
        'shared/agent-id-card': ok,
      },
      decision: notice('shared/power-of-attorney'),
    },
    zhEn(
      '亲属关系不等于授权：委托他人代办的，须提交授权委托书，载明委托人、代理人、委托事项、权限和期限，由委托人签名（《中华人民共和国民法典》第一百六十五条）。其余材料齐全（户口簿系统调取）。应出具一次性告知书，只列授权委托书，并可提供委托书样式；老人行动不便的，可告知上门或网办渠道。',
      'Being a relative is not an authorisation: an agent needs a written letter naming principal, agent, matter, powers and term, signed by the principal (Civil Code Art. 165). All else is complete. Issue a one-time notice listing only the letter, and offer the template.',
    ),
  ),
  drill(
    base('individual-business-other-province', '在外省开店来这里办执照', 'Registering a shop in another province', 3, ['jurisdiction', 'refuse']),
    {
      party: P.xuJiahao,
      says: '我老家在苏州，想在苏州观前街那边开个奶茶店，办个个体户执照。我人在这边上班回不去，能在你们这儿直接办了吗？',
      saysEn: 'I’m from Suzhou and want to open a bubble-tea shop near Guanqian Street there. I work here and can’t go back — can you register my individual business here?',
      documents: [present('shared/applicant-id-card', '许家豪居民身份证（有效期限 2024.07.07—2044.07.07）')],
      circumstances: [
        {
          kind: 'otherJurisdiction',
          competentAuthority: '江苏省苏州市姑苏区市场监督管理局',
          note: '经营场所位于江苏省苏州市姑苏区；本事项通办范围为“全省通办”（本省范围内）。',
        },
      ],
    },
    {
      subject: handling(INDIVIDUAL_BIZ, 1),
      answers: {},
      materials: {},
      decision: {
        kind: 'refuse',
        refusalCode: 'notJurisdiction',
        whereToApply: '江苏省苏州市姑苏区市场监督管理局（经营场所所在地登记机关），也可通过江苏政务服务网在线申请',
        whereToApplyKeywords: ['苏州'],
      },
    },
    zhEn(
      '个体工商户由经营场所所在地的登记机关登记。经营场所在江苏省苏州市，本事项的通办范围是“全省通办”，不包括外省：不属于本机关职权范围，应即时作出不予受理决定，并告知向苏州市姑苏区市场监督管理局（或江苏政务服务网）申请（《中华人民共和国行政许可法》第三十二条第一款第（二）项）。不要收材料、不要出一次性告知书，更不能受理。',
      'An individual business registers where its premises are. Suzhou is in another province and the item’s scope is province-wide: not this body’s matter. Refuse at once and say where to apply (Administrative Licensing Law Art. 32(1)(2)). No materials, no notice, never accept.',
    ),
  ),
  drill(
    base('no-criminal-record-expired-id', '身份证过期来开无犯罪记录证明', 'Certificate of no criminal record with an expired ID', 2, ['expiredId', 'oneTimeNotice']),
    {
      party: P.yangXiaofeng,
      says: '新单位入职要一份无犯罪记录证明，我来开一下。身份证给你。',
      saysEn: 'My new employer wants a certificate of no criminal record. Here is my ID card.',
      documents: [
        present(`${NO_CRIME}/application`, '无犯罪记录证明申请表（本人签名，用途：入职）'),
        defective('shared/applicant-id-card', 'expired', '居民身份证（有效期限 2016.10.08—2026.10.08）', '证件完好，但已过有效期'),
      ],
      circumstances: [{ kind: 'expiredIdCard', note: '申请人出示的居民身份证已于2026年10月8日到期。' }],
    },
    {
      subject: handling(NO_CRIME, 1),
      answers: SELF,
      materials: { [`${NO_CRIME}/application`]: ok, 'shared/applicant-id-card': bad },
      decision: notice('shared/applicant-id-card'),
    },
    zhEn(
      '本事项“申请人居民身份证”的受理标准是“在有效期内”。证件已过期，不符合要求：登记为不符合要求（已过有效期），出具一次性告知书。可告知申请人先办理居民身份证换领（可同时申领临时居民身份证），再凭有效证件申请。对比“身份证换领”演练：那里过期的原证恰恰是换领的理由。',
      'Here the ID card must be “within its validity”. It has expired: mark it deficient (expired) and issue a one-time notice; suggest renewing the card first (a temporary card is possible). Compare the renewal drill, where the expired card is the very reason.',
    ),
  ),
  drill(
    base('employer-social-insurance-uscc-checksum', '早期统一社会信用代码校验不通过', 'An early USCC that fails its checksum', 4, ['uscc', 'applicantData', 'immediate']),
    {
      party: O.hengyuan,
      says: '我们公司要给新招的员工交社保，先来开个单位社保户。执照是2016年办的，营业执照原件我带来了。',
      saysEn: 'We need to pay social insurance for new staff, so we want to open the company account. Our licence is from 2016; here is the original.',
      documents: [
        present(`${EMPLOYER_SOCIAL}/application`, '社会保险单位参保登记表（加盖公章）'),
        present('shared/business-licence', '营业执照正本（2016年核发）'),
      ],
      circumstances: [
        {
          kind: 'usccChecksumFails',
          note: '录入统一社会信用代码时系统提示“校验码不符”。营业执照原件上的代码与录入一致，与系统调取的电子营业执照一致。',
        },
      ],
    },
    {
      subject: handling(EMPLOYER_SOCIAL, 1),
      answers: SELF,
      materials: { [`${EMPLOYER_SOCIAL}/application`]: ok, 'shared/business-licence': okOrFetched },
      decision: ACCEPT,
      usccOverride: true,
    },
    zhEn(
      '统一社会信用代码校验不通过时，先逐位核对是否录入有误；本例与营业执照原件和电子营业执照一致，属于部分早期赋码无法通过校验的情形（GB 32100-2015）。应登记核对说明（如“已核对营业执照原件，与登记信息一致”）后继续办理，不能退回申请人。材料齐全，即办件，应予受理。',
      'When a USCC fails its check: first look for a typing error. Here it matches the original and the electronic licence — one of the early codes that fail the GB 32100-2015 check. Record what you checked and continue; do not send the applicant away. Accept.',
    ),
  ),
  drill(
    base('unemployment-registration-immediate-no-deferral', '即办件申请容缺', 'Deferral asked on a same-day item', 5, ['deferral', 'immediate', 'oneTimeNotice']),
    {
      party: P.guoJiayi,
      says: '我上个月被公司裁员了，想做个失业登记。离职证明公司说要月底才给开，能不能先登记，证明后面再补给你们？',
      saysEn: 'I was laid off last month and want to register as unemployed. The company will issue the termination certificate at the end of the month — can I register now and bring it later?',
      documents: [
        present(`${UNEMPLOYMENT}/application`, '失业登记表（本人签名）'),
        present('shared/applicant-id-card', '郭佳怡居民身份证（有效期限 2019.01.25—2039.01.25）'),
        missing('shared/termination-certificate', '解除劳动关系证明', '原单位月底才开具'),
      ],
      circumstances: [{ kind: 'asksForDeferral', note: '申请人请求先登记、后补离职证明；信用核查无失信记录。' }],
    },
    {
      subject: handling(UNEMPLOYMENT, 1),
      answers: { [`${UNEMPLOYMENT}/previously-employed`]: 'yes' },
      materials: { [`${UNEMPLOYMENT}/application`]: ok, 'shared/applicant-id-card': ok, 'shared/termination-certificate': absent },
      decision: notice('shared/termination-certificate'),
    },
    zhEn(
      '离职证明在目录中标注为“容缺后补”，但失业登记是即办件：当场办结，没有可以补交的期限，容缺受理的补交期限不能超过承诺办结时限。因此不能容缺受理，应出具一次性告知书，告知补交终止或解除劳动关系证明（《中华人民共和国劳动合同法》第五十条：用人单位应当出具）。可提示申请人请原单位尽快出具，或由单位通过系统报送后再来办理。',
      'The termination certificate is marked 容缺后补, but unemployment registration is a same-day item: it finishes on the spot, so there is no time to supplement — a deferral deadline may not exceed the promised limit. No 容缺: issue a one-time notice for the certificate (the employer must issue it, Labour Contract Law Art. 50).',
    ),
  ),
  drill(
    base('company-capital-increase-two-defects', '公司增资：决议少签名、委托书事项不符', 'Capital increase: an unsigned resolution and a wrong authorisation', 5, ['agent', 'defects', 'oneTimeNotice']),
    {
      party: O.qiming,
      agent: agents.xuJingyi,
      says: '我是启明科技的员工，公司要增资，注册资本从一百万加到五百万。股东会决议、章程修正案、委托书都带来了，营业执照正副本也在这儿。',
      saysEn: 'I work for Qiming Technology. The company is raising its registered capital from 1 to 5 million. I brought the shareholders’ resolution, the articles amendment, the authorisation and both copies of the licence.',
      documents: [
        present(`${COMPANY_CHANGE}/application`, '公司登记（备案）申请书（加盖公章）'),
        present('shared/business-licence', '营业执照正、副本'),
        defective(`${COMPANY_CHANGE}/resolution`, 'unsigned', '股东会决议（增加注册资本）', '章程载明股东三人：朱浩然、李思远、王建国；决议上只有朱浩然、李思远签名'),
        present(`${COMPANY_CHANGE}/articles-amendment`, '公司章程修正案（法定代表人签署）'),
        defective('shared/power-of-attorney', 'wrongMatter', '授权委托书（加盖公章）', '委托事项写的是“办理公司设立登记”'),
        present('shared/agent-id-card', '徐静怡居民身份证（有效期限 2022.05.18—2042.05.18）'),
      ],
    },
    {
      subject: handling(COMPANY_CHANGE, 4),
      answers: { 'shared/applicant-is-agent': 'agent', [`${COMPANY_CHANGE}/capital-direction`]: 'increase' },
      materials: {
        [`${COMPANY_CHANGE}/application`]: ok,
        'shared/business-licence': okOrFetched,
        [`${COMPANY_CHANGE}/resolution`]: bad,
        [`${COMPANY_CHANGE}/articles-amendment`]: ok,
        'shared/power-of-attorney': bad,
        'shared/agent-id-card': ok,
      },
      decision: notice(`${COMPANY_CHANGE}/resolution`, 'shared/power-of-attorney'),
    },
    zhEn(
      '公司变更登记，业务办理项为“注册资本变更登记”（增资，无需减资公告）。两处细节：股东会决议须“符合公司章程规定的表决程序，股东签名”，三位股东少一人签名，不符合要求；授权委托书的“委托事项与本次申请一致”，写成“公司设立登记”，不符合要求（《中华人民共和国民法典》第一百六十五条）。一次性告知书须一次列全这两项，写明原因。',
      'Company change, handling item “registered capital” (an increase: no reduction notice). Two details: the resolution lacks one of three shareholders’ signatures; the authorisation names “company registration” instead of this change (Civil Code Art. 165). The one-time notice lists both, with the reasons.',
    ),
  ),
  drill(
    base('property-transfer-spouse-consent', '二手房过户：卖方配偶未同意', 'Property transfer: the seller’s spouse has not consented', 4, ['oneTimeNotice', 'dataSharing']),
    {
      party: P.liSiyuan,
      says: '房子我们买好了，网签合同在这儿，契税昨天也交了，今天来过户。卖房的周先生也一起来了，房产证他带着。',
      saysEn: 'We have bought the flat; here is the registered contract, and we paid the deed tax yesterday. We are here for the transfer; the seller Mr Zhou came too, with the certificate.',
      documents: [
        present(`${PROPERTY_TRANSFER}/application`, '不动产登记申请书（买卖双方签名）'),
        present('shared/applicant-id-card', '李思远、周国平居民身份证（均在有效期内）'),
        present('shared/property-certificate', '不动产权证书（权利人：周国平）'),
        present('shared/house-sale-contract', '存量房买卖合同（网签备案）'),
        missing('shared/deed-tax-receipt', '契税完税证明', '昨天已缴纳，系统可查'),
        missing(`${PROPERTY_TRANSFER}/transferor-marriage-proof`, '卖方结婚证及配偶同意出售的书面意见', '周先生说房子登记在他一个人名下，不用老婆同意'),
      ],
      circumstances: [{ kind: 'other', note: '卖方周国平已婚，房屋于婚后购买、登记在其一人名下；其妻子未到场，也未出具同意出售的书面意见。' }],
    },
    {
      subject: handling(PROPERTY_TRANSFER, 1),
      answers: { ...SELF, [`${PROPERTY_TRANSFER}/transferor-married`]: 'yes' },
      materials: {
        [`${PROPERTY_TRANSFER}/application`]: ok,
        'shared/applicant-id-card': ok,
        'shared/property-certificate': okOrFetched,
        'shared/house-sale-contract': ok,
        'shared/deed-tax-receipt': fetched,
        [`${PROPERTY_TRANSFER}/transferor-marriage-proof`]: absent,
      },
      decision: notice(`${PROPERTY_TRANSFER}/transferor-marriage-proof`),
    },
    zhEn(
      '婚后购买的房屋一般为夫妻共同财产，即使只登记在一方名下；处分共同共有的不动产须经全体共同共有人同意（《中华人民共和国民法典》第三百零一条、第一千零六十二条）。卖方已婚，应收“转让方结婚证及配偶同意出售的书面意见”，缺此材料不能受理：出具一次性告知书。契税完税证明、不动产权证书可系统调取。',
      'A flat bought during marriage is usually joint property even if registered to one spouse; disposing of it needs every joint owner’s consent (Civil Code Arts. 301, 1062). The seller is married: without his wife’s written consent, issue a one-time notice. The deed tax receipt and the certificate are fetchable.',
    ),
  ),
];

const pack = {
  schemaVersion: 1,
  packId: 'default-onboarding',
  title: '综合窗口入职培训演练（默认）',
  titleEn: 'Comprehensive window onboarding drills (default)',
  description:
    '基于默认事项目录（示例数据）的入职培训演练，由易到难：易混事项、容缺与必备材料、失信申请人、“一件事”、代办无委托书、非本机关职权、数据共享免提交、过期证件、统一社会信用代码校验。所有人物、单位、证件号码和电话均为虚构。',
  scenarios,
};

const text = `${JSON.stringify(pack, null, 2)}\n`;
const check = parseScenarioPackText(text, catalog);
if (!check.ok) {
  for (const e of check.errors) console.error(`${e.path}: ${e.message['zh-CN']} / ${e.message['en-US']}`);
  process.exit(1);
}
for (const w of check.warnings) console.warn(`warning ${w.path}: ${w.message['zh-CN']}`);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${scenarios.length} scenarios`);
