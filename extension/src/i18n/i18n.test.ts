import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES, asLanguage, languageFromUi, translate } from './i18n.ts';
import { en } from './messages-en.ts';

const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('i18n', () => {
  it.each(LANGUAGES)('%s has exactly the English keys, none empty', (language) => {
    const table = MESSAGES[language];
    expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(table)) {
      expect(value.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English in every message', (language) => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(MESSAGES[language][key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('zh-CN is actually translated, not a copy of English', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => MESSAGES['zh-CN'][k] === en[k],
    );
    expect(same).toEqual(['app.title']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'team.count', { count: 3 })).toBe('3 direct reports');
    expect(translate('zh-CN', 'team.count', { count: 3 })).toBe('3 名直接下属');
    expect(translate('en', 'denied.other', {})).toBe('The server closed the connection: {reason}');
  });

  it('picks the default language from the browser UI language', () => {
    expect(languageFromUi('zh-CN')).toBe('zh-CN');
    expect(languageFromUi('zh')).toBe('zh-CN');
    expect(languageFromUi('en-GB')).toBe('en');
    expect(languageFromUi('fr')).toBe('en');
    expect(languageFromUi(undefined)).toBe('en');
    expect(asLanguage('zh-CN')).toBe('zh-CN');
    expect(asLanguage('de')).toBeNull();
  });
});
