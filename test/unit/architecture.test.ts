/**
 * One direction of dependency: renderer, main and server depend on src/core,
 * never the other way; and core stays pure (no React, Dexie, Electron, DOM,
 * network or clock), so its rules are fast to test and the same everywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const coreFiles = files('src/core').filter((f) => !/\.test\.ts$/.test(f));
const importRe = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('src/core stays pure', () => {
  it('has source files to check', () => expect(coreFiles.length).toBeGreaterThan(5));

  for (const file of coreFiles) {
    const text = readFileSync(file, 'utf8');
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    it(`${relative('.', file)} imports nothing forbidden`, () => {
      for (const m of code.matchAll(importRe)) {
        const spec = m[1] ?? m[2]!;
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(react|react-dom|dexie|dexie-react-hooks|electron|fastify|pg|@electric-sql|node:|fs$|path$|http)/);
        expect(spec, `${file} imports ${spec}`).not.toMatch(/(^|\/)(renderer|main|preload|server)(\/|$)/);
      }
    });
    it(`${relative('.', file)} reads no clock, DOM or network`, () => {
      expect(code).not.toMatch(/Date\.now\(|new Date\(\s*\)|performance\.now\(/);
      expect(code).not.toMatch(/\b(window|document|localStorage|indexedDB|navigator)\./);
      expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket/);
    });
  }
});
