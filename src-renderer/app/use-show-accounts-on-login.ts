import { useEffect } from 'react';
import { followLoginRoute } from '../../src-shared/login-follow';
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
  // The login rides in the hash, so an Accounts page mounted by this change (not listening yet) still follows it.
  return client.on('login.started', (started) => {
    location.hash = `#${followLoginRoute({ kind: 'started', start: started })}`;
  });
}
