import { useEffect } from 'react';
import type { ControlClient } from '../control-client/control-client';

/**
 * Desktop app: a login started from the tray opens the dashboard; this brings the Accounts page forward,
 * where the login's progress and fallbacks are. The browser panel stays where the user is.
 */
export function useShowAccountsOnLogin(client: ControlClient): void {
  useEffect(() => showAccountsOnLogin(client, window.location), [client]);
}

/** Subscribes (desktop only) and returns the unsubscribe for the effect. */
export function showAccountsOnLogin(client: Pick<ControlClient, 'capabilities' | 'on'>, location: { hash: string }): (() => void) | undefined {
  if (!client.capabilities.appSettings) return undefined;
  return client.on('login.started', () => {
    if (location.hash !== '#/accounts') location.hash = '#/accounts';
  });
}
