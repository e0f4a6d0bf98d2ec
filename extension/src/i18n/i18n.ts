import { en, type MessageKey, type Messages } from './messages-en.ts';
import { zhCN } from './messages-zh-cn.ts';

/** The languages the extension ships; matches the organisation's `locale` setting in core. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** All message tables by language, exported so the completeness test can walk them. */
export const MESSAGES: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** A bound translator: `t('team.count', { count: 3 })`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template = MESSAGES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one language, for passing down the component tree. */
export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/**
 * The default language when the user has not picked one: Chinese for any `zh` UI language
 * (zh-TW readers are better served by Simplified Chinese than by English), English otherwise.
 */
export function languageFromUi(uiLanguage: string | undefined): Language {
  return uiLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Narrows a stored string to a supported language, or null. */
export function asLanguage(value: unknown): Language | null {
  return (LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : null;
}
