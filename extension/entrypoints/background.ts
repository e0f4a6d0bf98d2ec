/** Firefox's sidebar API, missing from the Chrome-based `browser` types. */
interface SidebarAction {
  toggle(): Promise<void>;
}

export default defineBackground(() => {
  if (import.meta.env.CHROME) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  }
  if (import.meta.env.FIREFOX) {
    // Firefox has no "open on action click" setting: toggle the sidebar from the button. The
    // call stays synchronous inside the listener, which Firefox requires for a user action.
    const sidebar = (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
    const action =
      browser.action ??
      (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
    action?.onClicked.addListener(() => void sidebar?.toggle());
  }
});
