/**
 * Records whose integrity guards a permission carry an authentication tag (store/crypto.ts
 * authTag): the accounts (role, password hash, lockout count) and the 容缺 approvers (PIN hash,
 * lockout count). Editing one in IndexedDB without the host's key — a role raised, a lockout
 * count set back to 0, an approver added by hand — leaves a tag that no longer matches, and the
 * record is refused until a supervisor makes it whole again (a password reset, registering the
 * approver again). A record without a tag counts as edited: removing the tag gains nothing.
 */
import Dexie from 'dexie';
import type { UserRecord } from './records';
import { authTag, authTagMatches } from './crypto';

type Tagged = { tag?: string };

async function tagged<T extends Tagged>(domain: string, r: T): Promise<T> {
  const { tag: _t, ...rest } = r;
  return { ...rest, tag: await authTag(domain, rest) } as T;
}

function intact(domain: string, r: Tagged): Promise<boolean> {
  const { tag, ...rest } = r;
  return authTagMatches(domain, rest, tag);
}

const USER_TAG = 'user';
const APPROVER_TAG = 'deferral-approver';

export const taggedUser = (u: UserRecord): Promise<UserRecord> => tagged(USER_TAG, u);
export const isUserIntact = (u: UserRecord): Promise<boolean> => intact(USER_TAG, u);

export const taggedApprover = <T extends Tagged>(s: T): Promise<T> => tagged(APPROVER_TAG, s);
export const isApproverIntact = (s: Tagged): Promise<boolean> => intact(APPROVER_TAG, s);

/** The settings key of the 容缺 approvers (deferral/deferral-store.ts). */
export const APPROVERS_KEY = 'deferral.supervisors';

/**
 * The version-14 upgrade: the accounts and approvers stored before it get their tag (inside the
 * upgrade transaction, Dexie.waitFor keeping it alive). Without keys now they stay untagged,
 * and are refused until a supervisor resets them.
 */
export async function tagStoredAccounts(users: Dexie.Table<UserRecord, string>, settings: Dexie.Table<{ key: string; value: unknown }, string>): Promise<void> {
  try {
    const all = (await users.toArray()).filter((u) => u.tag === undefined);
    if (all.length > 0) await users.bulkPut(await Dexie.waitFor(Promise.all(all.map(taggedUser))));
    const approvers = (await settings.get(APPROVERS_KEY))?.value;
    if (Array.isArray(approvers) && approvers.length > 0)
      await settings.put({ key: APPROVERS_KEY, value: await Dexie.waitFor(Promise.all((approvers as Tagged[]).map((a) => (a.tag === undefined ? taggedApprover(a) : a)))) });
  } catch {
    // no keys now (see above)
  }
}
