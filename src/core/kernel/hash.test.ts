import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { acceptedFoodCase } from '../../../test/fixtures/lifecycle';
import { contentHash, sha256Hex, utf8Bytes } from './hash';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto across block boundaries and for Chinese text, emoji and lone surrogates', () => {
    for (let n = 50; n <= 130; n++) expect(sha256Hex('x'.repeat(n))).toBe(node('x'.repeat(n)));
    for (const s of ['杭州西溪望湖酒店管理有限公司', '营业执照（副本）😀', 'a\uD800b', '\uDC00']) expect(sha256Hex(s)).toBe(node(s));
    expect(Buffer.from(utf8Bytes('办件\u{1F600}')).toString('utf8')).toBe('办件\u{1F600}');
  });

  it('contentHash is the protocol’s SHA-256 of canonicalJson(case)', () => {
    const c = acceptedFoodCase();
    expect(contentHash(c)).toBe(node(canonicalJson(c)));
    expect(contentHash({ b: 1, a: [1, '二'] })).toBe(contentHash({ a: [1, '二'], b: 1 }));
  });
});
