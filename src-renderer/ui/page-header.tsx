import type { ReactNode } from 'react';
import './page-header.css';

export interface PageHeaderProps {
  /** The h1's id, for the page section's aria-labelledby. */
  titleId: string;
  title: string;
  /** One line under the title: what the page is for. */
  description?: string;
  /** The page's primary action (and at most a few more), on the right. */
  actions?: ReactNode;
}

/** The current page's title and primary action, at the top of every page. */
export function PageHeader({ titleId, title, description, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-heading">
        <h1 id={titleId}>{title}</h1>
        {description !== undefined && <p className="page-description">{description}</p>}
      </div>
      {actions !== undefined && <div className="page-actions">{actions}</div>}
    </header>
  );
}
