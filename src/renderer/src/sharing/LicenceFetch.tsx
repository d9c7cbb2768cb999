/**
 * 调取 on a checklist line: the line's licence (电子证照) fetched from the registry instead of
 * paper. F (or the 调取 button) asks the service with the holder from the applicant form; the
 * clerk sees the licence (name, number, issuer, validity, status) and takes it with Enter. A
 * refusal (expired, revoked, cancelled, not found, another holder) shows its reason next to the
 * line and the line stays on paper; with no answer at all (offline) the clerk takes the paper or,
 * where the item accepts data sharing, leaves it to the department (由部门调取).
 *
 * The row owns the keys: it calls `start()` on F and `attach()` on Enter (see MaterialsStep).
 */
import { forwardRef, useImperativeHandle, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeCase, MaterialState } from '@core/intake/case';
import {
  BY_DEPARTMENT_REFERENCE,
  fetchedState,
  holderProblemText,
  isFetchedByDepartment,
  judgeLookup,
  licenceHolder,
  licenceStatusText,
  mayLeaveToDepartment,
  refusalText,
  validityText,
  type FetchOutcome,
  type HolderProblem,
  type LineLicence,
  type RefusalReason,
  type RegistryLicence,
} from '@core/sharing/lookup';
import { chinaDateOf } from '@core/intake/time';
import { useLocale } from '../i18n/useLocale';
import { lookUpLicence, type SharingFailure } from './sharing-client';
import { currentSession } from '../session/session-store';
import { deviceTime } from '../store/audit-log';
import './sharing.css';

export interface LicenceFetchHandle {
  /** F: ask the registry now. */
  start: () => void;
  /** Enter: take the licence shown; false when there is none to take. */
  attach: () => boolean;
}

type View =
  | { kind: 'idle' }
  | { kind: 'holder'; problem: HolderProblem }
  | { kind: 'asking' }
  | { kind: 'found'; outcome: Extract<FetchOutcome, { kind: 'attach' }> }
  | { kind: 'refused'; reason: RefusalReason; registry?: RegistryLicence; failure?: SharingFailure };

interface Props {
  c: IntakeCase;
  lineKey: string;
  licences: readonly LineLicence[];
  state: MaterialState;
  /** Records the line's state (the row's setter: autosaved, audited). */
  set: (s: MaterialState) => void;
  /** The licence was taken: the next line becomes current. */
  onAttached: () => void;
  /** The item takes this material on paper too (its forms): else the fallback is 由部门调取 only. */
  paperAllowed?: boolean;
}

export const LicenceFetch = forwardRef<LicenceFetchHandle, Props>(function LicenceFetch({ c, lineKey, licences, state, set, onAttached, paperAllowed = true }, ref) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [propertyId, setPropertyId] = useState('');
  const needsPropertyId = licences.some((l) => l.holder === 'property' || l.type?.holderIdType === 'property');

  const start = () => {
    if (view.kind === 'asking') return;
    const today = chinaDateOf(new Date().toISOString());
    let chosen: { link: LineLicence; holder: Extract<ReturnType<typeof licenceHolder>, { ok: true }>['holder'] } | null = null;
    let problem: HolderProblem | null = null;
    for (const link of licences) {
      const h = licenceHolder(c, link, { propertyId, today });
      if (h.ok) {
        chosen = { link, holder: h.holder };
        break;
      }
      problem ??= h.problem;
    }
    if (!chosen) {
      setView({ kind: 'holder', problem: problem ?? 'unknownType' });
      return;
    }
    setView({ kind: 'asking' });
    const { link, holder } = chosen;
    void (async () => {
      const r = await lookUpLicence(c, { typeCode: link.typeCode, holderIdType: holder.holderIdType, holderId: holder.holderId, holderName: holder.holderName, on: today });
      if (!r.ok) {
        setView({ kind: 'refused', reason: r.failure.kind === 'offline' ? 'offline' : 'failed', failure: r.failure });
        return;
      }
      const session = await currentSession();
      const outcome = judgeLookup(r.data, { typeCode: link.typeCode, holder, on: today }, { clerkId: session?.clerkId ?? 'unknown', fetchedAt: deviceTime() });
      if (outcome.kind === 'attach') setView({ kind: 'found', outcome });
      else setView({ kind: 'refused', reason: outcome.reason, ...(outcome.registry ? { registry: outcome.registry } : {}) });
    })();
  };

  const attach = (): boolean => {
    if (view.kind !== 'found') return false;
    set(fetchedState(view.outcome.licence));
    setView({ kind: 'idle' });
    onAttached();
    return true;
  };

  useImperativeHandle(ref, () => ({ start, attach }));

  const attached = state.status === 'fetched' && state.licence ? state.licence : null;
  const byDepartment = isFetchedByDepartment(state);
  const unverified = state.status === 'fetched' && !state.licence && !byDepartment;
  const failureText = (f: SharingFailure | undefined): string | null => {
    if (!f) return null;
    if (f.kind === 'offline') return f.configured ? t(`sync.errors.${f.errorKey ?? 'network'}`, { status: '' }) : t('sharing.notConfigured');
    if (f.kind === 'noClerk') return t('sharing.noClerk');
    return t(`sync.errors.${f.errorKey}`, { status: /HTTP (\d{3})/.exec(f.detail)?.[1] ?? '' });
  };

  return (
    <div className="licence-fetch" data-testid="licence-fetch" data-line={lineKey}>
      <div className="licence-fetch-bar">
        <button type="button" className="btn btn-small" tabIndex={-1} onClick={start} disabled={view.kind === 'asking'} data-testid="licence-fetch-start">
          <kbd>F</kbd> {t('sharing.fetch')}
        </button>
        <span className="muted small">{licences.map((l) => l.type?.name ?? l.typeCode).join('、')}</span>
        {needsPropertyId && (
          <input
            type="text"
            className="licence-property-id"
            aria-label={t('sharing.propertyId')}
            placeholder={t('sharing.propertyId')}
            value={propertyId}
            maxLength={64}
            onChange={(e) => setPropertyId(e.target.value)}
          />
        )}
        {view.kind === 'asking' && <span className="muted small" role="status">{t('sharing.asking')}</span>}
      </div>
      {view.kind === 'holder' && (
        <div className="licence-note warn" role="alert" data-testid="licence-holder-problem">{holderProblemText(view.problem, locale)}</div>
      )}
      {view.kind === 'found' && (
        <div className="licence-card found" data-testid="licence-found">
          <LicenceSummary l={{ ...view.outcome.registry, statusAtFetch: view.outcome.registry.status }} />
          <button type="button" className="btn btn-small btn-primary" tabIndex={-1} onClick={attach} data-testid="licence-attach">
            <kbd>Enter</kbd> {t('sharing.attach')}
          </button>
        </div>
      )}
      {view.kind === 'refused' && (
        <div className="licence-note err" role="alert" data-testid="licence-refused" data-reason={view.reason}>
          <strong>{refusalText(view.reason, locale)}</strong>
          {view.registry && (
            <span className="muted small">
              {' '}
              {view.registry.typeName} {view.registry.number} · {licenceStatusText(view.registry.status, locale)} · {validityText(view.registry, locale)}
            </span>
          )}
          {failureText(view.failure) && <span className="muted small"> （{failureText(view.failure)}）</span>}
          {mayLeaveToDepartment(view.reason) && (
            <button
              type="button"
              className="btn btn-small"
              tabIndex={-1}
              data-testid="licence-by-department"
              onClick={() => {
                set({ status: 'fetched', reference: BY_DEPARTMENT_REFERENCE });
                setView({ kind: 'idle' });
              }}
            >
              {t('sharing.byDepartment')}
            </button>
          )}
          {paperAllowed && <span className="muted small"> {t('sharing.paperHint')}</span>}
        </div>
      )}
      {attached && view.kind !== 'found' && (
        <div className="licence-card attached" data-testid="licence-attached">
          ✓ <LicenceSummary l={attached} />
        </div>
      )}
      {byDepartment && view.kind === 'idle' && <div className="licence-note" data-testid="licence-pending">{t('sharing.byDepartmentNote')}</div>}
      {unverified && view.kind === 'idle' && <div className="licence-note warn" data-testid="licence-unverified">{t('sharing.unverified')}</div>}
    </div>
  );
});

export function LicenceSummary({ l }: { l: Pick<RegistryLicence, 'typeName' | 'number' | 'issuer' | 'issuedOn' | 'expiresOn' | 'holderName'> & { statusAtFetch: RegistryLicence['status'] } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span className="licence-summary">
      <strong>{l.typeName}</strong> <span data-testid="licence-number">{l.number}</span> · {t('sharing.issuer')}：{l.issuer} · {t('sharing.validity')}：{validityText(l, locale)} ·{' '}
      <span className={`tag ${l.statusAtFetch === 'valid' ? 'tag-ok' : 'tag-warn'}`}>{licenceStatusText(l.statusAtFetch, locale)}</span> · {l.holderName}
    </span>
  );
}
