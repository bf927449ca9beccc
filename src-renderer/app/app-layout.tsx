import type { ReactNode } from 'react';

/** Header with the product name (and Sign out in the browser panel), then the page. */
export function AppLayout({ children, onSignOut }: { children: ReactNode; onSignOut: (() => void) | null }) {
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">CLI Proxy Desktop</span>
        {onSignOut !== null && (
          <button type="button" className="button button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}
