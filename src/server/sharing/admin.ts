/**
 * The admin CLI's data-sharing commands (src/server/admin.ts): import a licence data set or basic
 * records, change a licence's status, load the demo registry. Over a migrated Db with the registry's
 * master key (keys.ts: the same key as the server's).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from '../../core/sharing/protocol';
import type { Db } from '../db';
import { type CsvKind, importRegistryText } from './import';
import { registryKeys } from './keys';
import { liveRegistry, loadLicenceTypesFromCatalogs, setLicenceStatus } from './registry';

export const DEMO_REGISTRY_FILE = fileURLToPath(new URL('../../../resources/sharing/demo-registry.json', import.meta.url));

const CSV_KINDS: readonly CsvKind[] = ['licences', 'persons', 'organisations', 'licenceTypes'];

export class SharingAdminError extends Error {}

/** `import-sharing <file.json | file.csv --kind licences|persons|organisations|licenceTypes>` */
export async function importSharingFile(db: Db, key: Buffer, file: string, kind: string | undefined, now = new Date()): Promise<ImportResult> {
  const csv = /\.csv$/i.test(file);
  if (csv && !CSV_KINDS.includes(kind as CsvKind)) throw new SharingAdminError(`a CSV file needs --kind ${CSV_KINDS.join('|')}`);
  await loadLicenceTypesFromCatalogs(db, now);
  return importRegistryText(db, liveRegistry(registryKeys(key)), readFileSync(file, 'utf8'), csv ? 'csv' : 'json', now, kind as CsvKind | undefined);
}

/** `licence-status <typeCode> <number> revoked|cancelled|valid <reason>` */
export async function changeLicenceStatus(db: Db, key: Buffer, typeCode: string, number: string, status: string, reason: string, now = new Date()) {
  if (status !== 'revoked' && status !== 'cancelled' && status !== 'valid') throw new SharingAdminError('the status is revoked, cancelled or valid');
  if (!reason.trim()) throw new SharingAdminError('give the reason (吊销 / 注销 decision)');
  const r = await setLicenceStatus(db, liveRegistry(registryKeys(key)), typeCode, number, status, reason.trim(), now);
  if (!r) throw new SharingAdminError(`no licence ${typeCode} ${number}`);
  return r;
}
