/**
 * One SHA-256 and one canonical JSON (src/core/kernel): a second implementation anywhere in src
 * could disagree with it on some input (key order, lone surrogates, a depth limit), and a
 * content hash or an audit link would then fail between the workstation and the service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('one hash', () => {
  it('nothing in src digests SHA-256 but core/kernel', () => {
    const offenders: string[] = [];
    for (const file of sources('src')) {
      if (file.startsWith(join('src', 'core', 'kernel'))) continue;
      // the capture path's native digest of page bytes, checked equal to the kernel's (digest.test.ts)
      if (file === join('src', 'renderer', 'src', 'materials', 'digest.ts')) continue;
      const text = readFileSync(file, 'utf8');
      if (/createHash\s*\(|subtle\.digest\s*\(|from '@noble\/hashes/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
