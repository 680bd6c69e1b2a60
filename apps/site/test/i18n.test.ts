/**
 * The translation system (src/i18n.ts) and its dictionaries (packages/core/translations/*.json), without a
 * build: keys, ICU plurals and placeholders, dates and numbers through Intl, and the messages a
 * project gets when a dictionary is missing or wrong.
 */

import en from '@shoutu/core/translations/en.json';
import zh from '@shoutu/core/translations/zh.json';
import { describe, expect, test } from 'vitest';
import { createTranslationSystem, TranslationError } from '../src/i18n';

const dictionaries: Record<string, Record<string, string>> = { zh, en };
const use = createTranslationSystem(dictionaries, ['zh', 'en']);

describe('dictionaries', () => {
  test('zh and en have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  test('a third language is one more dictionary', () => {
    const fr = { ...en, 'meta.intlLocale': 'fr-FR', 'meta.htmlLang': 'fr', 'bands.green': 'Bon' };
    const t = createTranslationSystem({ ...dictionaries, fr }, ['zh', 'en', 'fr'])('fr');
    expect(t('bands.green')).toBe('Bon');
    expect(t.htmlLang).toBe('fr');
    expect(t.day('2020-03-24')).toBe('24 mars 2020');
    expect(t.score(97.25)).toBe('97,3');
  });

  test('a language without a dictionary names the file to add', () => {
    expect(() => createTranslationSystem(dictionaries, ['zh', 'fr'])).toThrow(TranslationError);
    expect(() => createTranslationSystem(dictionaries, ['zh', 'fr'])).toThrow(
      'add packages/core/translations/fr.json',
    );
  });

  test('a dictionary with missing or unknown keys names the file and the keys', () => {
    const { 'bands.green': _, ...short } = en;
    expect(() => createTranslationSystem({ en, de: { ...short, typo: 'x' } }, ['de'])).toThrow(
      /translations\/de\.json does not match .*en\.json:\n {2}lacks bands\.green\n {2}has unknown typo/,
    );
  });

  test('a message that does not parse names the file and the key', () => {
    expect(() =>
      createTranslationSystem({ en, de: { ...en, 'bands.green': 'Gut {' } }, ['de']),
    ).toThrow(/translations\/de\.json: "bands\.green" is not a valid ICU message/);
  });

  test('a language that is not the project’s is refused', () => {
    expect(() => use('fr')).toThrow('"fr" is not a language of the project (zh, en)');
  });
});

describe('messages', () => {
  const tz = use('zh');
  const te = use('en');

  test('placeholders', () => {
    expect(tz('cityTitle', { city: '大连市' })).toBe('大连市属地责任合规评分');
    expect(te('cityTitle', { city: 'Dalian' })).toBe('Dalian territorial compliance scorecard');
  });

  test('plurals: English has one and other, Chinese one form, both say "new today" for 1', () => {
    expect(te('failuresCount', { n: 1 })).toBe('1 failure');
    expect(te('failuresCount', { n: 2 })).toBe('2 failures');
    expect(te('failuresCount', { n: 1234 })).toBe('1234 failures');
    expect(tz('failuresCount', { n: 1 })).toBe('1 项不合格');
    expect(tz('streak.fail', { n: 1 })).toBe('今日新增');
    expect(tz('streak.fail', { n: 3 })).toBe('连续 3 天不合格');
    expect(te('streak.missing', { n: 1 })).toBe('new today');
    expect(te('trendLegend', { flat: 1 })).toContain('at most 1 point)');
    expect(te('trendLegend', { flat: 0.5 })).toContain('at most 0.5 points)');
  });

  test('percentages from Intl', () => {
    expect(tz('scoring.missing.partial', { share: 0.5 })).toBe('缺报按 50% 计分。');
    expect(te('rules.shareValue', { share: 0.125 })).toBe('12.5 %');
  });

  test('dates from Intl, the same on any machine', () => {
    expect(tz.day('2020-03-24')).toBe('2020年3月24日');
    expect(te.day('2020-03-24')).toBe('24 March 2020');
    expect(tz.month('2020-03-01')).toBe('2020年3月');
    expect(te.month('2020-03-01')).toBe('March 2020');
    expect(tz.shortDay('2020-03-04')).toBe('3/4');
    expect(te.shortDay('2020-03-04')).toBe('4 Mar');
  });

  test('numbers: scores, changes with a true minus sign, points lost', () => {
    expect(te.score(null)).toBe('–');
    expect(te.score(97.25)).toBe('97.3');
    expect(te.score(1234.5)).toBe('1234.5');
    expect(te.change(2.24)).toBe('+2.2');
    expect(te.change(-2.7)).toBe('\u22122.7');
    expect(te.change(-0.04)).toBe('0.0');
    expect(te.change(0)).toBe('0.0');
    expect(te.lost(0.5)).toBe('0.50');
  });

  test('lists and capitals in the language', () => {
    expect(tz.list(['街道', '社区', '网格'])).toBe('街道、社区和网格');
    expect(te.list(['streets', 'communities', 'grids'])).toBe('streets, communities and grids');
    expect(te.list(['states'])).toBe('states');
    expect(te.capital('states')).toBe('States');
    expect(tz.capital('区县')).toBe('区县');
    expect(te.sentence('districtsHeading', { districts: 'states' })).toBe('States ranked');
    expect(tz.sentence('districtsHeading', { districts: '州' })).toBe('州排名');
  });

  test('headings and captions name the levels the data name', () => {
    const names = {
      child: 'county',
      children: 'counties',
      grandchild: 'town',
      grandchildren: 'towns',
    };
    expect(te.sentence('streetsCaption', { ...names, nested: 'yes' })).toBe(
      'Counties ranked by overall score, each followed by its towns',
    );
    expect(te.sentence('streetsCaption', { ...names, nested: 'no' })).toBe(
      'Counties ranked by overall score, highest first',
    );
    expect(tz('rules.appliesToLevel', { level: '州' })).toBe('每个州');
    expect(te('units.lostChildren', { level: 'county', child: 'town', places: 'no' })).toBe(
      'Points lost: points of the county’s overall score lost inside the town.',
    );
  });

  test('a key made from data that the dictionary lacks is undefined', () => {
    expect(te.maybe('bands.green')).toBe('Good');
    expect(te.maybe('bands.purple')).toBeUndefined();
  });
});

describe('one word, one translation', () => {
  test('"threshold assumed" reads the same wherever it appears', () => {
    for (const [dict, word] of [
      [zh, zh['rules.assumed']],
      [en, en['rules.assumed']],
    ] as const) {
      expect(dict.sourceAssumed).toContain(word);
      expect(dict['rules.assumedNote']).toContain(word);
    }
    expect(zh['rules.assumed']).toBe('阈值为推定');
  });

  test('the status "error" has one word', () => {
    expect(zh['counts.error']).toBe('无法评估');
    expect(zh['rules.errorStatus']).toBe(zh['counts.error']);
    expect(zh.errorsHeading).toContain(zh['counts.error']);
    expect(en['rules.errorStatus']).toBe(en['counts.error'].toLowerCase());
    for (const dict of [zh, en])
      for (const key of [
        'scoring.error.fail',
        'scoring.error.ignore',
        'archive.explain.error',
      ] as const)
        expect(dict[key].toLowerCase()).toContain(dict['rules.errorStatus']);
  });
});
