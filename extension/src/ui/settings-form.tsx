import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, type Language, type Translate } from '../i18n/i18n.ts';
import type { Settings } from '../settings/settings.ts';
import { readClaims } from '../settings/token-claims.ts';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * The settings screen: server URL, token, language. The signed-in identity is read from the token
 * as it is typed, so a wrong paste is visible before saving.
 */
export function SettingsForm(props: {
  settings: Settings;
  /** The signed-in person's name once the directory has loaded; the token only has the id. */
  personName: string | null;
  /** True while the directory (where the name comes from) is still loading. */
  nameLoading: boolean;
  t: Translate;
  onSave: (settings: Settings) => Promise<void>;
  onOpenHr: () => void;
}) {
  const { settings, t } = props;
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [token, setToken] = useState(settings.token);
  const [language, setLanguage] = useState<Language>(settings.language);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setServerUrl(settings.serverUrl);
    setToken(settings.token);
    setLanguage(settings.language);
  }, [settings]);

  const claims = readClaims(token, Date.now() / 1000);
  const identity = claims.ok
    ? t('settings.signedInAs', {
        person:
          props.personName ??
          (props.nameLoading
            ? t('settings.personLoading', { id: claims.value.personId })
            : claims.value.personId),
        org: claims.value.org,
        role: t(`role.${claims.value.role}`),
      })
    : claims.reason === 'expired'
      ? t('token.expired', {
          date: new Date(((claims.details as { exp: number }).exp ?? 0) * 1000)
            .toISOString()
            .slice(0, 10),
        })
      : t(`token.${claims.reason}`);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setSaved(false);
    // A token the panel cannot read (or one already expired) would only fail later at the
    // server; the line under the field already says why, so nothing is saved.
    if (token.trim() !== '' && !claims.ok) return;
    await props.onSave({ serverUrl, token, language });
    setSaved(true);
  };

  return (
    <form class="settings" onSubmit={(e) => void submit(e)} data-testid="settings-form">
      <h2>{t('settings.title')}</h2>
      <label>
        <span>{t('settings.serverUrl')}</span>
        <input
          type="url"
          data-testid="settings-server-url"
          value={serverUrl}
          placeholder="http://localhost:8787"
          onInput={(e) => {
            setServerUrl(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <small>{t('settings.serverUrlHint')}</small>
      </label>
      <label>
        <span>{t('settings.token')}</span>
        <textarea
          data-testid="settings-token"
          rows={3}
          spellcheck={false}
          value={token}
          onInput={(e) => {
            setToken(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <small class={claims.ok ? 'ok' : 'warn'} data-testid="settings-identity">
          {identity}
        </small>
      </label>
      <label>
        <span>{t('settings.language')}</span>
        <select
          data-testid="settings-language"
          value={language}
          onChange={(e) => {
            setLanguage(e.currentTarget.value as Language);
            setSaved(false);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <div class="actions">
        <button type="submit" class="primary" data-testid="settings-save">
          {t('settings.save')}
        </button>
        {saved && (
          <span class="ok" data-testid="settings-saved">
            {t('settings.saved')}
          </span>
        )}
      </div>
      {claims.ok && (claims.value.role === 'hr' || claims.value.role === 'admin') && (
        <button type="button" class="link" data-testid="open-hr" onClick={props.onOpenHr}>
          {t('settings.openHr')}
        </button>
      )}
    </form>
  );
}
