import { pageGroups, type PageEntry } from './pages';
import { pageShortcutOf } from './page-shortcuts';

/** The pages (in navigation order) as icon + label links, grouped by purpose; each says its shortcut (tooltip and aria-keyshortcuts). */
export function SidebarNav({ pages, currentPath }: { pages: readonly PageEntry[]; currentPath: string | null }) {
  return (
    <nav aria-label="Pages" className="sidebar-nav">
      {pageGroups.map((group) => {
        const members = pages.filter((page) => page.group === group);
        if (members.length === 0) return null;
        return (
          <div key={group} className="sidebar-group">
            <p className="sidebar-group-title sidebar-label" aria-hidden="true">
              {group}
            </p>
            <ul className="sidebar-list">
              {members.map((page) => {
                const shortcut = pageShortcutOf(pages.indexOf(page));
                const Icon = page.icon;
                return (
                  <li key={page.path}>
                    <a
                      href={`#/${page.path}`}
                      className="sidebar-link"
                      aria-current={page.path === currentPath ? 'page' : undefined}
                      aria-keyshortcuts={shortcut ?? undefined}
                      title={shortcut === null ? page.title : `${page.title} (${shortcut})`}
                    >
                      <Icon aria-hidden="true" size={18} />
                      <span className="sidebar-label">{page.title}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
