import { useId, type ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';

export interface CardProps {
  title: string;
  icon?: LucideIcon;
  /** A link or button on the title's right (e.g. "Open logs"). */
  action?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled surface: a section named by its h2, an optional icon and header action. */
export function Card({ title, icon: Icon, action, className, children }: CardProps) {
  const titleId = useId();
  return (
    <section className={className === undefined ? 'card' : `card ${className}`} aria-labelledby={titleId}>
      <div className="card-header">
        <h2 id={titleId} className="card-title">
          {Icon !== undefined && <Icon aria-hidden="true" size={16} />}
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}
