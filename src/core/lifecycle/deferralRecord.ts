/**
 * The 容缺 record schemas (DeferralRecord and its parts). Kept apart from ./deferral.ts so that
 * src/core/intake/case.ts can carry the record on the AcceptDecision without an import cycle:
 * this module imports only the catalog schema and time helpers.
 */
import { z } from 'zod';
import { safeText } from '../text';
import { MaterialForm, MaterialType } from '../catalog/schema';
import { IsoDateTime } from '../intake/time';
/** Single-line text (../../text.ts); acceptance standards and reasons may run to paragraphs. */
const text = safeText();
const longText = safeText({ multiline: true, max: 4000 });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const copies = z.number().int().min(0).max(99);

export const DEFERRAL_SCHEMA_VERSION = 1;

/**
 * The consequences printed on the notice and the commitment letter (standard wording; a
 * centre may print its own, recorded in the record as given).
 */
export const DEFERRAL_CONSEQUENCES =
  '申请人应当在承诺期限内补齐容缺材料，所补材料应当真实、合法、有效，并与承诺内容一致。' +
  '逾期未补齐的，视为申请人撤回申请，本机关终止办理，已提交的申请材料退还申请人；' +
  '所补材料与承诺不符或者承诺内容不实的，按照有关规定处理，并依法记入申请人信用记录。';

export const DeferredMaterial = z.object({
  key: text,
  name: text,
  itemCodes: z.array(text).min(1),
  /** What must be supplied: 原件 / 复印件 / 原件或复印件. */
  type: MaterialType,
  /** The forms the catalog accepts (纸质 / 电子 / 扫描件 / 系统调取). */
  forms: z.array(MaterialForm).min(1),
  copies,
  acceptanceStandard: longText,
  problem: z.enum(['missing', 'deficient', 'originalRequired', 'fetchNotAllowed']),
  reason: longText,
});
export type DeferredMaterial = z.infer<typeof DeferredMaterial>;

/** The applicant's signed commitment (容缺受理承诺书). */
export const DeferralCommitment = z.object({
  signedAt: IsoDateTime,
  /** The applicant (person or organisation) the commitment binds. */
  applicantName: text.max(200),
  /** Who signed: the applicant (an organisation's legal representative) or the agent with authority. */
  signedBy: z.enum(['applicant', 'agent']).default('applicant'),
  signerName: text.max(100).optional(),
});
export type DeferralCommitment = z.infer<typeof DeferralCommitment>;
export type DeferralCommitmentInput = z.input<typeof DeferralCommitment>;

/** A supervisor's approval, given on the workstation with their own credential before acceptance. */
export const SupervisorApproval = z.object({
  supervisorId: text,
  supervisorName: text,
  at: IsoDateTime,
  note: safeText({ multiline: true, max: 200 }).optional(),
});
export type SupervisorApproval = z.infer<typeof SupervisorApproval>;

/** A deferred material supplied at the window. */
export const Supplement = z.object({
  key: text,
  at: IsoDateTime,
  /** clerkId who took it in. */
  by: text,
  status: z.enum(['receivedOriginal', 'receivedCopy', 'fetched']),
  copies: copies.optional(),
  /** Electronic licence number when fetched by data sharing. */
  reference: text.max(100).optional(),
});
export type Supplement = z.infer<typeof Supplement>;

export const DeferralRecord = z
  .object({
    schemaVersion: z.literal(DEFERRAL_SCHEMA_VERSION),
    caseId: z.uuid(),
    caseNumber: text,
    acceptedAt: IsoDateTime,
    /** clerkId of the accepting clerk. */
    acceptedBy: text,
    materials: z.array(DeferredMaterial).min(1),
    deadline: z.object({
      date: isoDate,
      workingDays: z.number().int().min(1).max(365),
      provisional: z.boolean(),
      /** The limit it was bounded by, and the items that set it. */
      limitDays: z.number().int().min(1).max(365),
      limitItemCodes: z.array(text).min(1),
    }),
    commitment: DeferralCommitment,
    consequences: longText,
    /** The policy in force at acceptance. */
    approvalRequired: z.boolean(),
    approval: SupervisorApproval.optional(),
    supplements: z.array(Supplement).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.approvalRequired && !r.approval) ctx.addIssue({ code: 'custom', path: ['approval'], message: 'the policy required a supervisor’s approval' });
    const keys = new Set<string>();
    r.materials.forEach((m, i) => {
      if (keys.has(m.key)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'key'], message: 'deferred twice' });
      keys.add(m.key);
    });
    r.supplements.forEach((s, i) => {
      if (!keys.has(s.key)) ctx.addIssue({ code: 'custom', path: ['supplements', i, 'key'], message: 'not a deferred material' });
    });
  });
export type DeferralRecord = z.infer<typeof DeferralRecord>;
