/**
 * 秒填 on the applicant form: once the applicant's ID number (a person) or USCC (an
 * organisation) is valid, the clerk may fetch the shared basic records (person: name and
 * registered address; organisation: name, legal representative, address, registration status).
 * They are shown next to what was typed, differences highlighted, and each field is taken only
 * when the clerk says so (the form's setValue on confirm, field by field): nothing is
 * overwritten silently. The look-up and the fields taken are audited on the case.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import { normalizeIdentityInput } from '@core/identity/normalize';
import { isValidResidentId } from '@core/identity/residentId';
import { isValidUscc } from '@core/identity/uscc';
import { prefillFieldLabel, prefillFrom, recordOf, registrationNeedsAttention, type Prefill, type PrefillField } from '@core/sharing/basicRecords';
import { useLocale } from '../i18n/useLocale';
import { auditPrefillTaken, lookUpBasicRecords, type SharingFailure } from './sharing-client';
import './sharing.css';

/** The applicant part of the form as it is now (what was typed). */
export interface TypedApplicant {
  kind?: 'person' | 'organisation';
  name?: string;
  idType?: string;
  idNumber?: string;
  uscc?: string;
  founding?: boolean;
  address?: string;
  legalRepresentative?: string;
}

export function prefillTarget(a: TypedApplicant): { kind: 'person' | 'organisation'; id: string } | null {
  if (a.kind === 'person' && (a.idType ?? 'residentId') === 'residentId') {
    const id = normalizeIdentityInput(a.idNumber ?? '');
    return isValidResidentId(id) ? { kind: 'person', id } : null;
  }
  if (a.kind === 'organisation' && !a.founding) {
    const id = normalizeIdentityInput(a.uscc ?? '');
    return isValidUscc(id) ? { kind: 'organisation', id } : null;
  }
  return null;
}

type View = { kind: 'idle' } | { kind: 'asking' } | { kind: 'shown'; record: Record<string, unknown>; as: Prefill['kind']; forId: string } | { kind: 'notFound' } | { kind: 'failed'; failure: SharingFailure };

export function PrefillOffer({ c, applicant, onTake }: { c: IntakeCase; applicant: TypedApplicant; onTake: (field: PrefillField['field'], value: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [taken, setTaken] = useState<string[]>([]);
  const target = prefillTarget(applicant);
  if (!target) return null;

  const ask = async () => {
    setView({ kind: 'asking' });
    const r = await lookUpBasicRecords(c, target.kind, target.id);
    if (!r.ok) return setView({ kind: 'failed', failure: r.failure });
    const rec = recordOf(r.data);
    if (!rec) return setView({ kind: 'notFound' });
    setTaken([]);
    setView({ kind: 'shown', record: rec, as: target.kind, forId: target.id });
  };

  // the table compares with what is typed now (re-derived at each render)
  const prefill =
    view.kind === 'shown' && view.forId === target.id
      ? prefillFrom(view.as, view.record, { name: applicant.name ?? '', address: applicant.address ?? '', legalRepresentative: applicant.legalRepresentative ?? '' })
      : null;

  const take = (fields: PrefillField[]) => {
    for (const f of fields) onTake(f.field, f.shared);
    const names = fields.map((f) => f.field);
    setTaken((x) => [...x, ...names]);
    if (names.length > 0) void auditPrefillTaken(c.id, names);
  };

  const failureText = (f: SharingFailure): string =>
    f.kind === 'offline'
      ? f.configured
        ? t(`sync.errors.${f.errorKey ?? 'network'}`, { status: '' })
        : t('sharing.notConfigured')
      : f.kind === 'noClerk'
        ? t('sharing.noClerk')
        : t(`sync.errors.${f.errorKey}`, { status: /HTTP (\d{3})/.exec(f.detail)?.[1] ?? '' });

  return (
    <div className="prefill" data-testid="prefill">
      <div className="prefill-offer">
        <button type="button" className="btn btn-small" onClick={() => void ask()} disabled={view.kind === 'asking'} data-testid="prefill-ask">
          {t('sharing.prefill.offer')}
        </button>
        {view.kind === 'asking' && <span className="muted small" role="status">{t('sharing.prefill.asking')}</span>}
        {view.kind === 'notFound' && <span className="muted small" role="status" data-testid="prefill-not-found">{t('sharing.prefill.notFound')}</span>}
        {view.kind === 'failed' && <span className="field-error" role="alert" data-testid="prefill-failed">{failureText(view.failure)}</span>}
      </div>
      {prefill && (
        <div className="prefill-result" data-testid="prefill-result">
          <div className="small">{t('sharing.prefill.title')}</div>
          {prefill.registrationStatus && (
            <div className={registrationNeedsAttention(prefill.registrationStatus) ? 'alert alert-warn' : 'muted small'} data-testid="prefill-registration-status">
              {t('sharing.prefill.registrationStatus')}：{prefill.registrationStatus}
              {registrationNeedsAttention(prefill.registrationStatus) ? ` — ${t('sharing.prefill.attention')}` : ''}
            </div>
          )}
          <table className="prefill-table">
            <thead>
              <tr>
                <th>{t('sharing.prefill.field')}</th>
                <th>{t('sharing.prefill.typed')}</th>
                <th>{t('sharing.prefill.shared')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {prefill.fields.map((f) => (
                <tr key={f.field} className={f.differs ? 'differs' : f.same ? 'same' : ''} data-testid="prefill-row" data-field={f.field} data-differs={f.differs || undefined}>
                  <td>{prefillFieldLabel(f.field, prefill.kind, locale)}</td>
                  <td>{f.typed || '—'}</td>
                  <td>{f.shared}</td>
                  <td>
                    {f.same ? (
                      <span className="muted small">{taken.includes(f.field) ? t('sharing.prefill.taken') : t('sharing.prefill.same')}</span>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => take([f])} data-testid="prefill-take">
                        {t('sharing.prefill.take')}
                        {f.differs ? `（${t('sharing.prefill.differs')}）` : ''}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="btn btn-small" disabled={!prefill.fields.some((f) => !f.typed)} onClick={() => take(prefill.fields.filter((f) => !f.typed))} data-testid="prefill-take-empty">
            {t('sharing.prefill.takeAll')}
          </button>{' '}
          <button type="button" className="btn btn-small" onClick={() => setView({ kind: 'idle' })}>
            {t('sharing.prefill.close')}
          </button>
        </div>
      )}
    </div>
  );
}
