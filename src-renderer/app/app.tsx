import { useCallback, useState } from 'react';
import type { ControlClient } from '../control-client/control-client';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AppLayout } from './app-layout';

/**
 * The shell: in a browser, the sign-in form until a management key is stored; then the pages.
 * More pages (accounts, usage, config, logs) join the layout's navigation as they land.
 */
export function App({ client }: { client: ControlClient }) {
  const keyStore = client.managementKey;
  const [signedIn, setSignedIn] = useState(() => keyStore === null || keyStore.get() !== null);
  const [signInNotice, setSignInNotice] = useState<string | null>(null);

  const signOut = useCallback(
    (notice: string | null) => {
      keyStore?.clear();
      setSignInNotice(notice);
      setSignedIn(false);
    },
    [keyStore],
  );

  if (!signedIn && keyStore !== null) {
    return (
      <AppLayout onSignOut={null}>
        <SignInPage client={client} keyStore={keyStore} notice={signInNotice} onSignedIn={() => setSignedIn(true)} />
      </AppLayout>
    );
  }
  return (
    <AppLayout onSignOut={keyStore === null ? null : () => signOut(null)}>
      <DashboardPage client={client} onUnauthorized={(message) => signOut(message)} />
    </AppLayout>
  );
}
