/**
 * The icon of reminder notifications, inlined: Chrome requires an icon for a notification and the
 * extension ships no image files yet. A 48x48 PNG (a small bar chart), 139 bytes.
 */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAUklEQVR42u3YwQkAIAwEwXRiiRZi0VqBIBgkwizcP/NNhCSVrPUxKw0AAAAgd7sAAAAA7gEnxwEAAAAA/AnIOg4AAAAAAADAYwsAAKAuQJKetAD3KegV5Cr6JgAAAABJRU5ErkJggg==';
