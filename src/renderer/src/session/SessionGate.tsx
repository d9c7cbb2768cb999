import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@core/intake/case';
import { clerkOf, useWorkstation, type ClerkSession, type WorkstationConfig } from './session-store';
import { SignInPage } from './SignInPage';
import { FirstRunPage } from './FirstRunPage';

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
  if (ws.config && ws.clerk) return <SessionCtx.Provider value={{ config: ws.config, session: ws.clerk, clerk: clerkOf(ws.config, ws.clerk) }}>{children}</SessionCtx.Provider>;
  if (!ws.config || !ws.hasUsers) return <FirstRunPage config={ws.config} />;
  return <SignInPage config={ws.config} />;
}

export function useSession(): SessionValue {
  const v = useContext(SessionCtx);
  if (!v) throw new Error('useSession outside SessionGate');
  return v;
}
