/**
 * Asks for access to the configured server's origin, so the HR page's `fetch` is not blocked by
 * CORS. localhost is granted in the manifest; any other server is an optional permission the
 * browser asks the user about. Must be called from a click (browsers require a user gesture).
 * Resolves to false when the user declines or the URL is not http(s); sync does not need it
 * (WebSockets are not subject to CORS), only the HR page does.
 */
export async function requestServerAccess(serverUrl: string): Promise<boolean> {
  let origin: string;
  try {
    const url = new URL(serverUrl.replace(/^ws(s?):\/\//i, 'http$1://'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    origin = `${url.protocol}//${url.hostname}/*`;
  } catch {
    return false;
  }
  try {
    const origins = [origin];
    if (await browser.permissions.contains({ origins })) return true;
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}
