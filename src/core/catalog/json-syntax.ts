/**
 * Locates the first JSON syntax error in a text, engine-independently.
 *
 * JSON.parse's messages differ between engines (Node 20 says "at position 7", newer V8
 * adds line/column, Firefox words it otherwise) and are English only. We call this only
 * after JSON.parse has failed, to tell the catalog office exactly where and what, in both
 * languages. Iterative (an explicit stack), so deeply nested input cannot overflow.
 * Grammar: RFC 8259.
 */
import type { Localized } from '../i18n';

export type JsonSyntaxErrorKind =
  | 'unexpectedEnd'
  | 'unterminatedString'
  | 'expectedValue'
  | 'expectedPropertyName'
  | 'expectedColon'
  | 'expectedCommaOrBrace'
  | 'expectedCommaOrBracket'
  | 'trailingComma'
  | 'badEscape'
  | 'controlCharacter'
  | 'badNumber'
  | 'trailingData';

export interface JsonSyntaxError {
  kind: JsonSyntaxErrorKind;
  /** 0-based offset in UTF-16 code units. */
  offset: number;
  /** 1-based line and column (column in UTF-16 code units, like most editors). */
  line: number;
  column: number;
  /** The offending character(s), if any. */
  found?: string;
}

/** 1-based line/column of an offset. A line ends at \n, \r\n or a lone \r. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

type State = 'value' | 'arrayFirst' | 'arrayNext' | 'objectFirst' | 'objectNext' | 'after';

/** Returns the first syntax error, or null if the text is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const s = text;
  const n = s.length;
  let i = 0;
  const stack: number[] = []; // 0 = object, 1 = array
  let lastComma = -1;
  let state: State = 'value';

  const fail = (kind: JsonSyntaxErrorKind, offset = i): JsonSyntaxError => {
    const { line, column } = lineColumnAt(s, offset);
    const err: JsonSyntaxError = { kind, offset, line, column };
    if (offset < n) {
      const cp = s.codePointAt(offset);
      if (cp !== undefined) err.found = String.fromCodePoint(cp);
    }
    return err;
  };
  const skipWs = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const scanString = (): JsonSyntaxError | null => {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = s.charCodeAt(i + 1);
        if (i + 1 >= n) return fail('unterminatedString', start);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) return fail('unterminatedString', start);
            if (!isHex(s.charCodeAt(i + k))) return fail('badEscape', i);
          }
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
          continue;
        }
        return fail('badEscape', i);
      }
      if (c < 0x20) return fail('controlCharacter', i);
      i++;
    }
    return fail('unterminatedString', start);
  };
  const scanNumber = (): JsonSyntaxError | null => {
    const start = i;
    if (s.charCodeAt(i) === 0x2d) i++;
    if (i >= n) return fail('unexpectedEnd', i);
    if (s.charCodeAt(i) === 0x30) {
      i++;
      if (i < n && isDigit(s.charCodeAt(i))) return fail('badNumber', start);
    } else if (isDigit(s.charCodeAt(i))) {
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    } else return fail('badNumber', start);
    if (i < n && s.charCodeAt(i) === 0x2e) {
      i++;
      if (i >= n) return fail('unexpectedEnd', i);
      if (!isDigit(s.charCodeAt(i))) return fail('badNumber', start);
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    }
    if (i < n && (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45)) {
      i++;
      if (i < n && (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d)) i++;
      if (i >= n) return fail('unexpectedEnd', i);
      if (!isDigit(s.charCodeAt(i))) return fail('badNumber', start);
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    }
    return null;
  };

  for (;;) {
    skipWs();
    switch (state) {
      case 'value':
      case 'arrayFirst':
      case 'arrayNext': {
        if (i >= n) return fail('unexpectedEnd');
        const c = s.charCodeAt(i);
        if (c === 0x5d /* ] */ && state === 'arrayFirst') {
          i++;
          stack.pop();
          state = 'after';
          continue;
        }
        if (c === 0x5d && state === 'arrayNext') return fail('trailingComma', lastComma);
        if (c === 0x7b /* { */) {
          i++;
          stack.push(0);
          state = 'objectFirst';
          continue;
        }
        if (c === 0x5b /* [ */) {
          i++;
          stack.push(1);
          state = 'arrayFirst';
          continue;
        }
        if (c === 0x22) {
          const e = scanString();
          if (e) return e;
          state = 'after';
          continue;
        }
        if (c === 0x2d || isDigit(c)) {
          const e = scanNumber();
          if (e) return e;
          state = 'after';
          continue;
        }
        let literal: string | undefined;
        for (const lit of ['true', 'false', 'null']) if (s.startsWith(lit, i)) literal = lit;
        if (literal) {
          i += literal.length;
          state = 'after';
          continue;
        }
        // A truncated literal ("tr" at the very end) is an unexpected end.
        const rest = s.slice(i, i + 5);
        if (rest.length > 0 && ['true', 'false', 'null'].some((lit) => lit.startsWith(rest) && i + rest.length === n))
          return fail('unexpectedEnd', n);
        return fail('expectedValue');
      }
      case 'objectFirst':
      case 'objectNext': {
        if (i >= n) return fail('unexpectedEnd');
        const c = s.charCodeAt(i);
        if (c === 0x7d /* } */ && state === 'objectFirst') {
          i++;
          stack.pop();
          state = 'after';
          continue;
        }
        if (c === 0x7d && state === 'objectNext') return fail('trailingComma', lastComma);
        if (c !== 0x22) return fail('expectedPropertyName');
        const e = scanString();
        if (e) return e;
        skipWs();
        if (i >= n) return fail('unexpectedEnd');
        if (s.charCodeAt(i) !== 0x3a /* : */) return fail('expectedColon');
        i++;
        state = 'value';
        continue;
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i < n ? fail('trailingData') : null;
        if (i >= n) return fail('unexpectedEnd');
        const c = s.charCodeAt(i);
        if (c === 0x2c /* , */) {
          lastComma = i;
          i++;
          state = top === 0 ? 'objectNext' : 'arrayNext';
          continue;
        }
        if ((top === 0 && c === 0x7d) || (top === 1 && c === 0x5d)) {
          i++;
          stack.pop();
          state = 'after';
          continue;
        }
        return fail(top === 0 ? 'expectedCommaOrBrace' : 'expectedCommaOrBracket');
      }
    }
  }
}

const FULL_WIDTH = new Set(['，', '：', '“', '”', '‘', '’', '｛', '｝', '［', '］', '　']);

/** The offending character for a message: `"x"`, `'"'` for a quote, escaped when invisible. */
function shown(found: string | undefined): string {
  if (found === undefined) return '';
  if (found === '"') return `'"'`;
  const cp = found.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f || /\s/.test(found)) return JSON.stringify(found);
  return `"${found}"`;
}

/** A bilingual explanation of a syntax error, with a hint for the usual mistakes. */
export function describeJsonSyntaxError(e: JsonSyntaxError): Localized {
  const f = shown(e.found);
  let zh: string;
  let en: string;
  switch (e.kind) {
    case 'unexpectedEnd':
      zh = '文件意外结束（可能缺少 } 或 ]，或文件不完整）';
      en = 'unexpected end of file (a missing } or ], or the file is incomplete)';
      break;
    case 'unterminatedString':
      zh = '字符串缺少结束的双引号';
      en = 'a string is missing its closing double quote';
      break;
    case 'expectedValue':
      zh = `此处应为一个值（字符串、数字、对象、数组、true、false 或 null），实际为 ${f}`;
      en = `expected a value (string, number, object, array, true, false or null) but found ${f}`;
      break;
    case 'expectedPropertyName':
      zh = `此处应为用双引号括起的字段名，实际为 ${f}`;
      en = `expected a property name in double quotes but found ${f}`;
      break;
    case 'expectedColon':
      zh = `字段名之后应为 ":"，实际为 ${f}`;
      en = `expected ":" after the property name but found ${f}`;
      break;
    case 'expectedCommaOrBrace':
      zh = `此处应为 "," 或 "}"，实际为 ${f}（可能缺少逗号）`;
      en = `expected "," or "}" but found ${f} (a missing comma?)`;
      break;
    case 'expectedCommaOrBracket':
      zh = `此处应为 "," 或 "]"，实际为 ${f}（可能缺少逗号）`;
      en = `expected "," or "]" but found ${f} (a missing comma?)`;
      break;
    case 'trailingComma':
      zh = '多余的逗号：最后一项之后不能有 ","';
      en = 'trailing comma: there must be no "," after the last entry';
      break;
    case 'badEscape':
      zh = '字符串中的转义序列无效（反斜杠 \\ 须写成 \\\\）';
      en = 'invalid escape sequence in a string (write a backslash as \\\\)';
      break;
    case 'controlCharacter':
      zh = '字符串中不能直接包含换行符或控制字符（换行请写成 \\n）';
      en = 'a string must not contain a raw line break or control character (write \\n)';
      break;
    case 'badNumber':
      zh = '数字格式无效';
      en = 'invalid number';
      break;
    case 'trailingData':
      zh = `JSON 内容结束后还有多余的字符 ${f}`;
      en = `unexpected ${f} after the end of the JSON content`;
      break;
  }
  if (e.found !== undefined && FULL_WIDTH.has(e.found)) {
    zh += '；请使用英文半角标点';
    en += '; use ASCII punctuation, not full-width';
  } else if (e.found === "'") {
    zh += '；JSON 字符串须用双引号';
    en += '; JSON strings need double quotes';
  }
  return {
    'zh-CN': `JSON 语法错误（第 ${e.line} 行，第 ${e.column} 列）：${zh}`,
    'en-US': `JSON syntax error at line ${e.line}, column ${e.column}: ${en}`,
  };
}
