/** #/users (supervisor): add accounts, disable / enable them, reset passwords. */
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useLiveQuery } from '../store/live-query';
import { canDisable, isLocked, PASSWORD_MIN } from '@core/quality/accounts';
import { Role, ROLE_LABELS } from '@core/quality/roles';
import { FormField } from '../ui/FormField';
import { useLocale } from '../i18n/useLocale';
import { useSession } from '../session/SessionGate';
import { AccountError, addUser, listUsers, resetPassword, setDisabled, type PublicUser } from '../session/users-store';
import { passwordField, userIdField } from '../session/FirstRunPage';

function addSchema(t: TFunction) {
  return z.object({
    userId: userIdField(t),
    name: z.string().trim().min(1, t('form.required')).max(30, t('form.tooLong', { max: 30 })),
    role: Role,
    password: passwordField(t),
  });
}
type AddValues = z.input<ReturnType<typeof addSchema>>;

export function UsersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useSession();
  const users = useLiveQuery(listUsers, []);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const schema = useMemo(() => addSchema(t), [t]);
  const { register, handleSubmit, formState, reset, setError } = useForm<AddValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: { userId: '', name: '', role: 'clerk', password: '' },
  });
  const onAdd = handleSubmit(async (raw) => {
    const v = schema.parse(raw);
    try {
      await addUser(v, session.clerkId);
      reset({ userId: '', name: '', role: v.role, password: '' });
      setNotice({ ok: true, text: t('users.added', { userId: v.userId }) });
    } catch (e) {
      if (e instanceof AccountError && e.code === 'exists') setError('userId', { message: t('users.exists', { userId: v.userId }) });
      else throw e;
    }
  });
  const e = formState.errors;
  const now = Date.now();
  return (
    <section className="users-page" data-testid="users-page">
      <h1 tabIndex={-1}>{t('users.title')}</h1>
      <p className="muted small">{t('users.intro')}</p>
      <form className="panel users-add" onSubmit={onAdd} noValidate aria-label={t('users.add')} data-testid="user-add">
        <h2>{t('users.add')}</h2>
        <div className="users-add-row">
          <FormField label={t('users.userId')} error={e.userId?.message} autoComplete="off" {...register('userId')} />
          <FormField label={t('users.name')} error={e.name?.message} autoComplete="off" {...register('name')} />
          <div className="field">
            <label htmlFor="user-role">{t('users.role')}</label>
            <select id="user-role" {...register('role')} data-testid="user-role">
              {Role.options.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r][locale]}
                </option>
              ))}
            </select>
          </div>
          <FormField label={t('users.newPassword')} type="password" autoComplete="new-password" error={e.password?.message} hint={t('account.passwordHint', { min: PASSWORD_MIN })} {...register('password')} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="user-add-submit">
          {t('users.add')}
        </button>
      </form>
      {notice && (
        <p className={notice.ok ? 'notice-ok' : 'field-error'} role="status" data-testid="users-notice">
          {notice.text}
        </p>
      )}
      {users && users.length === 0 && <p className="muted">{t('users.empty')}</p>}
      {users && users.length > 0 && (
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('users.userId')}</th>
              <th>{t('users.name')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.status')}</th>
              <th>{t('users.createdAt')}</th>
              <th>{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow
                key={u.userId}
                u={u}
                self={u.userId === session.clerkId}
                locked={isLocked({ failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil }, now)}
                disableAllowed={canDisable(users, u.userId)}
                resetting={resetting === u.userId}
                onReset={(on) => setResetting(on ? u.userId : null)}
                onNotice={setNotice}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UserRow(props: {
  u: PublicUser;
  self: boolean;
  locked: boolean;
  disableAllowed: boolean;
  resetting: boolean;
  onReset: (on: boolean) => void;
  onNotice: (n: { ok: boolean; text: string }) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { u } = props;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pwSchema = useMemo(() => passwordField(t), [t]);
  const toggle = async () => {
    try {
      await setDisabled(u.userId, !u.disabled);
    } catch (e) {
      if (e instanceof AccountError && e.code === 'lastSupervisor') props.onNotice({ ok: false, text: t('users.lastSupervisor') });
      else throw e;
    }
  };
  const save = async () => {
    const p = pwSchema.safeParse(password);
    if (!p.success) {
      setError(p.error.issues[0]?.message ?? '');
      return;
    }
    await resetPassword(u.userId, p.data);
    setPassword('');
    setError(null);
    props.onReset(false);
    props.onNotice({ ok: true, text: t('users.passwordReset', { userId: u.userId }) });
  };
  return (
    <tr data-testid="user-row" data-user={u.userId} className={u.disabled ? 'muted' : undefined}>
      <td className="mono">{u.userId}</td>
      <td>
        {u.name}
        {props.self && <span className="muted small">{t('users.you')}</span>}
      </td>
      <td>{ROLE_LABELS[u.role][locale]}</td>
      <td data-testid="user-status">
        {u.disabled ? <span className="tag">{t('users.disabledState')}</span> : props.locked ? <span className="tag tag-warn">{t('users.lockedState')}</span> : t('users.enabled')}
      </td>
      <td className="small">{new Date(u.createdAt).toLocaleString(locale)}</td>
      <td>
        {props.resetting ? (
          <div className="users-reset">
            <FormField
              label={t('users.newPassword')}
              type="password"
              autoComplete="new-password"
              value={password}
              error={error ?? undefined}
              onChange={(e) => setPassword(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void save();
              }}
              autoFocus
            />
            <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="user-reset-save">
              {t('users.save')}
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => props.onReset(false)}>
              {t('users.cancel')}
            </button>
          </div>
        ) : (
          <>
            <button type="button" className="btn btn-quiet" onClick={() => props.onReset(true)} data-testid="user-reset">
              {t('users.resetPassword')}
            </button>
            {(u.disabled || props.disableAllowed) && !props.self && (
              <button type="button" className="btn btn-quiet" onClick={() => void toggle()} data-testid="user-toggle">
                {u.disabled ? t('users.enable') : t('users.disable')}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
