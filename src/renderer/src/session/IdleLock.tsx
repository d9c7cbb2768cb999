/**
 * Watches for activity while someone is signed in and locks the screen after the supervisor's
 * idle time (session/idle-lock.ts); while locked, a dialog over the (kept, inert) screen asks for
 * the same person's password. Keyboard first: the password field has the focus, Enter unlocks.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lockMinutesLeft } from '@core/quality/accounts';
import { ACTIVITY_EVENTS, lockSession, unlockSession, useIdleLockMinutes } from './idle-lock';
import { signOut, type ClerkSession } from './session-store';
import './session.css';

/** Locks after `minutes` without activity (checked every few seconds, so a sleeping PC locks on waking). */
export function useIdleTimer(session: ClerkSession): number {
  const minutes = useIdleLockMinutes();
  const last = useRef(Date.now());
  useEffect(() => {
    if (session.locked) return;
    last.current = Date.now();
    const seen = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, seen, { capture: true, passive: true });
    const id = setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) void lockSession();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, seen, { capture: true });
      clearInterval(id);
    };
  }, [minutes, session.locked, session.clerkId]);
  return minutes;
}

export function IdleLockDialog({ session, minutes }: { session: ClerkSession; minutes: number }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await unlockSession(password);
      if (r.ok) return;
      setPassword('');
      setError(
        r.reason === 'locked'
          ? t('account.locked', { minutes: Math.max(1, lockMinutesLeft({ failedAttempts: 0, lockedUntil: ('lockedUntil' in r ? r.lockedUntil : 0) ?? 0 }, Date.now())) })
          : r.reason === 'tampered'
            ? t('security.tampered')
            : r.reason === 'disabled'
              ? t('account.disabled')
              : t('security.idle.wrong'),
      );
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="idle-lock-backdrop" data-testid="idle-lock">
      <form className="idle-lock panel" role="dialog" aria-modal="true" aria-labelledby="idle-lock-title" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="idle-lock-title">{t('security.idle.title')}</h2>
        <p className="small">{t('security.idle.hint', { minutes, name: session.name, userId: session.clerkId })}</p>
        <div className="field">
          <label htmlFor="idle-lock-password">{t('security.idle.password')}</label>
          <input
            id="idle-lock-password"
            ref={input}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'idle-lock-error' : undefined}
            data-testid="idle-lock-password"
          />
          {error && (
            <div id="idle-lock-error" className="field-error" role="alert" data-testid="idle-lock-error">
              {error}
            </div>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="idle-lock-unlock">
            {t('security.idle.unlock')}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => void signOut()}>
            {t('security.idle.signOut')}
          </button>
        </div>
      </form>
    </div>
  );
}
