import { describe, expect, test } from 'vitest';
import { langText } from '../../src/lib/lang-text';
import { cssString, printHeadStyle } from '../../src/lib/print';

/** The CSS string token at the start of `css`, read as CSS Syntax reads it, and what follows. */
function readString(css: string): { value: string; rest: string } {
  expect(css[0]).toBe('"');
  let value = '';
  let i = 1;
  while (i < css.length) {
    const ch = css[i] as string;
    if (ch === '"') return { value, rest: css.slice(i + 1) };
    if (ch === '\n') throw new Error('a newline ends a CSS string as bad-string');
    if (ch === '\\') {
      const hex = /^[0-9a-fA-F]{1,6} ?/.exec(css.slice(i + 1));
      if (hex) {
        value += String.fromCodePoint(Number.parseInt(hex[0].trim(), 16));
        i += 1 + hex[0].length;
        continue;
      }
      value += css[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new Error('unterminated string');
}

describe('the running header of printed pages', () => {
  test('a name from the data stays inside the CSS string, whatever it holds', () => {
    for (const name of [
      'Wafangdian 瓦房店市 · 2020-03-24',
      'a "quoted" name; } body { display: none',
      'back\\slash \\22 ',
      'line\nbreak\r\ttab',
      '</style><script>alert(1)</script>',
    ]) {
      const { value, rest } = readString(cssString(name));
      expect(value).toBe(name);
      expect(rest).toBe('');
    }
  });

  test('letters of any script are kept as they are', () => {
    expect(cssString('瓦房店市 · 2020年3月24日')).toBe('"瓦房店市 · 2020年3月24日"');
  });

  test('the root style sets the custom property the @page margin box reads', () => {
    expect(printHeadStyle('X · 1')).toBe('--print-head: "X · 1"');
  });
});

describe('text from the data in the page’s language, or marked with its own', () => {
  test('the page’s language: no mark', () => {
    expect(langText({ zh: '条款', en: 'clause' }, 'zh', ['zh', 'en'])).toEqual({
      text: '条款',
      lang: undefined,
    });
  });

  test('a fallback says its language, the project’s order first', () => {
    expect(langText({ en: 'clause', zh: '条款' }, 'fr', ['zh', 'en'])).toEqual({
      text: '条款',
      lang: 'zh',
    });
    expect(langText({ en: 'clause' }, 'zh', ['zh', 'en'])).toEqual({ text: 'clause', lang: 'en' });
  });
});
