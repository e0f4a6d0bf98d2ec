import { z } from 'zod';
import { asLanguage, languageFromUi, type Language } from '../i18n/i18n.ts';

/**
 * The user's settings, shared by the side panel and the HR page through browser.storage.local
 * (which, unlike localStorage, both pages and the background worker can read).
 */
export interface Settings {
  /** Base URL of the Firstline server (`http://host:port`); empty means "local only". */
  serverUrl: string;
  token: string;
  language: Language;
}

/** The storage key; one object so a save is one atomic write. */
export const SETTINGS_KEY = 'firstline.settings';

const Stored = z.object({
  serverUrl: z.string().default(''),
  token: z.string().default(''),
  language: z.string().nullable().default(null),
});

/** The browser's UI language, when the browser tells us. */
function uiLanguage(): string | undefined {
  try {
    return browser.i18n?.getUILanguage?.() ?? globalThis.navigator?.language;
  } catch {
    return globalThis.navigator?.language;
  }
}

/** Settings from a stored value of any shape; unusable fields fall back to their defaults. */
export function settingsFrom(raw: unknown, ui: string | undefined): Settings {
  const parsed = Stored.safeParse(raw ?? {});
  const value = parsed.success ? parsed.data : Stored.parse({});
  return {
    serverUrl: value.serverUrl.trim(),
    token: value.token.trim(),
    language: asLanguage(value.language) ?? languageFromUi(ui),
  };
}

/** Loads the settings; a first run gets empty server fields and the browser's language. */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return settingsFrom(stored[SETTINGS_KEY], uiLanguage());
}

/**
 * Settings as they are used: a URL or token pasted with spaces or a line break around it is
 * trimmed, so what the panel connects with is what it reads the identity from.
 */
export function normalizeSettings(settings: Settings): Settings {
  return {
    serverUrl: settings.serverUrl.trim(),
    token: settings.token.trim(),
    language: settings.language,
  };
}

/**
 * Saves the settings; every open page hears about it through `watchSettings`. Returns what was
 * stored (trimmed): the caller must use that, not what was typed.
 */
export async function saveSettings(settings: Settings): Promise<Settings> {
  const clean = normalizeSettings(settings);
  await browser.storage.local.set({ [SETTINGS_KEY]: clean });
  return clean;
}

/** Calls `listener` with the new settings whenever any page saves them; returns the unsubscribe. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || !change) return;
    listener(settingsFrom(change.newValue, uiLanguage()));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
