import type { ReactNode } from 'react';
import type { PageEntry } from './pages';

export interface AppLayoutProps {
  children: ReactNode;
  /** The pages to offer; empty before sign-in. */
  pages: readonly PageEntry[];
  currentPath: string | null;
  onSignOut: (() => void) | null;
}

/** Header with the product name, the page navigation and (browser panel) Sign out; then the page. */
export function AppLayout({ children, pages, currentPath, onSignOut }: AppLayoutProps) {
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">CLI Proxy Desktop</span>
        {pages.length > 0 && (
          <nav aria-label="Pages" className="app-nav">
            {pages.map((page) => (
              <a
                key={page.path}
                href={`#/${page.path}`}
                className="app-nav-link"
                aria-current={page.path === currentPath ? 'page' : undefined}
              >
                {page.title}
              </a>
            ))}
          </nav>
        )}
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
