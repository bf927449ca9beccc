import type { ReactNode } from 'react';
import { LogOut, PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { SidebarNav } from './sidebar-nav';
import { inNavigationOrder, type PageEntry } from './pages';
import { usePageShortcuts } from './page-shortcuts';
import { useSidebarCollapsed } from './use-sidebar-collapsed';
import './app-layout.css';

export interface AppLayoutProps {
  children: ReactNode;
  /** The pages to offer; empty before sign-in. */
  pages: readonly PageEntry[];
  currentPath: string | null;
  onSignOut: (() => void) | null;
}

/** A collapsible left sidebar (product name, pages grouped by purpose, Sign out in the browser panel); then the page. */
export function AppLayout({ children, pages, currentPath, onSignOut }: AppLayoutProps) {
  const [collapsed, toggleCollapsed] = useSidebarCollapsed();
  const ordered = inNavigationOrder(pages);
  usePageShortcuts(ordered.map((page) => page.path));
  const ToggleIcon = collapsed ? PanelLeftOpen : PanelLeftClose;
  return (
    <div className={collapsed ? 'app app-sidebar-collapsed' : 'app'}>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="sidebar-inner">
          <div className="sidebar-brand">
            <span className="sidebar-logo" aria-hidden="true">
              CP
            </span>
            <span className="sidebar-label">CLI Proxy Desktop</span>
          </div>
          {ordered.length > 0 && <SidebarNav pages={ordered} currentPath={currentPath} />}
          <div className="sidebar-footer">
            {onSignOut !== null && (
              <button type="button" className="sidebar-button" onClick={onSignOut} title="Sign out">
                <LogOut aria-hidden="true" size={18} />
                <span className="sidebar-label">Sign out</span>
              </button>
            )}
            <button
              type="button"
              className="sidebar-button"
              onClick={toggleCollapsed}
              title={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            >
              <ToggleIcon aria-hidden="true" size={18} />
              <span className="sidebar-label">{collapsed ? 'Expand sidebar' : 'Collapse sidebar'}</span>
            </button>
          </div>
        </div>
      </aside>
      <main className="app-main">{children}</main>
    </div>
  );
}
