import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { translator } from '../i18n/i18n.ts';
import { requestServerAccess } from '../settings/host-permission.ts';
import { loadSettings, saveSettings, watchSettings, type Settings } from '../settings/settings.ts';
import { readClaims } from '../settings/token-claims.ts';
import { createDocDb } from '../store/doc-db.ts';
import { loadReachedServer, markServerReached } from '../sync/reached-server.ts';
import { createDocStore } from '../store/doc-store.ts';
import { ReviewApp } from '../review/review-app.tsx';
import { GoalsScreen } from '../goals/goals-screen.tsx';
import { CoachingScreen } from '../coaching/coaching-screen.tsx';
import { PersonCoaching } from '../coaching/person-coaching.tsx';
import { useCoaching } from '../coaching/use-coaching.ts';
import { useFocusRequests } from '../coaching/use-focus.ts';
import { PersonDetail } from './person-detail.tsx';
import { AsideCopies } from './aside-copies.tsx';
import { SettingsForm } from './settings-form.tsx';
import { connectionMessage, StatusBadge } from './status-badge.tsx';
import { TeamList } from './team-list.tsx';
import { useTeam } from './use-team.ts';

type Screen =
  | { kind: 'team' }
  | { kind: 'settings' }
  | { kind: 'review' }
  | { kind: 'person'; personId: string }
  | { kind: 'goals' }
  | { kind: 'coaching' };

/** One database for the page's lifetime; stores come and go with the settings. */
const db = createDocDb();

/** Opens the HR dashboard in a tab (it is too wide for a side panel). */
function openHrPage(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/hr.html') });
}

/**
 * The side panel: header with the connection state, then "My team", a person's detail, or the
 * settings. Without a usable token the settings open first.
 */
export function PanelApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'team' });

  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  const claimsResult = useMemo(
    () => (settings ? readClaims(settings.token, Date.now() / 1000) : null),
    [settings],
  );
  const claims = claimsResult?.ok ? claimsResult.value : null;
  const serverUrl = settings?.serverUrl ?? '';
  const token = settings?.token ?? '';

  const store = useMemo(
    () => (claims ? createDocStore(db, serverUrl ? { serverUrl, token } : null) : null),
    // A store per (server, token, identity): a new token must reconnect every document.
    [serverUrl, token, claims?.org, claims?.personId],
  );
  useEffect(() => () => store?.close(), [store]);

  // Local copies set aside because the server's document was restored (close 4409).
  const [asideCount, setAsideCount] = useState(0);
  useEffect(() => {
    setAsideCount(store?.setAside().length ?? 0);
    return store?.onSetAside(() => setAsideCount(store.setAside().length));
  }, [store]);

  useEffect(() => {
    if (settings && !claims) setScreen({ kind: 'settings' });
  }, [settings, claims]);

  const team = useTeam(store, claims);
  // The server URL last synced with: a URL never reached is reported as possibly wrong.
  const [reachedUrl, setReachedUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => void loadReachedServer().then(setReachedUrl), []);
  // The first render after a settings change still shows the old store's state: skip it.
  const renderedStore = useRef(store);
  const sameStore = renderedStore.current === store;
  renderedStore.current = store;
  const nowSynced = sameStore && team.connection.status === 'synced' && serverUrl !== '';
  useEffect(() => {
    if (!nowSynced || reachedUrl === serverUrl) return;
    setReachedUrl(serverUrl);
    void markServerReached(serverUrl);
  }, [nowSynced, serverUrl, reachedUrl]);
  // Coaching (issue 4): reminders, pace, the log; a notification click asks to open a person.
  const coaching = useCoaching(
    store,
    claims,
    team.directory,
    screen.kind === 'person' ? [screen.personId] : [],
  );
  useFocusRequests((personId) => setScreen({ kind: 'person', personId }));
  if (!settings) return null;
  const t = translator(settings.language);
  // Until the memory is read, assume reached: the ordinary hint rather than a false alarm.
  const reached = reachedUrl === undefined || reachedUrl === serverUrl;
  const server = serverUrl === '' ? null : { url: serverUrl, reached };
  const message = claims ? connectionMessage(team.connection, server, t) : null;

  const save = async (next: Settings): Promise<void> => {
    // Ask before anything is awaited: the permission prompt needs the click's user gesture.
    const access = next.serverUrl ? requestServerAccess(next.serverUrl) : Promise.resolve(true);
    setSettings(await saveSettings(next));
    await access;
  };

  let body;
  if (screen.kind === 'settings') {
    body = (
      <>
        <SettingsForm
          settings={settings}
          personName={(claims && team.directory?.people.get(claims.personId)?.name) ?? null}
          nameLoading={claims !== null && team.directory === null}
          t={t}
          onSave={save}
          onOpenHr={openHrPage}
        />
        <AsideCopies db={db} t={t} language={settings.language} version={asideCount} />
      </>
    );
  } else if (!claims) {
    body = <p class="muted">{t('team.needSettings')}</p>;
  } else if (screen.kind === 'goals') {
    body = (
      <GoalsScreen
        store={store}
        claims={claims}
        directory={team.directory}
        language={settings.language}
        t={t}
      />
    );
  } else if (screen.kind === 'review' && store) {
    body = (
      <ReviewApp
        store={store}
        claims={claims}
        directory={team.directory}
        records={team.records}
        language={settings.language}
        t={t}
      />
    );
  } else if (screen.kind === 'coaching') {
    body = (
      <CoachingScreen
        state={coaching}
        directory={team.directory}
        t={t}
        onOpenPerson={(personId) => setScreen({ kind: 'person', personId })}
      />
    );
  } else if (screen.kind === 'person') {
    body = (
      <>
        <PersonDetail
          row={team.rows.find((r) => r.personId === screen.personId)}
          view={team.records.get(screen.personId)}
          authorId={claims.personId}
          t={t}
        />
        <PersonCoaching
          personId={screen.personId}
          personName={team.directory?.people.get(screen.personId)?.name ?? screen.personId}
          authorId={claims.personId}
          state={coaching}
          t={t}
        />
      </>
    );
  } else {
    const staff = claims.role === 'hr' || claims.role === 'admin';
    body = (
      <>
        {staff && (
          <button type="button" class="link" data-testid="team-open-hr" onClick={openHrPage}>
            {t('settings.openHr')}
          </button>
        )}
        <TeamList
          rows={team.rows}
          loading={team.directory === null}
          t={t}
          onSelect={(personId) => setScreen({ kind: 'person', personId })}
        />
      </>
    );
  }

  return (
    <div class="panel" lang={settings.language}>
      <header class="topbar">
        {screen.kind === 'team' || !claims ? (
          <h1>{t('app.title')}</h1>
        ) : (
          <button
            type="button"
            class="back"
            data-testid="nav-back"
            onClick={() => setScreen({ kind: 'team' })}
          >
            ‹ {t('nav.back')}
          </button>
        )}
        <span class="spacer" />
        {claims && screen.kind !== 'goals' && (
          <button
            type="button"
            class="icon"
            data-testid="nav-goals"
            onClick={() => setScreen({ kind: 'goals' })}
          >
            {t('goals.nav')}
          </button>
        )}
        {claims && screen.kind !== 'coaching' && (
          <button
            type="button"
            class="icon"
            data-testid="nav-coaching"
            onClick={() => setScreen({ kind: 'coaching' })}
          >
            {t('coaching.nav')}
            {coaching.reminders.length > 0 && ` (${coaching.reminders.length})`}
          </button>
        )}
        {claims && screen.kind !== 'review' && (
          <button
            type="button"
            class="icon"
            data-testid="nav-reviews"
            onClick={() => setScreen({ kind: 'review' })}
          >
            {t('review.nav')}
          </button>
        )}
        {claims && <StatusBadge state={team.connection} t={t} />}
        <button
          type="button"
          class="icon"
          data-testid="nav-settings"
          title={t('nav.settings')}
          aria-label={t('nav.settings')}
          onClick={() => setScreen({ kind: 'settings' })}
        >
          ⚙
        </button>
      </header>
      {message && (
        <p
          class={`banner banner-${team.connection.status}`}
          data-testid="connection-message"
          role="note"
        >
          {message}
        </p>
      )}
      {asideCount > 0 && (
        <p class="banner banner-restored" data-testid="restored-message" role="alert">
          {t('status.restored')}
        </p>
      )}
      <main class="content">{body}</main>
    </div>
  );
}
