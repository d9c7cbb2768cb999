/**
 * The architecture is kept by lint rules (eslint.config.js): core stays pure,
 * layers point one way, no import cycles. `npm test` runs the linter over the
 * tree; this test makes sure the rules themselves still bite — a config edit
 * that quietly disabled them would otherwise pass every check.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The cycle rule walks the whole import graph; it is checked by `npm run lint`, not per probe.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });
const asConfigured = new ESLint({ cwd: process.cwd() });

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture rules', { timeout: 60_000 }, () => {
  it('core imports no platform package and no other layer', async () => {
    const hits = await rulesHit(
      "import { useState } from 'react';\nimport Dexie from 'dexie';\nimport { getDb } from '../renderer/src/store/db';\nimport { buildServer } from '../server/app';\nexport const x = [useState, Dexie, getDb, buildServer];\n",
      'src/core/probe.ts',
    );
    expect(hits.filter((h) => h.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(hits.filter((h) => h.startsWith('import-x/no-restricted-paths'))).toHaveLength(2);
  });

  it('core reads no clock, DOM or network', async () => {
    const hits = await rulesHit(
      "export const a = Date.now() + new Date().getTime() + performance.now();\nexport const b = () => fetch('x') && window.name && document.title && localStorage && indexedDB && navigator;\n",
      'src/core/probe.ts',
    );
    expect(hits.filter((h) => h.startsWith('no-restricted-syntax'))).toHaveLength(2);
    expect(hits.filter((h) => h.startsWith('no-restricted-globals'))).toHaveLength(7);
  });

  it('a date passed in is fine in core', async () => {
    expect(await rulesHit('export const at = (iso: string) => new Date(iso).getTime();\n', 'src/core/probe.ts')).toEqual([]);
  });

  it('the renderer never imports the service or Electron main', async () => {
    const hits = await rulesHit("import { buildServer } from '../../../server/app';\nimport { x } from '../../../main/ipc';\nexport const y = [buildServer, x];\n", 'src/renderer/src/intake/probe.ts');
    expect(hits.filter((h) => h.startsWith('import-x/no-restricted-paths'))).toHaveLength(2);
  });

  it('the bottom of the renderer never imports a feature; a feature never imports the app shell', async () => {
    const store = await rulesHit("import { CasesPage } from '../cases/CasesPage';\nexport const y = CasesPage;\n", 'src/renderer/src/store/probe.ts');
    expect(store.some((h) => h.startsWith('import-x/no-restricted-paths'))).toBe(true);
    const feature = await rulesHit("import { App } from '../app/App';\nexport const y = App;\n", 'src/renderer/src/intake/probe.ts');
    expect(feature.some((h) => h.startsWith('import-x/no-restricted-paths'))).toBe(true);
  });

  it('a component never opens the database: it calls its feature\'s store module', async () => {
    const code = "import { getDb, getTrainingDb, isTrainingMode, type CaseRecord } from '../store/db';\nimport Dexie from 'dexie';\nexport const y = [getDb, getTrainingDb, isTrainingMode, Dexie];\nexport type Z = CaseRecord;\n";
    const component = await rulesHit(code, 'src/renderer/src/intake/Probe.tsx');
    expect(component.filter((h) => h.startsWith('no-restricted-imports'))).toHaveLength(3);
    expect(component.find((h) => h.includes('getDb'))).toContain('store module');
    // a feature's store module (a .ts file) is where the database is read and written
    const store = await rulesHit(code, 'src/renderer/src/intake/probe-store.ts');
    expect(store.filter((h) => h.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('import cycles are an error', async () => {
    const config = await asConfigured.calculateConfigForFile('src/renderer/src/store/db.ts');
    expect(config?.rules?.['import-x/no-cycle']?.[0]).toBe(2);
  });
});
