/**
 * The dishonesty list (失信名单) an administrator imports, and the look-up that keeps
 * 容缺受理 away from listed applicants (applicants on the dishonesty list get
 * no 容缺). Typical sources: the 失信被执行人 list of the courts, the 严重失信主体名单 of
 * 信用中国 / a provincial credit platform, exported by the centre's administrator.
 *
 * File format (JSON):
 * ```json
 * { "schemaVersion": 1, "source": "信用浙江 严重失信主体名单（2026年11月）", "importedAt": "2026-11-20T10:00:00+08:00",
 *   "entries": [{ "idNumber": "330106199003071236", "name": "张伟", "reason": "失信被执行人：未履行生效判决",
 *                 "listedBy": "示例市西湖区人民法院", "listedAt": "2026-03-02", "expiresAt": "2029-03-01" }] }
 * ```
 * `idNumber` is an 18-character resident ID (GB 11643-1999) or unified social credit code
 * (GB 32100-2015). IDs are compared normalised (spaces, full-width forms and lower-case x
 * don't matter). An entry counts from `listedAt` through `expiresAt` (inclusive); an
 * expired entry, or one listed after `today`, does not count.
 *
 * `parseDishonestyList` never throws and reports every problem at once as a bilingual
 * `path: reason` issue (like a catalog import). A USCC failing its checksum is a warning,
 * not an error (some real early codes fail it).
 */
import { z } from 'zod';
import { safeText } from '../text';
import { isIsoDate } from '../calendar/isoDate';
import { checkResidentId, checkUscc, isOverridableUsccProblem, normalizeIdentityInput } from '../identity';
import type { ApplicantDraft } from '../intake/case';
import { IsoDateTime } from '../intake/time';
import { type LifecycleIssue, issue, zodIssues } from './common';

export const DISHONESTY_LIST_SCHEMA_VERSION = 1;
/** Lists above this many entries are refused (a provincial list is tens of thousands). */
export const MAX_DISHONESTY_ENTRIES = 500_000;

/** Single-line text (../text.ts). */
const text = safeText({ max: 1000 });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const DishonestyEntry = z.strictObject({
  /** 公民身份号码 or 统一社会信用代码 (stored normalised after parsing). */
  idNumber: text.max(40),
  name: text.max(200),
  /** 列入原因, e.g. 失信被执行人：有履行能力而拒不履行生效法律文书确定义务. */
  reason: text.max(1000),
  /** 列入机关 / 认定单位. */
  listedBy: text.max(200),
  listedAt: isoDate,
  /** Last day the entry counts (inclusive); none = until removed from the list. */
  expiresAt: isoDate.optional(),
});
export type DishonestyEntry = z.infer<typeof DishonestyEntry>;

export const DishonestyList = z.strictObject({
  schemaVersion: z.literal(DISHONESTY_LIST_SCHEMA_VERSION),
  /** Where the list comes from (printed with the reason). */
  source: text.max(300),
  importedAt: IsoDateTime.optional(),
  entries: z.array(DishonestyEntry).max(MAX_DISHONESTY_ENTRIES),
});
export type DishonestyList = z.infer<typeof DishonestyList>;

const USCC_PROBLEM_ZH: Record<string, string> = {
  checksum: '校验码不符',
  authority: '登记管理部门代码不常见',
  category: '机构类别代码不常见',
};

export type ParseDishonestyListResult =
  | { ok: true; list: DishonestyList; warnings: LifecycleIssue[] }
  | { ok: false; errors: LifecycleIssue[]; warnings: LifecycleIssue[] };

/**
 * Checks an imported list: structure, then each ID (resident ID or USCC), the dates, and
 * duplicates. With `today` (YYYY-MM-DD), entries already expired or listed in the future
 * are warned about. The returned list has normalised IDs.
 */
export function parseDishonestyList(data: unknown, today?: string): ParseDishonestyListResult {
  const parsed = DishonestyList.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error.issues, data), warnings: [] };
  const errors: LifecycleIssue[] = [];
  const warnings: LifecycleIssue[] = [];
  const seen = new Map<string, number>();
  const entries: DishonestyEntry[] = parsed.data.entries.map((e, i) => {
    const path = ['entries', i] as const;
    const id = normalizeIdentityInput(e.idNumber);
    const resident = checkResidentId(id);
    if (!resident.ok) {
      const uscc = checkUscc(id);
      if (!uscc.ok) {
        const looksResident = /^\d{17}[\dX]$/.test(id);
        if (!looksResident && isOverridableUsccProblem(uscc.reason))
          warnings.push(
            issue('warning', 'dishonesty.usccCheck', [...path, 'idNumber'], `统一社会信用代码 ${id} ${USCC_PROBLEM_ZH[uscc.reason] ?? '未通过校验'}，请核对名单原文`, `the unified social credit code ${id} fails its check (${uscc.reason}); compare with the source list`),
          );
        else
          errors.push(
            issue(
              'error',
              'dishonesty.idNumber',
              [...path, 'idNumber'],
              `${id} 既不是有效的公民身份号码，也不是有效的统一社会信用代码`,
              `${id} is neither a valid resident ID number nor a valid unified social credit code`,
            ),
          );
      }
    }
    if (!isIsoDate(e.listedAt)) errors.push(issue('error', 'dishonesty.date', [...path, 'listedAt'], `${e.listedAt} 不是有效日期`, `${e.listedAt} is not a real date`));
    if (e.expiresAt !== undefined) {
      if (!isIsoDate(e.expiresAt)) errors.push(issue('error', 'dishonesty.date', [...path, 'expiresAt'], `${e.expiresAt} 不是有效日期`, `${e.expiresAt} is not a real date`));
      else if (e.expiresAt < e.listedAt)
        errors.push(issue('error', 'dishonesty.expiresBeforeListed', [...path, 'expiresAt'], '截止日期早于列入日期', 'the expiry date is before the listing date'));
    }
    if (today !== undefined) {
      if (e.expiresAt !== undefined && e.expiresAt < today)
        warnings.push(issue('warning', 'dishonesty.expired', [...path, 'expiresAt'], `该条已于 ${e.expiresAt} 到期，不再生效`, `this entry expired on ${e.expiresAt} and no longer counts`));
      if (e.listedAt > today)
        warnings.push(issue('warning', 'dishonesty.future', [...path, 'listedAt'], `列入日期 ${e.listedAt} 晚于今天，到该日才生效`, `listed on ${e.listedAt}, after today: it counts from that day`));
    }
    const first = seen.get(id);
    if (first !== undefined)
      warnings.push(issue('warning', 'dishonesty.duplicate', [...path, 'idNumber'], `与第 ${first + 1} 条证件号码重复`, `same ID number as entry ${first}`));
    else seen.set(id, i);
    return { ...e, idNumber: id };
  });
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, list: { ...parsed.data, entries }, warnings };
}

// ---- look-up ---------------------------------------------------------------------------------

const indexCache = new WeakMap<DishonestyList, Map<string, DishonestyEntry[]>>();

function indexOf(list: DishonestyList): Map<string, DishonestyEntry[]> {
  let idx = indexCache.get(list);
  if (!idx) {
    idx = new Map();
    for (const e of list.entries) {
      const id = normalizeIdentityInput(e.idNumber);
      const bucket = idx.get(id);
      if (bucket) bucket.push(e);
      else idx.set(id, [e]);
    }
    indexCache.set(list, idx);
  }
  return idx;
}

/** Whether an entry counts on `today` (YYYY-MM-DD): listedAt ≤ today ≤ expiresAt. */
export function isEntryActive(entry: DishonestyEntry, today: string): boolean {
  return entry.listedAt <= today && (entry.expiresAt === undefined || today <= entry.expiresAt);
}

/**
 * The entry that lists `idNumber` on `today`, or null. IDs are normalised; expired entries
 * and entries listed after today do not count. (Indexed once per list object.)
 */
export function isDishonest(list: DishonestyList | null | undefined, idNumber: string, today: string): DishonestyEntry | null {
  if (!list || !idNumber) return null;
  const bucket = indexOf(list).get(normalizeIdentityInput(idNumber));
  return bucket?.find((e) => isEntryActive(e, today)) ?? null;
}

/** A dishonesty flag as 容缺 rules take it: set by the clerk, or found in the imported list. */
export interface DishonestyFlag {
  flagged: boolean;
  source?: 'clerk' | 'list';
  reason?: string;
}

export interface DishonestyMatch extends DishonestyFlag {
  flagged: true;
  source: 'list';
  reason: string;
  entry: DishonestyEntry;
  /** Whose number matched: the applicant (person or organisation) or an organisation's legal representative. */
  matched: 'applicant' | 'legalRepresentative';
}

/**
 * Looks the applicant up: a person's ID number; an organisation's USCC, then its legal
 * representative's ID number. The reason names the list, the listing body and date.
 */
export function dishonestyOfApplicant(
  list: DishonestyList | null | undefined,
  applicant: ApplicantDraft | undefined,
  today: string,
): DishonestyMatch | null {
  if (!list || !applicant) return null;
  const candidates: { id: string | undefined; matched: DishonestyMatch['matched'] }[] =
    applicant.kind === 'person'
      ? [{ id: applicant.idNumber, matched: 'applicant' }]
      : [
          { id: applicant.uscc, matched: 'applicant' },
          { id: applicant.legalRepresentativeIdNumber, matched: 'legalRepresentative' },
        ];
  for (const { id, matched } of candidates) {
    if (!id) continue;
    const entry = isDishonest(list, id, today);
    if (entry) {
      const who = matched === 'legalRepresentative' ? `法定代表人${entry.name}` : entry.name;
      return {
        flagged: true,
        source: 'list',
        reason: `${who}列入${list.source}：${entry.reason}（${entry.listedBy}，${entry.listedAt}）`,
        entry,
        matched,
      };
    }
  }
  return null;
}
