/**
 * The workstation database's schema, one file per version, in version order. Dexie applies
 * the upgrades of every version above the one a database has. Never edit a version that has
 * shipped: add the next file here. (Version 13 was never used.)
 */
import type Dexie from 'dexie';
import { v01 } from './v01';
import { v02 } from './v02';
import { v03 } from './v03';
import { v04 } from './v04';
import { v05 } from './v05';
import { v06 } from './v06';
import { v07 } from './v07';
import { v08 } from './v08';
import { v09 } from './v09';
import { v10 } from './v10';
import { v11 } from './v11';
import { v12 } from './v12';
import { v14 } from './v14';
import { v15 } from './v15';

const VERSIONS: readonly [number, (db: Dexie) => void][] = [[1, v01], [2, v02], [3, v03], [4, v04], [5, v05], [6, v06], [7, v07], [8, v08], [9, v09], [10, v10], [11, v11], [12, v12], [14, v14], [15, v15]];

/**
 * Declares the schema's versions up to `upTo` (all by default) on a Dexie database: the app's
 * database declares them all; a test that needs a database as an older release left it
 * declares the versions up to that release.
 */
export function declareSchema(db: Dexie, upTo = Infinity): void {
  for (const [n, declare] of VERSIONS) if (n <= upTo) declare(db);
}
