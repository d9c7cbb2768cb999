/**
 * A look-up of someone's data at the window, from request to recorded answer:
 * which registry (training or live), the provincial platform first where one is configured
 * (its answer cached with its time; the centre's registry when it is unavailable, saying why),
 * the answer on the look-up date, and the row in the look-up log — written (and committed) before
 * the answer is sent, so no answer leaves without its record.
 */
import { randomUUID } from 'node:crypto';
import type { BasicRecordRequest, BasicRecordResponse, LicenceLookupRequest, LicenceLookupResponse, PlatformNote } from '../../core/sharing/protocol';
import { isTrainingCaseNumber } from '../../core/training/isolation';
import type { Db, Queryable } from '../db';
import { maskId } from './keys';
import type { PlatformAdapter } from './platform';
import {
  chooseAnswer,
  licencesOfHolder,
  licenceType,
  licenceView,
  type LicenceRecord,
  readOrganisation,
  readPerson,
  type Registry,
  registryFor,
} from './registry';

export interface Asker {
  workstationId: string;
  centreCode: string;
}

export interface LookupContext {
  db: Db;
  live: Registry;
  platform: PlatformAdapter | null;
  now: () => Date;
}

export const isTrainingLookup = (r: { training?: true | undefined; caseNumber?: string | undefined }): boolean =>
  r.training === true || (r.caseNumber !== undefined && isTrainingCaseNumber(r.caseNumber));

interface LogRow {
  lookupId: string;
  at: Date;
  asker: Asker;
  clerkId: string;
  caseId: string;
  kind: 'licence' | 'person' | 'organisation';
  typeCode: string | null;
  holderKey: Buffer;
  holderMasked: string;
  subject: unknown;
  onDate: string | null;
  outcome: string;
  source: 'centre' | 'platform';
  platformNote: PlatformNote | null;
  licenceId: number | null;
  licenceNumber: string | null;
  licenceHash: string | null;
  statusAt: string | null;
}

async function recordLookup(q: Queryable, reg: Registry, r: LogRow): Promise<void> {
  await q.query(
    `INSERT INTO ${reg.t.lookups} (lookup_id, at, centre_code, workstation_id, clerk_id, case_id, kind, type_code, holder_key, holder_masked,
                                  subject_sealed, on_date, outcome, source, platform_note, licence_id, licence_number, licence_hash, status_at)
     VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7, $8, $9, $10, $11, $12::date, $13, $14, $15, $16::bigint, $17, $18, $19)`,
    [
      r.lookupId,
      r.at,
      r.asker.centreCode,
      r.asker.workstationId,
      r.clerkId,
      r.caseId,
      r.kind,
      r.typeCode,
      r.holderKey,
      r.holderMasked,
      reg.keys.seal(JSON.stringify(r.subject), `lookup:${r.lookupId}`),
      r.onDate,
      r.outcome,
      r.source,
      r.platformNote,
      r.licenceId,
      r.licenceNumber,
      r.licenceHash,
      r.statusAt,
    ],
    { name: `ow_record_lookup_${reg.training ? 'training' : 'live'}` },
  );
}

/** The platform's candidates (cached or fresh), or why it gave none. */
async function askPlatform(
  ctx: LookupContext,
  reg: Registry,
  req: LicenceLookupRequest,
): Promise<{ ok: true; candidates: LicenceRecord[]; answeredAt: Date } | { ok: false; note: PlatformNote }> {
  const platform = ctx.platform!;
  const key = reg.keys.blindIndex(req.holderIdType, req.holderId);
  const aad = `platform:${req.typeCode}:${key.toString('hex')}`;
  const now = ctx.now();
  const [cached] = await ctx.db.query<{ answered_at: Date; sealed: Uint8Array }>(
    'SELECT answered_at, sealed FROM platform_answers WHERE type_code = $1 AND holder_key = $2',
    [req.typeCode, key],
  );
  if (cached && now.getTime() - new Date(cached.answered_at).getTime() < platform.cacheSeconds * 1000)
    return { ok: true, candidates: JSON.parse(reg.keys.open(cached.sealed, aad).toString('utf8')) as LicenceRecord[], answeredAt: new Date(cached.answered_at) };
  const r = await platform.query({ typeCode: req.typeCode, holderIdType: req.holderIdType, holderId: req.holderId, holderName: req.holderName, on: req.on });
  if (!r.ok) return r;
  await ctx.db.query(
    `INSERT INTO platform_answers (type_code, holder_key, answered_at, sealed) VALUES ($1, $2, $3, $4)
     ON CONFLICT (type_code, holder_key) DO UPDATE SET answered_at = excluded.answered_at, sealed = excluded.sealed`,
    [req.typeCode, key, now, reg.keys.seal(JSON.stringify(r.candidates), aad)],
  );
  return { ok: true, candidates: r.candidates, answeredAt: now };
}

export async function lookupLicence(ctx: LookupContext, asker: Asker, req: LicenceLookupRequest): Promise<LicenceLookupResponse> {
  const training = isTrainingLookup(req);
  const reg = registryFor(training, ctx.live);
  const lookupId = randomUUID();
  const type = await licenceType(ctx.db, req.typeCode, ctx.now());

  // The platform holds licences of other issuers too: asked first where configured (never for training).
  let platform: Awaited<ReturnType<typeof askPlatform>> | null = null;
  if (ctx.platform && !training && type) platform = await askPlatform(ctx, reg, req);

  // Read, then record; the answer leaves only once its record is committed (no transaction needed
  // for that: the record is the last write, and its failure fails the request).
  {
    const tx = ctx.db;
    const at = ctx.now();
    const candidates = platform?.ok ? platform.candidates : type ? await licencesOfHolder(tx, reg, req.typeCode, req.holderIdType, req.holderId) : [];
    const chosen = chooseAnswer(candidates, req.holderName, req.on);
    const { licence, status } = chosen;
    // The centre's "not found" is no answer when the platform, which holds other issuers' licences, could not be asked.
    const outcome = chosen.outcome === 'notFound' && platform && !platform.ok ? 'unavailable' : chosen.outcome;
    const view = licence && status && type ? licenceView({ ...licence, documentSha256: platform?.ok ? null : licence.documentSha256 }, type.name, status) : null;
    const source = platform?.ok ? 'platform' : 'centre';
    const platformNote = platform && !platform.ok ? platform.note : null;
    await recordLookup(tx, reg, {
      lookupId,
      at,
      asker,
      clerkId: req.clerkId,
      caseId: req.caseId,
      kind: 'licence',
      typeCode: req.typeCode,
      holderKey: reg.keys.blindIndex(req.holderIdType, req.holderId),
      holderMasked: maskId(req.holderId),
      subject: { holderIdType: req.holderIdType, holderId: req.holderId, holderName: req.holderName, answer: view },
      onDate: req.on,
      outcome,
      source,
      platformNote,
      licenceId: source === 'centre' ? (licence?.id ?? null) : null,
      licenceNumber: licence?.number ?? null,
      licenceHash: view?.hash ?? null,
      statusAt: status,
    });
    return {
      lookupId,
      outcome,
      ...(view ? { licence: view } : {}),
      source,
      answeredAt: (platform?.ok ? platform.answeredAt : at).toISOString(),
      ...(platformNote ? { platformUnavailable: platformNote } : {}),
      ...(training ? { training: true as const } : {}),
    };
  }
}

export async function lookupBasicRecord(ctx: LookupContext, asker: Asker, req: BasicRecordRequest): Promise<BasicRecordResponse> {
  const training = isTrainingLookup(req);
  const reg = registryFor(training, ctx.live);
  const lookupId = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const at = ctx.now();
    const idType = req.kind === 'person' ? 'residentId' : 'uscc';
    const found = req.kind === 'person' ? await readPerson(tx, reg, req.id) : await readOrganisation(tx, reg, req.id);
    const answer: BasicRecordResponse = !found
      ? { lookupId, outcome: 'notFound' }
      : 'uscc' in found
        ? {
            lookupId,
            outcome: 'found',
            kind: 'organisation',
            name: found.name,
            legalRepresentative: found.legalRepresentative,
            address: found.address,
            registrationStatus: found.registrationStatus,
          }
        : { lookupId, outcome: 'found', kind: 'person', name: found.name, address: found.address };
    await recordLookup(tx, reg, {
      lookupId,
      at,
      asker,
      clerkId: req.clerkId,
      caseId: req.caseId,
      kind: req.kind,
      typeCode: null,
      holderKey: reg.keys.blindIndex(idType, req.id),
      holderMasked: maskId(req.id),
      subject: { holderIdType: idType, holderId: req.id, answer },
      onDate: null,
      outcome: answer.outcome,
      source: 'centre',
      platformNote: null,
      licenceId: null,
      licenceNumber: null,
      licenceHash: null,
      statusAt: null,
    });
    return training ? { ...answer, training: true as const } : answer;
  });
}
