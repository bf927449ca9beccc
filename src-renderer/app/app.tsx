import { useCallback, useMemo, useState } from 'react';
import type { ControlClient } from '../control-client/control-client';
import { reportUnauthorized } from '../control-client/report-unauthorized';
import { useAppTheme } from '../features/settings/use-app-theme';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { TrayPopover } from '../features/tray-popover/tray-popover';
import { AppLayout } from './app-layout';
import { pages } from './pages';
import { useHashRoute } from './use-hash-route';
import { useShowAccountsOnLogin } from './use-show-accounts-on-login';

/** `#/popover`: the tray popover (macOS, Windows), not a page of the sidebar. */
export const POPOVER_PATH = 'popover';

/**
 * The shell: in a browser, the sign-in form until a management key is stored; then the page the hash
 * names (`#/accounts`), the first of `pages` by default. A key that stops working leads back to sign-in.
 */
export function App({ client }: { client: ControlClient }) {
  const keyStore = client.managementKey;
  const [signedIn, setSignedIn] = useState(() => keyStore === null || keyStore.get() !== null);
  const [signInNotice, setSignInNotice] = useState<string | null>(null);
  const path = useHashRoute();
  useAppTheme(client);
  useShowAccountsOnLogin(client);

  const signOut = useCallback(
    (notice: string | null) => {
      keyStore?.clear();
      setSignInNotice(notice);
      setSignedIn(false);
    },
    [keyStore],
  );
  const pageClient = useMemo(() => reportUnauthorized(client, (message) => signOut(message)), [client, signOut]);

  if (!signedIn && keyStore !== null) {
    return (
      <AppLayout pages={[]} currentPath={null} onSignOut={null}>
        <SignInPage client={client} keyStore={keyStore} notice={signInNotice} onSignedIn={() => setSignedIn(true)} />
      </AppLayout>
    );
  }
  // The tray's compact window: the same app at its own route, without the sidebar.
  if (path === POPOVER_PATH) return <TrayPopover client={pageClient} />;
  const page = pages.find((each) => each.path === path) ?? pages[0];
  if (page === undefined) throw new Error('pages.ts lists no pages');
  return (
    <AppLayout pages={pages} currentPath={page.path} onSignOut={keyStore === null ? null : () => signOut(null)}>
      <page.Component client={pageClient} />
    </AppLayout>
  );
}
