/**
 * Which server URL the panel has synced with since it was set, so a wrong address (nothing
 * listening, a typo) is told apart from a server that was reachable and is down for now: the
 * first gets "cannot reach the server", the second the ordinary offline hint. Kept in
 * browser.storage.local apart from the settings, so saving the settings form cannot clear it.
 */
export const REACHED_SERVER_KEY = 'firstline.reachedServer';

/** The last server URL a document synced with, or null when none ever did. */
export async function loadReachedServer(): Promise<string | null> {
  const stored = await browser.storage.local.get(REACHED_SERVER_KEY);
  const value = stored[REACHED_SERVER_KEY];
  return typeof value === 'string' ? value : null;
}

/** Remembers that `serverUrl` answered (a document synced with it). */
export async function markServerReached(serverUrl: string): Promise<void> {
  await browser.storage.local.set({ [REACHED_SERVER_KEY]: serverUrl });
}
