import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  srcDir: '.',
  manifest: {
    name: 'Firstline',
    description: 'Goals, coaching, reviews and feedback for line managers.',
    permissions: ['storage', 'alarms', 'notifications'],
    browser_specific_settings: { gecko: { id: 'firstline@firstline.local' } },
  },
  vite: () => ({ plugins: [preact()] }),
});
