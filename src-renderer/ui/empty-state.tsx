import type { ReactNode } from 'react';

/** What an empty list shows: what it is for, and what to do to fill it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      <div className="empty-state-body">{children}</div>
    </div>
  );
}
