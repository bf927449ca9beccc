/** What holding needs from an Electron Notification. */
export interface DismissableNotification {
  once(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
}

/**
 * Keeps a shown notification referenced until it is clicked, closed or fails. A notification held only
 * by a local variable is garbage-collected with its click handler while it is still on screen, and a
 * click then does nothing (https://github.com/electron/electron/issues/16922).
 */
export function holdNotification<T extends DismissableNotification>(held: Set<T>, notification: T): void {
  held.add(notification);
  const release = (): void => {
    held.delete(notification);
  };
  notification.once('click', release);
  notification.once('close', release);
  notification.once('failed', release);
}
