import { describe, expect, it } from 'vitest';
import {
  CASE_NUMBER_ALPHABET,
  caseNumberCheckChar,
  caseNumberGroups,
  formatCaseNumberForSpeech,
  hasValidCheckChar,
  makeCaseNumber,
  normalizeCaseNumberInput,
  validateCaseNumber,
} from './caseNumber';
import { mulberry32 as rng } from '../quality/stats';

const make = (parts: Parameters<typeof makeCaseNumber>[0]): string => {
  const r = makeCaseNumber(parts);
  if (!r.ok) throw new Error(`unexpected ${r.reason}`);
  return r.value;
};

describe('case number format', () => {
  it('uses a 29-symbol alphabet without look-alikes', () => {
    expect(CASE_NUMBER_ALPHABET).toHaveLength(29);
    for (const c of 'IOSZUVB') expect(CASE_NUMBER_ALPHABET).not.toContain(c);
    expect(new Set(CASE_NUMBER_ALPHABET).size).toBe(29);
  });

  it('builds centre-date-workstation+sequence-check', () => {
    const n = make({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
    expect(n).toMatch(/^330106-261130-7K0042-[0-9ACDEFGHJKLMNPQRTWXY]$/);
    expect(n.at(-1)).toBe(caseNumberCheckChar('3301062611307K0042'));
    expect(hasValidCheckChar(n.replaceAll('-', ''))).toBe(true);
  });

  it('different workstations or sequences never collide on the same day', () => {
    const seen = new Set<string>();
    for (const ws of ['01', '02', 'A3', 'K7']) {
      for (let seq = 1; seq <= 50; seq += 1) seen.add(make({ centreCode: '330106', date: '2026-11-30', workstationCode: ws, sequence: seq }));
    }
    expect(seen.size).toBe(200);
  });

  it('rejects malformed parts', () => {
    const ok = { centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 1 };
    expect(makeCaseNumber({ ...ok, centreCode: '33010' })).toEqual({ ok: false, reason: 'centreCode' });
    expect(makeCaseNumber({ ...ok, date: '2026-02-30' })).toEqual({ ok: false, reason: 'date' });
    expect(makeCaseNumber({ ...ok, date: '1999-12-31' })).toEqual({ ok: false, reason: 'date' });
    expect(makeCaseNumber({ ...ok, workstationCode: 'IO' })).toEqual({ ok: false, reason: 'workstationCode' });
    expect(makeCaseNumber({ ...ok, workstationCode: '7k' })).toEqual({ ok: false, reason: 'workstationCode' });
    expect(makeCaseNumber({ ...ok, sequence: 0 })).toEqual({ ok: false, reason: 'sequence' });
    expect(makeCaseNumber({ ...ok, sequence: 10000 })).toEqual({ ok: false, reason: 'sequence' });
    expect(makeCaseNumber({ ...ok, sequence: 1.5 })).toEqual({ ok: false, reason: 'sequence' });
  });
});

describe('validateCaseNumber', () => {
  const n = make({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });

  it('accepts and returns the parts', () => {
    expect(validateCaseNumber(n)).toEqual({
      ok: true,
      normalized: n,
      parts: { centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 },
    });
  });

  it('is tolerant of case, spaces, missing or odd dashes, full-width forms, O for 0', () => {
    const bare = n.replaceAll('-', '');
    expect(validateCaseNumber(bare.toLowerCase())).toMatchObject({ ok: true, normalized: n });
    expect(validateCaseNumber(` ${n.replaceAll('-', ' ')} `)).toMatchObject({ ok: true, normalized: n });
    expect(validateCaseNumber(n.replaceAll('-', '—'))).toMatchObject({ ok: true, normalized: n });
    const fullWidth = [...bare].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    expect(validateCaseNumber(fullWidth)).toMatchObject({ ok: true, normalized: n });
    expect(validateCaseNumber(n.replace('3301', '33O1'))).toMatchObject({ ok: true, normalized: n });
    expect(normalizeCaseNumberInput('33o1 i-ｋ')).toBe('33011K');
  });

  it('reports format, date and checksum problems', () => {
    expect(validateCaseNumber('')).toMatchObject({ ok: false, reason: 'format' });
    expect(validateCaseNumber('330106-261130-7K0042')).toMatchObject({ ok: false, reason: 'format' });
    expect(validateCaseNumber(n.replace('7K', 'BK'))).toMatchObject({ ok: false, reason: 'format' }); // B not in the alphabet
    const badDate = '330106' + '261331' + '7K0042';
    expect(validateCaseNumber(badDate + caseNumberCheckChar(badDate))).toMatchObject({ ok: false, reason: 'date' });
    const zeroSeq = '330106' + '261130' + '7K0000';
    expect(validateCaseNumber(zeroSeq + caseNumberCheckChar(zeroSeq))).toMatchObject({ ok: false, reason: 'sequence' });
    const last = n.at(-1)!;
    const other = CASE_NUMBER_ALPHABET[(CASE_NUMBER_ALPHABET.indexOf(last) + 1) % 29]!;
    expect(validateCaseNumber(n.slice(0, -1) + other)).toMatchObject({ ok: false, reason: 'checksum' });
  });

  describe('property: every single substitution and every transposition is detected', () => {
    const r = rng(20261130);
    const pick = (s: string) => s[Math.floor(r() * s.length)]!;
    const numbers = Array.from({ length: 150 }, () => {
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      return make({
        centreCode: Array.from({ length: 6 }, () => pick('0123456789')).join(''),
        date: `20${String(Math.floor(r() * 100)).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        workstationCode: pick(CASE_NUMBER_ALPHABET) + pick(CASE_NUMBER_ALPHABET),
        sequence: 1 + Math.floor(r() * 9999),
      }).replaceAll('-', '');
    });

    it('valid as generated', () => {
      for (const s of numbers) expect(hasValidCheckChar(s), s).toBe(true);
    });

    it('any symbol replaced by any other symbol of the alphabet fails the check', () => {
      let tried = 0;
      for (const s of numbers) {
        for (let pos = 0; pos < s.length; pos += 1) {
          for (const c of CASE_NUMBER_ALPHABET) {
            if (c === s[pos]) continue;
            const changed = s.slice(0, pos) + c + s.slice(pos + 1);
            tried += 1;
            if (hasValidCheckChar(changed)) throw new Error(`undetected substitution ${s} → ${changed}`);
            if (validateCaseNumber(changed).ok) throw new Error(`accepted after a substitution: ${s} → ${changed}`);
          }
        }
      }
      expect(tried).toBe(150 * 19 * 28);
    }, 30_000); // ~80,000 numbers checked: generous on a loaded machine

    it('any two different symbols swapped — adjacent or not, check character included — fail the check', () => {
      let tried = 0;
      for (const s of numbers) {
        for (let i = 0; i < s.length; i += 1) {
          for (let j = i + 1; j < s.length; j += 1) {
            if (s[i] === s[j]) continue;
            const swapped = s.slice(0, i) + s[j] + s.slice(i + 1, j) + s[i] + s.slice(j + 1);
            tried += 1;
            if (hasValidCheckChar(swapped)) throw new Error(`undetected transposition ${s} → ${swapped}`);
          }
        }
      }
      expect(tried).toBeGreaterThan(10_000);
    });

    it('exhaustively: every adjacent pair of distinct symbols at every position', () => {
      // The check is linear: swapping a and b at positions i, i+1 changes the sum by
      // (wᵢ − wᵢ₊₁)(a − b), whatever the other symbols are; one base string per pair suffices.
      const zeros = '0'.repeat(18);
      let tried = 0;
      for (let pos = 0; pos < 17; pos += 1) {
        for (const a of CASE_NUMBER_ALPHABET) {
          for (const b of CASE_NUMBER_ALPHABET) {
            if (a === b) continue;
            const body = zeros.slice(0, pos) + a + b + zeros.slice(pos + 2);
            const s = body + caseNumberCheckChar(body);
            const swapped = s.slice(0, pos) + b + a + s.slice(pos + 2);
            tried += 1;
            if (hasValidCheckChar(swapped)) throw new Error(`undetected ${s} → ${swapped}`);
          }
        }
      }
      // the last body symbol and the check character
      for (const a of CASE_NUMBER_ALPHABET) {
        const body = zeros.slice(0, 17) + a;
        const c = caseNumberCheckChar(body);
        if (c === a) continue;
        tried += 1;
        expect(hasValidCheckChar(zeros.slice(0, 17) + c + a)).toBe(false);
      }
      expect(tried).toBeGreaterThan(17 * 29 * 28);
    });
  });
});

describe('reading aloud', () => {
  const n = make({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
  const check = n.at(-1)!;

  it('zh-CN: digit by digit, 1 read 幺, groups separated, the check character named', () => {
    const spoken = formatCaseNumberForSpeech(n.toLowerCase().replaceAll('-', ''), 'zh-CN')!;
    const checkSaid = /\d/.test(check) ? '零幺二三四五六七八九'[Number(check)] : check;
    expect(spoken).toBe(`三三零幺零六，二六幺幺三零，七K零零四二，校验位${checkSaid}`);
  });

  it('en-US: symbol by symbol', () => {
    expect(formatCaseNumberForSpeech(n, 'en-US')).toBe(`3 3 0 1 0 6, 2 6 1 1 3 0, 7 K 0 0 4 2, check ${check}`);
  });

  it('groups, and null for an invalid number', () => {
    expect(caseNumberGroups(n)).toEqual(['330106', '261130', '7K0042', check]);
    expect(caseNumberGroups('330106-261130-7K0042')).toBeNull();
    expect(formatCaseNumberForSpeech('nonsense', 'zh-CN')).toBeNull();
  });
});
