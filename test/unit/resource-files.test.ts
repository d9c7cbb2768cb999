/** The shipped data files as files (src/core tests read them as modules, never from disk). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('default training pack file', () => {
  it('is stored as the generator writes it (2-space JSON, final newline)', () => {
    const text = readFileSync('resources/training/default-pack.json', 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});
