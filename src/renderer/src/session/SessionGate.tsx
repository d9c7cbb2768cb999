import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@core/intake/case';
import { clerkOf, useWorkstation, type ClerkSession, type WorkstationConfig } from './session-store';
import { SignInPage } from './SignInPage';
import { FirstRunPage } from './FirstRunPage';
import { IdleLockDialog, useIdleTimer } from './IdleLock';

interface SessionValue {
  config: WorkstationConfig;
  session: ClerkSession;
  clerk: Clerk;
}
const SessionCtx = createContext<SessionValue | null>(null);

/**
 * Nothing but the sign-in screen until someone has signed in at this workstation; on a fresh
 * workstation (no setup or no account yet) the first-run setup, which creates the first supervisor.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ws = useWorkstation();
  if (ws === undefined) return <div className="loading">{t('app.loading')}</div>;
  if (ws.config && ws.clerk)
    return (
      <SessionCtx.Provider value={{ config: ws.config, session: ws.clerk, clerk: clerkOf(ws.config, ws.clerk) }}>
        <Locked session={ws.clerk}>{children}</Locked>
      </SessionCtx.Provider>
    );
  if (!ws.config || !ws.hasUsers) return <FirstRunPage config={ws.config} />;
  return <SignInPage config={ws.config} />;
}

/**
 * The signed-in screen, locked after idle time: the screen stays mounted underneath (inert and
 * hidden from assistive technology) so that nothing in progress is lost, and the same tree is
 * rendered locked or not so React keeps every state.
 */
function Locked({ session, children }: { session: ClerkSession; children: ReactNode }) {
  const minutes = useIdleTimer(session);
  const locked = session.locked === true;
  return (
    <>
      <div className={locked ? 'session-locked' : 'session-open'} inert={locked} aria-hidden={locked || undefined}>
        {children}
      </div>
      {locked && <IdleLockDialog session={session} minutes={minutes} />}
    </>
  );
}

export function useSession(): SessionValue {
  const v = useContext(SessionCtx);
  if (!v) throw new Error('useSession outside SessionGate');
  return v;
}
