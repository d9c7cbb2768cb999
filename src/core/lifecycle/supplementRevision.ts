/**
 * 容缺 supplements forwarded to the departments: a material supplied at the window
 * becomes a new version of the case (the same chain as a 补正 fix, ./revision.ts) whose
 * material state is the supplement's, with reason `{ kind: 'supplement', keys }`. The
 * workstation queues it like a fix and the sync engine pushes it; every department of the
 * case sees the version and its diff.
 */
import type { Catalog } from '../catalog/schema';
import type { PreparedCatalog } from '../intake/checklist';
import type { IntakeCase } from '../intake/case';
import { supplementMaterialState } from './deferral';
import type { Supplement } from './deferralRecord';
import { makeCaseRevision, type CaseRevision, type RevisionResult } from './revision';

/**
 * The next version of the case with the supplied materials' states (one or more supplements
 * recorded together). `previous`: the case as accepted or its latest revision. The time and
 * the clerk are the last supplement's.
 */
export function supplementRevision(
  previous: IntakeCase | CaseRevision,
  supplements: readonly Supplement[],
  options: { catalog?: Catalog | PreparedCatalog } = {},
): RevisionResult {
  const last = supplements[supplements.length - 1];
  if (!last) return { ok: false, errors: [{ code: 'noChanges' }] };
  const materialStates = Object.fromEntries(supplements.map((s) => [s.key, supplementMaterialState(s)]));
  return makeCaseRevision(previous, { materialStates }, last.at, last.by, {
    reason: { kind: 'supplement', keys: supplements.map((s) => s.key) },
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
}
