/**
 * Electronic licences (电子证照) as data sharing (一数一源) sees them: what the registry holds,
 * and what a case records when the window fetched a licence instead of asking for paper.
 *
 * A fetched licence is a fact about the moment of the fetch (status and hash at that time);
 * the department sees the same licence the clerk saw, and can tell if it changed since.
 */
import { z } from 'zod';
import { IsoDateTime } from '../intake/time';
import { Sha256Hex } from '../materials/page';

const text = z.string().trim().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const LicenceStatus = z.enum(['valid', 'expired', 'revoked', 'cancelled']); // 有效 / 过期 / 吊销 / 注销
export type LicenceStatus = z.infer<typeof LicenceStatus>;

/** Whose licence a material asks for: the applicant's, the agent's, the organisation's, or the property's (不动产). */
export const LicenceHolderRole = z.enum(['applicant', 'agent', 'organisation', 'property']);
export type LicenceHolderRole = z.infer<typeof LicenceHolderRole>;

/** How a holder is identified: 公民身份号码, 统一社会信用代码, or a property's own number (不动产单元号). */
export const HolderIdType = z.enum(['residentId', 'uscc', 'property']);
export type HolderIdType = z.infer<typeof HolderIdType>;

/** What a case keeps of a licence fetched at the window (on the material's 'fetched' state). */
export const FetchedLicence = z.object({
  typeCode: text, // 证照类型代码
  typeName: text, // 证照类型名称
  number: text, // 证照编号
  issuer: text, // 发证机关 (name)
  holderName: text,
  holderIdType: HolderIdType,
  holderId: z.string().trim().min(1).max(64),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable(), // null = 长期
  statusAtFetch: LicenceStatus,
  /** SHA-256 of the licence record as the registry answered (canonical JSON). */
  hash: Sha256Hex,
  /** The service's id for the look-up (its audit trail names it). */
  lookupId: z.string().trim().min(1).max(64),
  fetchedAt: IsoDateTime,
  fetchedBy: z.string().trim().min(1).max(64), // clerkId
  source: z.enum(['centre', 'platform']), // the centre's registry, or the provincial sharing platform
});
export type FetchedLicence = z.infer<typeof FetchedLicence>;
