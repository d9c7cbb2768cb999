import { describe, expect, it } from 'vitest';
import { dayNumberFromCivil, dayNumberToIso } from '../calendar/isoDate';
import {
  USCC_AUTHORITY_CODES,
  USCC_CATEGORY_CODES,
  USCC_CHARSET,
  USCC_WEIGHTS,
  checkResidentId,
  checkUscc,
  identityProblemMessage,
  isOverridableUsccProblem,
  isValidResidentId,
  isValidUscc,
  maskIdNumber,
  normalizeIdentityInput,
  residentIdCheckChar,
  usccCheckChar,
  type IdentityProblem,
  type ResidentIdProblem,
  type UsccProblem,
} from './index';
import { mulberry32 as rng } from '../quality/stats';

const pick = (r: () => number, s: string): string => s[Math.floor(r() * s.length)]!;
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => pick(r, '0123456789')).join('');

const withCheck = (body17: string): string => body17 + residentIdCheckChar(body17);

/** A random 17-digit body whose birth date is a real day in 1900–2024. */
function randomResidentBody(r: () => number): string {
  const lo = dayNumberFromCivil(1900, 1, 1);
  const hi = dayNumberFromCivil(2024, 12, 31);
  const birth = dayNumberToIso(lo + Math.floor(r() * (hi - lo + 1))).replaceAll('-', '');
  return digits(r, 6) + birth + digits(r, 3);
}

describe('resident ID (GB 11643-1999)', () => {
  it("accepts the standard's own examples", () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('440524188001010014')).toBe(true);
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('extracts birth date, sex and region code', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({
      ok: true,
      kind: 'residentId',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female', // sequence 002: even
      regionCode: '110105',
    });
    const r = checkResidentId('440524188001010014');
    expect(r.ok && r.sex).toBe('male'); // sequence 001: odd
    expect(r.ok && r.birthDate).toBe('1880-01-01');
  });

  it('accepts lower-case x, surrounding and inner whitespace, and full-width characters', () => {
    expect(checkResidentId('11010519491231002x')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(checkResidentId('  11010519491231002X\n')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(checkResidentId('110105 19491231 002X')).toMatchObject({ ok: true });
    expect(checkResidentId('\u3000１１０１０５１９４９１２３１００２ｘ\u3000')).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
    expect(checkResidentId('11010519491231002Ｘ')).toMatchObject({ ok: true });
    expect(checkResidentId('\u200B11010519491231002X\uFEFF')).toMatchObject({ ok: true });
  });

  it('reports empty, length and characters', () => {
    expect(checkResidentId('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkResidentId('   \u3000 ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkResidentId('11010519491231002')).toMatchObject({ ok: false, reason: 'length', normalized: '11010519491231002' });
    expect(checkResidentId('11010519491231002X1')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkResidentId('110105491231002')).toMatchObject({ ok: false, reason: 'length' }); // old 15-digit
    expect(checkResidentId('1101051949123100XX')).toMatchObject({ ok: false, reason: 'characters' });
    expect(checkResidentId('X10105194912310021')).toMatchObject({ ok: false, reason: 'characters' });
    expect(checkResidentId('11010519491231002Y')).toMatchObject({ ok: false, reason: 'characters' });
    expect(checkResidentId('110105-1949123100X')).toMatchObject({ ok: false, reason: 'characters' });
    expect(checkResidentId('١١٠١٠٥١٩٤٩١٢٣١٠٠٢X')).toMatchObject({ ok: false, reason: 'characters' }); // Arabic-Indic digits
  });

  it('reports the checksum problem with the expected character', () => {
    expect(checkResidentId('110105194912310021')).toEqual({
      ok: false,
      kind: 'residentId',
      normalized: '110105194912310021',
      reason: 'checksum',
      expected: 'X',
    });
    expect(checkResidentId('44052418800101001X')).toMatchObject({ reason: 'checksum', expected: '4' });
  });

  it('checks that the birth date exists, leap years included', () => {
    expect(isValidResidentId(withCheck('11010520000229001'))).toBe(true); // 2000: leap (÷400)
    expect(isValidResidentId(withCheck('11010520240229001'))).toBe(true); // 2024: leap
    expect(checkResidentId(withCheck('11010519000229001'))).toMatchObject({ reason: 'birthDate' }); // 1900: not leap
    expect(checkResidentId(withCheck('11010520230229001'))).toMatchObject({ reason: 'birthDate' });
    expect(checkResidentId(withCheck('11010519491301001'))).toMatchObject({ reason: 'birthDate' }); // month 13
    expect(checkResidentId(withCheck('11010519490000001'))).toMatchObject({ reason: 'birthDate' });
    expect(checkResidentId(withCheck('11010519490431001'))).toMatchObject({ reason: 'birthDate' }); // 31 April
    expect(checkResidentId(withCheck('11010500000101001'))).toMatchObject({ reason: 'birthDate' }); // year 0
  });

  it('without today: any existing date from 1850-01-01 on', () => {
    expect(isValidResidentId(withCheck('11010518500101001'))).toBe(true);
    expect(checkResidentId(withCheck('11010518491231001'))).toMatchObject({ reason: 'birthDate' });
    expect(isValidResidentId(withCheck('11010520991231001'))).toBe(true); // no clock, so not "future"
  });

  it('with today: rejects a birth date after today, accepts today', () => {
    const born = withCheck('11010520250602001');
    expect(checkResidentId(born, '2025-06-01')).toMatchObject({ ok: false, reason: 'futureBirthDate' });
    expect(isValidResidentId(born, '2025-06-01')).toBe(false);
    expect(isValidResidentId(born, '2025-06-02')).toBe(true);
    expect(isValidResidentId(born)).toBe(true);
    expect(isValidResidentId('11010519491231002X', '2025-06-01')).toBe(true);
    // the lower bound still applies with today
    expect(checkResidentId(withCheck('11010518000101001'), '2025-06-01')).toMatchObject({ reason: 'birthDate' });
  });

  it('throws RangeError for a malformed today', () => {
    expect(() => isValidResidentId('11010519491231002X', '2025-13-01')).toThrow(RangeError);
    expect(() => checkResidentId('11010519491231002X', '20250601')).toThrow(RangeError);
  });

  it('reports problems in a fixed order (birth date before checksum)', () => {
    // bad date and bad check char: the date is named
    expect(checkResidentId('110105194913310021')).toMatchObject({ reason: 'birthDate' });
  });

  it('residentIdCheckChar rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });

  describe('property: random bodies', () => {
    const r = rng(20251001);
    const bodies = Array.from({ length: 300 }, () => randomResidentBody(r));

    it('a body with its computed check char is valid', () => {
      for (const body of bodies) {
        const id = withCheck(body);
        expect(isValidResidentId(id), id).toBe(true);
        expect(isValidResidentId(id.toLowerCase()), id).toBe(true);
      }
    });

    it('changing any one character makes it invalid', () => {
      for (const body of bodies.slice(0, 60)) {
        const id = withCheck(body);
        for (let pos = 0; pos < 18; pos += 1) {
          const alphabet = pos === 17 ? '0123456789X' : '0123456789';
          for (const c of alphabet) {
            if (c === id[pos]) continue;
            const changed = id.slice(0, pos) + c + id.slice(pos + 1);
            expect(isValidResidentId(changed), `${id} → ${changed}`).toBe(false);
          }
        }
      }
    });

    it('swapping two adjacent different digits makes it invalid', () => {
      for (const body of bodies.slice(0, 100)) {
        const id = withCheck(body);
        for (let pos = 0; pos < 16; pos += 1) {
          if (id[pos] === id[pos + 1]) continue;
          const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
          expect(isValidResidentId(swapped), `${id} → ${swapped}`).toBe(false);
        }
      }
    });
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('uses weights 3^(i-1) mod 31 over a 31-character set without I O Z S V', () => {
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(USCC_CHARSET).toHaveLength(31);
    for (const c of 'IOZSV') expect(USCC_CHARSET).not.toContain(c);
  });

  it("accepts the standard's example and real published codes", () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true); // GB 32100-2015 example
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // Codes printed on public business licences:
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('9144030071526726XG')).toBe(true);
  });

  it('returns the parts of a valid code', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({
      ok: true,
      kind: 'uscc',
      normalized: '91350100M000100Y43',
      authority: '9',
      category: '1',
      areaCode: '350100',
      organizationCode: 'M000100Y4',
    });
  });

  it('normalises lower case, whitespace and full-width characters', () => {
    expect(checkUscc('91350100m000100y43')).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
    expect(checkUscc(' 9135 0100 M000 100Y 43 ')).toMatchObject({ ok: true });
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
    expect(checkUscc('９１３５０１００ｍ０００１００ｙ４３')).toMatchObject({ ok: true });
  });

  it('reports empty, length, characters', () => {
    expect(checkUscc('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkUscc('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkUscc('91350100M000100Y433')).toMatchObject({ ok: false, reason: 'length' });
    for (const bad of ['I', 'O', 'Z', 'S', 'V', '-', '*']) {
      expect(checkUscc(`91350100M000100${bad}43`), bad).toMatchObject({ ok: false, reason: 'characters' });
    }
    expect(checkUscc('91350100M000100Y4')).not.toHaveProperty('expected');
  });

  it('reports a checksum mismatch with the expected character', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({
      ok: false,
      kind: 'uscc',
      normalized: '91350100M000100Y44',
      reason: 'checksum',
      expected: '3',
    });
  });

  it('maps a computed check value of 31 to "0"', () => {
    // Find a body whose sum is ≡ 0 (mod 31): the check must then be '0', not out of range.
    const r = rng(31);
    let found = 0;
    for (let i = 0; i < 5000 && found < 3; i += 1) {
      const body = '91' + Array.from({ length: 15 }, () => pick(r, USCC_CHARSET)).join('');
      let sum = 0;
      for (let k = 0; k < 17; k += 1) sum += USCC_CHARSET.indexOf(body[k]!) * USCC_WEIGHTS[k]!;
      if (sum % 31 !== 0) continue;
      found += 1;
      expect(usccCheckChar(body)).toBe('0');
      expect(isValidUscc(`${body}0`)).toBe(true);
    }
    expect(found).toBeGreaterThan(0);
  });

  it('checks position 1 (authority) and position 2 (category) loosely, as overridable problems', () => {
    const make = (prefix: string): string => {
      const body = prefix + '350100M000100Y4';
      return body + usccCheckChar(body);
    };
    for (const a of '123456789ABCDEFGHNY') expect(isValidUscc(make(`${a}1`)), a).toBe(true);
    expect(checkUscc(make('01'))).toMatchObject({ ok: false, reason: 'authority' });
    expect(checkUscc(make('X1'))).toMatchObject({ ok: false, reason: 'authority' });
    expect(checkUscc(make('90'))).toMatchObject({ ok: false, reason: 'category' });
    expect(checkUscc(make('9A'))).toMatchObject({ ok: false, reason: 'category' });
    expect(isOverridableUsccProblem('checksum')).toBe(true);
    expect(isOverridableUsccProblem('authority')).toBe(true);
    expect(isOverridableUsccProblem('category')).toBe(true);
    expect(isOverridableUsccProblem('length')).toBe(false);
    expect(isOverridableUsccProblem('characters')).toBe(false);
  });

  it('usccCheckChar rejects bad input', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100YI')).toThrow(RangeError);
  });

  describe('property: random codes', () => {
    const r = rng(32100);
    const codes = Array.from({ length: 300 }, () => {
      const body =
        pick(r, USCC_AUTHORITY_CODES) + pick(r, USCC_CATEGORY_CODES) + Array.from({ length: 15 }, () => pick(r, USCC_CHARSET)).join('');
      return body + usccCheckChar(body);
    });

    it('a body with its computed check char is valid', () => {
      for (const code of codes) {
        expect(isValidUscc(code), code).toBe(true);
        expect(isValidUscc(code.toLowerCase()), code).toBe(true);
      }
    });

    it('changing any one character makes it invalid', () => {
      for (const code of codes.slice(0, 40)) {
        for (let pos = 0; pos < 18; pos += 1) {
          for (const c of USCC_CHARSET) {
            if (c === code[pos]) continue;
            const changed = code.slice(0, pos) + c + code.slice(pos + 1);
            expect(isValidUscc(changed), `${code} → ${changed}`).toBe(false);
          }
        }
      }
    });
  });
});

describe('normalizeIdentityInput', () => {
  it('converts full-width ASCII forms, strips whitespace and zero-width characters, upper-cases', () => {
    expect(normalizeIdentityInput('\u3000ａｂｃ　１２３\t\u00A0x\u200D')).toBe('ABC123X');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber(' １１０１０５１９４９１２３１００２Ｘ ')).toBe('110105********002X');
    expect(maskIdNumber('91350100M000100Y43')).toBe('913501********0Y43');
    expect(maskIdNumber('12345678901')).toBe('123456*8901');
  });

  it('never shows a short input in full', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('12')).toBe('**');
  });
});

describe('identityProblemMessage', () => {
  const residentReasons: ResidentIdProblem[] = ['empty', 'length', 'characters', 'birthDate', 'futureBirthDate', 'checksum'];
  const usccReasons: UsccProblem[] = ['empty', 'length', 'characters', 'checksum', 'authority', 'category'];
  const all: IdentityProblem[] = [
    ...residentReasons.map((reason): IdentityProblem => ({ kind: 'residentId', reason })),
    ...usccReasons.map((reason): IdentityProblem => ({ kind: 'uscc', reason })),
  ];

  it('has a distinct, non-empty text per problem in both locales', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const texts = all.map((p) => identityProblemMessage(p, locale));
      for (const t of texts) expect(t.length).toBeGreaterThan(5);
      expect(new Set(texts).size).toBe(texts.length);
    }
    for (const p of all) {
      expect(identityProblemMessage(p, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(identityProblemMessage(p, 'en-US')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts a failed check result directly and names the expected character and length', () => {
    const r = checkResidentId('110105194912310021');
    if (r.ok) throw new Error('expected failure');
    expect(identityProblemMessage(r, 'zh-CN')).toContain('应为 X');
    expect(identityProblemMessage(r, 'en-US')).toContain('should be X');
    const len = checkResidentId('1101051949');
    if (len.ok) throw new Error('expected failure');
    expect(identityProblemMessage(len, 'zh-CN')).toContain('当前为 10 位');
    expect(identityProblemMessage(len, 'en-US')).toContain('this one has 10');
    const u = checkUscc('91350100M000100Y44');
    if (u.ok) throw new Error('expected failure');
    expect(identityProblemMessage(u, 'zh-CN')).toContain('应为 3');
    expect(identityProblemMessage(u, 'zh-CN')).toContain('确认继续'); // soft: can be overridden
    expect(identityProblemMessage(u, 'en-US')).toContain('confirm and continue');
  });
});
