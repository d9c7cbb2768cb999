/**
 * The data-sharing API between the window and the service (docs/data-sharing.md): licence
 * look-up, basic records for 秒填, the look-up log, and the registry import format.
 * Shared by the service (which validates with these) and the workstation (which parses answers).
 */
import { z } from 'zod';
import { HolderIdType, LicenceStatus } from './licence';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(200);

export const LookupOutcome = z.enum(['found', 'notFound', 'holderMismatch', 'expired', 'revoked', 'cancelled', 'unavailable']);
export type LookupOutcome = z.infer<typeof LookupOutcome>;

/** POST /api/v1/sharing/licences/lookup */
export const LicenceLookupRequest = z.strictObject({
  caseId: z.uuid(),
  /** The case number when it has one: a PX number is a training case (training registry only). */
  caseNumber: z.string().trim().min(1).max(40).optional(),
  clerkId: id, // 工号 of the clerk asking
  typeCode: z.string().trim().min(1).max(64),
  holderIdType: HolderIdType,
  holderId: id,
  holderName: name,
  on: isoDate, // the date the licence must be valid on (the intake date)
  training: z.literal(true).optional(),
});
export type LicenceLookupRequest = z.infer<typeof LicenceLookupRequest>;

export const SharedLicence = z.object({
  typeCode: z.string(),
  typeName: z.string(),
  number: z.string(),
  issuer: z.string(),
  holderName: z.string(),
  holderIdType: HolderIdType,
  holderId: z.string(),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable(),
  /** On the look-up's `on` date. */
  status: LicenceStatus,
  fields: z.record(z.string(), z.string()),
  hasDocument: z.boolean(),
  /** SHA-256 (hex) of the canonical JSON of this object without `hash`. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SharedLicence = z.infer<typeof SharedLicence>;

/** Why the provincial platform gave no answer (the centre's registry answered instead). */
export const PlatformNote = z.enum(['timeout', 'error', 'badSignature', 'badAnswer', 'circuitOpen', 'network']);
export type PlatformNote = z.infer<typeof PlatformNote>;

export const LicenceLookupResponse = z.object({
  lookupId: z.uuid(),
  outcome: LookupOutcome,
  /** Present for found / expired / revoked / cancelled; never for holderMismatch. */
  licence: SharedLicence.optional(),
  source: z.enum(['centre', 'platform']),
  answeredAt: z.iso.datetime(),
  /** The platform is configured but did not answer: why (the answer is the centre's). */
  platformUnavailable: PlatformNote.optional(),
  training: z.literal(true).optional(),
});
export type LicenceLookupResponse = z.infer<typeof LicenceLookupResponse>;

/** POST /api/v1/sharing/basic-records (秒填) */
export const BasicRecordRequest = z.strictObject({
  caseId: z.uuid(),
  caseNumber: z.string().trim().min(1).max(40).optional(),
  clerkId: id,
  kind: z.enum(['person', 'organisation']),
  id, // resident id or USCC
  training: z.literal(true).optional(),
});
export type BasicRecordRequest = z.infer<typeof BasicRecordRequest>;

export const BasicRecordResponse = z.union([
  z.object({ lookupId: z.uuid(), outcome: z.literal('found'), kind: z.literal('person'), name: z.string(), address: z.string(), training: z.literal(true).optional() }),
  z.object({
    lookupId: z.uuid(),
    outcome: z.literal('found'),
    kind: z.literal('organisation'),
    name: z.string(),
    legalRepresentative: z.string(),
    address: z.string(),
    registrationStatus: z.string(),
    training: z.literal(true).optional(),
  }),
  z.object({ lookupId: z.uuid(), outcome: z.literal('notFound'), training: z.literal(true).optional() }),
]);
export type BasicRecordResponse = z.infer<typeof BasicRecordResponse>;

/** GET /api/v1/sharing/lookups?from=&to=&clerkId=&training= */
export const LookupLogQuery = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  clerkId: id.optional(),
  training: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const LookupLogEntry = z.object({
  lookupId: z.uuid(),
  at: z.iso.datetime(),
  workstationId: z.string(),
  clerkId: z.string(),
  caseId: z.uuid(),
  /** Whether the case has reached the service since (pushed); false = looked up for a case never sent. */
  casePushed: z.boolean(),
  kind: z.enum(['licence', 'person', 'organisation']),
  typeCode: z.string().nullable(),
  holderMasked: z.string(),
  outcome: z.string(),
  source: z.enum(['centre', 'platform']),
  platformUnavailable: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  statusAtLookup: z.string().nullable(),
  documentReads: z.number().int(),
});
export type LookupLogEntry = z.infer<typeof LookupLogEntry>;

// ---- the registry import (admin CLI `import-sharing`, POST /api/v1/sharing/import) -------------

export const ImportLicenceType = z.strictObject({
  code: z.string().trim().min(1).max(64),
  name,
  nameEn: name.optional(),
  issuingDepartmentCode: z.string().trim().min(1).max(40),
  holderIdType: HolderIdType,
});

export const DocumentMime = z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

export const ImportLicence = z.strictObject({
  typeCode: z.string().trim().min(1).max(64),
  number: z.string().trim().min(1).max(100),
  holderIdType: HolderIdType,
  holderId: id,
  holderName: name,
  issuer: name,
  issuedOn: isoDate,
  expiresOn: isoDate.nullable().default(null),
  status: LicenceStatus.default('valid'),
  fields: z.record(z.string().trim().min(1).max(64), z.string().max(2000)).default({}),
  /** The licence document, base64 (at most 10 MB once decoded). */
  document: z.strictObject({ mime: DocumentMime, base64: z.string().max(14_000_000) }).optional(),
});
export type ImportLicence = z.infer<typeof ImportLicence>;

export const ImportPerson = z.strictObject({ id, name, address: z.string().trim().min(1).max(300) });
export const ImportOrganisation = z.strictObject({
  uscc: id,
  name,
  legalRepresentative: name,
  address: z.string().trim().min(1).max(300),
  registrationStatus: z.string().trim().min(1).max(40),
});

export const RegistryImport = z.strictObject({
  licenceTypes: z.array(ImportLicenceType).max(10_000).default([]),
  licences: z.array(ImportLicence).max(1_000_000).default([]),
  persons: z.array(ImportPerson).max(1_000_000).default([]),
  organisations: z.array(ImportOrganisation).max(1_000_000).default([]),
});
export type RegistryImport = z.infer<typeof RegistryImport>;
export type RegistryImportInput = z.input<typeof RegistryImport>;

export const ImportResult = z.object({
  licenceTypes: z.number().int(),
  licences: z.number().int(),
  persons: z.number().int(),
  organisations: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;
