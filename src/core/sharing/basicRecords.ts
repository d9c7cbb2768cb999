/**
 * 秒填: the shared basic records (基础信息) of a person or an organisation, offered to prefill the
 * applicant form once its ID number / USCC is valid. Nothing is written silently: the clerk sees
 * each field next to what was typed, differences marked, and takes a field only on confirm.
 */
import { z } from 'zod';
import type { Locale } from '../i18n';

const value = z.string().trim().max(500);

export const PersonRecord = z.object({ name: value, address: value.optional() }).loose();
export const OrganisationRecord = z
  .object({ name: value, legalRepresentative: value.optional(), address: value.optional(), registrationStatus: value.optional() })
  .loose();

/** POST /api/v1/sharing/basic-records answers a record, or `{ outcome: 'notFound' }`. */
export const BasicRecordAnswer = z.union([
  z.object({ outcome: z.literal('notFound') }).loose(),
  z.object({ record: z.union([OrganisationRecord, PersonRecord]) }).loose(),
  OrganisationRecord,
  PersonRecord,
]);
export type BasicRecordAnswer = z.infer<typeof BasicRecordAnswer>;

export type BasicRecordKind = 'person' | 'organisation';

/** A form field the record can fill, by its path in the applicant form. */
export interface PrefillField {
  /** 'name' | 'address' | 'legalRepresentative' (under `applicant.`). */
  field: 'name' | 'address' | 'legalRepresentative';
  shared: string;
  typed: string;
  /** Typed and different from the record: highlighted, never taken unless the clerk says so. */
  differs: boolean;
  /** Same as typed: nothing to do. */
  same: boolean;
}

export interface Prefill {
  kind: BasicRecordKind;
  fields: PrefillField[];
  /** 登记状态 of an organisation (存续, 注销, 吊销 …), shown, not a form field. */
  registrationStatus?: string;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The record read from an answer (null when the registry has none). */
export function recordOf(answer: BasicRecordAnswer): Record<string, unknown> | null {
  if ('outcome' in answer && answer.outcome === 'notFound') return null;
  if ('record' in answer && answer.record && typeof answer.record === 'object') return answer.record as Record<string, unknown>;
  return answer as Record<string, unknown>;
}

/**
 * What the record would change in the form. `typed`: the form's current values.
 * Fields absent from the record are not offered.
 */
export function prefillFrom(kind: BasicRecordKind, record: Record<string, unknown>, typed: Partial<Record<PrefillField['field'], string>>): Prefill {
  const names: PrefillField['field'][] = kind === 'organisation' ? ['name', 'legalRepresentative', 'address'] : ['name', 'address'];
  const fields: PrefillField[] = [];
  for (const f of names) {
    const raw = record[f];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const shared = raw.trim();
    const t = (typed[f] ?? '').trim();
    const same = t !== '' && norm(t) === norm(shared);
    fields.push({ field: f, shared, typed: t, same, differs: t !== '' && !same });
  }
  const status = record['registrationStatus'];
  return { kind, fields, ...(kind === 'organisation' && typeof status === 'string' && status.trim() ? { registrationStatus: status.trim() } : {}) };
}

/** 存续/在业 are in business; anything else (注销, 吊销, 迁出 …) is worth a warning. */
export function registrationNeedsAttention(status: string | undefined): boolean {
  if (!status) return false;
  return !/存续|在业|开业|正常|active/i.test(status);
}

const FIELD_LABELS: Record<PrefillField['field'], Record<BasicRecordKind, Record<Locale, string>>> = {
  name: { person: { 'zh-CN': '姓名', 'en-US': 'Name' }, organisation: { 'zh-CN': '单位名称', 'en-US': 'Name' } },
  address: { person: { 'zh-CN': '户籍地址', 'en-US': 'Registered address' }, organisation: { 'zh-CN': '住所', 'en-US': 'Registered address' } },
  legalRepresentative: { person: { 'zh-CN': '法定代表人', 'en-US': 'Legal representative' }, organisation: { 'zh-CN': '法定代表人', 'en-US': 'Legal representative' } },
};

export function prefillFieldLabel(f: PrefillField['field'], kind: BasicRecordKind, locale: Locale): string {
  return FIELD_LABELS[f][kind][locale];
}
