import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Servers the HR page may fetch from without asking; any other server is asked for on save. */
const LOCAL_SERVERS = ['http://localhost/*', 'http://127.0.0.1/*'];
const OTHER_SERVERS = ['http://*/*', 'https://*/*'];

export default defineConfig({
  srcDir: '.',
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Firstline',
    description: 'Goals, coaching, reviews and feedback for line managers.',
    permissions: ['storage', 'alarms', 'notifications'],
    // The toolbar button opens the side panel (Chrome) or toggles the sidebar (Firefox).
    action: { default_title: 'Firstline' },
    // The HR page fetches the aggregates API (sync uses WebSockets, which need no host
    // permission). WXT moves host_permissions into `permissions` for MV2 but drops the optional
    // ones, so MV2 gets them as `optional_permissions` by hand.
    host_permissions: LOCAL_SERVERS,
    ...(manifestVersion === 3
      ? { optional_host_permissions: OTHER_SERVERS }
      : { optional_permissions: OTHER_SERVERS }),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'firstline@firstline.local' } } }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
});
