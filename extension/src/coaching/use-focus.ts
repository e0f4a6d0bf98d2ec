import { useEffect } from 'preact/hooks';
import { FOCUS_KEY } from './background-reminders.ts';

/** A request to open a person, written by the background worker when a notification is clicked. */
interface FocusRequest {
  personId: string;
  at: number;
}

function asRequest(value: unknown): FocusRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { personId, at } = value as Partial<FocusRequest>;
  return typeof personId === 'string' && typeof at === 'number' ? { personId, at } : null;
}

/** Requests older than this are ignored when the panel opens (an old click is not a new wish). */
const FRESH_MS = 60_000;

/**
 * Opens the person a notification was about: on a request written while the panel is open, on
 * a fresh request found when the panel opens (the click opened the panel), and on `?person=` in
 * the URL (the fallback tab the worker opens when it cannot open the side panel).
 */
export function useFocusRequests(open: (personId: string) => void): void {
  useEffect(() => {
    const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('person');
    if (fromUrl) open(fromUrl);
    void browser.storage.local.get(FOCUS_KEY).then((stored) => {
      const request = asRequest(stored[FOCUS_KEY]);
      if (request && Date.now() - request.at < FRESH_MS) open(request.personId);
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      const request = area === 'local' ? asRequest(changes[FOCUS_KEY]?.newValue) : null;
      if (request) open(request.personId);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}
