import { describe, expect, it } from 'vitest';
import { sha256Bytes } from '@core/kernel';
import { pageSha256 } from './digest';

describe('pageSha256', () => {
  it('gives core/kernel’s SHA-256 for any bytes, from empty to a camera frame’s size', async () => {
    let seed = 7;
    for (const size of [0, 1, 55, 56, 64, 1000, 65_537, 8 * 1024 * 1024]) {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(await pageSha256(bytes)).toBe(sha256Bytes(bytes));
    }
  });
});
