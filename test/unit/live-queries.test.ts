/**
 * Live queries in the renderer go through store/live-query.ts, whose subscriptions start
 * afresh after a bounded number of writes. Dexie's own `liveQuery` (and dexie-react-hooks'
 * `useLiveQuery`, built on it) keep every key written while a query does not re-run: a
 * query mounted all day over data the day's work never touches would grow the heap with
 * every intake (`npm run bench` soak).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const rendererFiles = files('src/renderer/src').filter((f) => !f.endsWith(join('store', 'live-query.ts')));

describe('live queries', () => {
  it('has renderer files to check', () => expect(rendererFiles.length).toBeGreaterThan(20));
  it('no renderer module subscribes through dexie-react-hooks or Dexie liveQuery directly', () => {
    const offenders = rendererFiles.filter((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return /from\s+['"]dexie-react-hooks['"]/.test(code) || /import\s*\{[^}]*\bliveQuery\b[^}]*\}\s*from\s+['"]dexie['"]/.test(code) || /Dexie\.liveQuery\(/.test(code);
    });
    expect(offenders.map((f) => relative('.', f))).toEqual([]);
  });
});
