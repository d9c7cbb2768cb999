/** The workstation's setup (centre, workstation code) and the person signed in at it (accounts: users-store.ts). */
import { z } from 'zod';
import { useLiveQuery } from '../store/live-query';
import { WORKSTATION_CODE_PATTERN } from '@core/intake/caseNumber';
import { isReservedWorkstationCode } from '@core/training/isolation';
import type { Clerk } from '@core/intake/case';
import { Role } from '@core/quality/roles';
import { getDb } from '../store/db';

export const WORKSTATION_KEY = 'workstation';
export const CLERK_SESSION_KEY = 'clerkSession';

export const WorkstationConfig = z.object({
  workstationId: z.string().min(1), // random, generated once
  centreCode: z.string().regex(/^\d{6}$/),
  centreName: z.string().trim().min(1).max(60),
  // PX is reserved: it marks training case numbers (issue 6).
  workstationCode: z.string().regex(WORKSTATION_CODE_PATTERN).refine((c) => !isReservedWorkstationCode(c), 'PX is reserved for training'),
});
export type WorkstationConfig = z.infer<typeof WorkstationConfig>;

export const ClerkSession = z.object({
  clerkId: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(30),
  windowNo: z.string().trim().min(1).max(10),
  phone: z.string().trim().max(20).optional(),
  role: Role.default('clerk'), // what this person may see and do (issue 7 §1)
  signedInAt: z.string(),
});
export type ClerkSession = z.infer<typeof ClerkSession>;

export interface WorkstationState {
  config: WorkstationConfig | null;
  clerk: ClerkSession | null;
  /** Whether any account exists: none (or no setup) means first run. */
  hasUsers: boolean;
}

export function useWorkstation(): WorkstationState | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [w, c, users] = await Promise.all([db.settings.get(WORKSTATION_KEY), db.settings.get(CLERK_SESSION_KEY), db.users.count()]);
    const config = WorkstationConfig.safeParse(w?.value);
    const clerk = ClerkSession.safeParse(c?.value);
    // an account disabled by a supervisor ends its session at once
    const account = clerk.success ? await db.users.get(clerk.data.clerkId) : undefined;
    const active = clerk.success && !account?.disabled;
    return { config: config.success ? config.data : null, clerk: active ? clerk.data : null, hasUsers: users > 0 };
  }, []);
}

export async function signIn(config: Omit<WorkstationConfig, 'workstationId'>, clerk: Omit<ClerkSession, 'signedInAt' | 'role'> & { role?: ClerkSession['role'] }, now: Date = new Date()) {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const existing = WorkstationConfig.safeParse((await db.settings.get(WORKSTATION_KEY))?.value);
    const workstationId = existing.success ? existing.data.workstationId : crypto.randomUUID();
    await db.settings.put({ key: WORKSTATION_KEY, value: WorkstationConfig.parse({ ...config, workstationId }) });
    await db.settings.put({ key: CLERK_SESSION_KEY, value: ClerkSession.parse({ ...clerk, signedInAt: now.toISOString() }) });
  });
}

export async function signOut() {
  await getDb().settings.delete(CLERK_SESSION_KEY);
}

/** The clerk as recorded on every case and decision. */
export function clerkOf(config: WorkstationConfig, session: ClerkSession): Clerk {
  return {
    clerkId: session.clerkId,
    name: session.name,
    windowNo: session.windowNo,
    centreCode: config.centreCode,
    centreName: config.centreName,
    workstationId: config.workstationId,
    ...(session.phone ? { phone: session.phone } : {}),
  };
}
