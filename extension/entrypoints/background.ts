import {
  FOCUS_KEY,
  personOfNotification,
  REMINDER_ALARM,
  REMINDER_PERIOD_MINUTES,
  runReminderCheck,
  type ReminderCheck,
} from '../src/coaching/background-reminders.ts';
import { NOTIFICATION_ICON } from '../src/coaching/notification-icon.ts';
import { createDocDb } from '../src/store/doc-db.ts';

/** Firefox's sidebar API, missing from the Chrome-based `browser` types. */
interface SidebarAction {
  toggle(): Promise<void>;
  open?(): Promise<void>;
}

/** What the worker exposes on its global scope: the same functions its listeners call. */
export interface FirstlineBackground {
  runReminders(): Promise<ReminderCheck>;
  onNotificationClicked(id: string): Promise<void>;
}

export default defineBackground(() => {
  if (import.meta.env.CHROME) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  }
  const sidebar = (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
  if (import.meta.env.FIREFOX) {
    // Firefox has no "open on action click" setting: toggle the sidebar from the button. The
    // call stays synchronous inside the listener, which Firefox requires for a user action.
    const action =
      browser.action ??
      (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
    action?.onClicked.addListener(() => void sidebar?.toggle());
  }

  const db = createDocDb();
  // One check at a time: an alarm during a slow sync must not notify the same reminder twice.
  let running: Promise<ReminderCheck> | null = null;
  const runReminders = (): Promise<ReminderCheck> => {
    running ??= runReminderCheck({
      db,
      now: new Date(),
      notify: async (id, title, message) => {
        await browser.notifications.create(id, {
          type: 'basic',
          iconUrl: NOTIFICATION_ICON,
          title,
          message,
          priority: 1,
        });
      },
    }).finally(() => {
      running = null;
    });
    return running;
  };

  // A click opens the panel on that person: the panel watches FOCUS_KEY; the panel itself is
  // opened if the browser lets us (a notification click counts as a user action in Chrome).
  const onNotificationClicked = async (id: string): Promise<void> => {
    const personId = personOfNotification(id);
    if (personId === null) return;
    await browser.storage.local.set({ [FOCUS_KEY]: { personId, at: Date.now() } });
    await browser.notifications.clear(id);
    try {
      if (import.meta.env.CHROME) {
        const win = await browser.windows.getLastFocused();
        if (win.id !== undefined) await browser.sidePanel.open({ windowId: win.id });
      } else await sidebar?.open?.();
    } catch {
      // No window or no user gesture: open the panel page in a tab unless one is already open.
      const url = browser.runtime.getURL('/sidepanel.html');
      const tabs = await browser.tabs.query({ url: `${url}*` });
      if (tabs.length === 0) await browser.tabs.create({ url: `${url}?person=${personId}` });
    }
  };

  void browser.alarms.get(REMINDER_ALARM).then((existing) => {
    if (!existing) {
      void browser.alarms.create(REMINDER_ALARM, {
        delayInMinutes: 1,
        periodInMinutes: REMINDER_PERIOD_MINUTES,
      });
    }
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void runReminders();
  });
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));

  // The same functions the listeners call, for end-to-end tests driving the worker.
  (globalThis as unknown as { firstlineBackground: FirstlineBackground }).firstlineBackground = {
    runReminders,
    onNotificationClicked,
  };
});
