/** The hand-out and rating screens' texts, bilingual (like the core's Localized labels). */
import type { Locale } from '@core/i18n';

const T = {
  title: ['统一窗口出件', 'Results to hand out'],
  intro: ['部门已办结且办理结果可领取的办件。核验领取人身份后登记出件。', 'Cases finished by every department with a result ready. Check the recipient, then record the hand-out.'],
  empty: ['暂无待出件的办件。', 'No results are waiting to be handed out.'],
  caseNumber: ['办件编号', 'Case number'],
  departments: ['部门', 'Departments'],
  readySince: ['结果就绪', 'Ready since'],
  record: ['登记出件', 'Record hand-out'],
  method: ['出件方式', 'How'],
  inPerson: ['窗口领取', 'In person'],
  post: ['邮寄送达', 'By post'],
  electronic: ['电子送达', 'Electronically'],
  recipientName: ['领取人姓名', 'Recipient’s name'],
  recipientIdNumber: ['领取人身份证号码', 'Recipient’s resident ID number'],
  relation: ['领取人身份', 'Recipient is'],
  applicant: ['申请人本人', 'The applicant'],
  legalRepresentative: ['法定代表人', 'Legal representative'],
  agent: ['代领人（凭授权委托书）', 'An agent (written authorisation)'],
  authorisation: ['已核验授权委托书（编号或说明）', 'Written authorisation checked (reference)'],
  idCheckedBy: ['核验方式', 'ID checked by'],
  cardReader: ['身份证阅读器', 'Card reader'],
  manual: ['人工核验', 'By eye'],
  carrier: ['快递公司', 'Carrier'],
  trackingNumber: ['快递单号', 'Tracking number'],
  phone: ['收件人电话', 'Recipient’s phone'],
  address: ['收件地址', 'Address'],
  channel: ['送达渠道', 'Channel'],
  reference: ['送达凭证号', 'Reference'],
  save: ['确认出件', 'Confirm hand-out'],
  cancel: ['取消', 'Cancel'],
  saved: ['已登记出件：{n}', 'Hand-out recorded: {n}'],
  handedOut: ['已出件', 'Handed out'],
  syncState: ['同步', 'Sync'],
  queued: ['待同步', 'Waiting to sync'],
  sent: ['已同步', 'Synced'],
  needsFix: ['服务器拒收', 'Refused by the server'],
  askRating: ['请申请人评价', 'Ask the applicant to rate'],
  rated: ['已评价', 'Rated'],
  followUps: ['差评回访整改', 'Poor ratings to follow up'],
  followUpsEmpty: ['暂无差评。', 'No poor ratings.'],
  callBackBy: ['回访期限', 'Call back by'],
  fixBy: ['整改期限', 'Fix by'],
  level: ['评价', 'Rating'],
  reasons: ['原因', 'Reasons'],
  recent: ['最近出件', 'Recent hand-outs'],
  // the applicant-facing screen
  rateTitle: ['服务评价', 'Rate our service'],
  rateCase: ['办件编号 {n}', 'Case {n}'],
  chooseTags: ['请选择原因（可多选）', 'Choose what applies (any number)'],
  comment: ['评价内容（选填）', 'Comment (optional)'],
  submit: ['提交评价', 'Submit'],
  thanks: ['感谢您的评价！', 'Thank you for your rating!'],
  declined: ['您选择了不评价。', 'You chose not to rate.'],
  giveBack: ['交还窗口', 'Hand back to the clerk'],
  alreadyRated: ['本次服务已评价（一次一评）。', 'This service has already been rated (once per occasion).'],
  notFound: ['找不到该办件。', 'Case not found.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof T;

export function tx(key: TextKey, locale: Locale, vars: Record<string, string> = {}): string {
  let s: string = T[key][locale === 'zh-CN' ? 0 : 1];
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}
