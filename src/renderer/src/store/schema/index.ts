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

export const SCHEMA_VERSIONS: readonly ((db: Dexie) => void)[] = [v01, v02, v03, v04, v05, v06, v07, v08, v09, v10, v11, v12, v14];
