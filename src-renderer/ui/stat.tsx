import type { ReactNode } from 'react';
import './stat.css';

export interface StatProps {
  label: string;
  /** Already in words ("1.2k", "98%", "…" while unknown). */
  value: string;
  /** The exact number on hover. */
  title?: string;
  /** A small line under the value: a unit, a range, a meter. */
  children?: ReactNode;
}

/** One number with its label; a group of them sits in a <dl className="stats">. */
export function Stat({ label, value, title, children }: StatProps) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd title={title}>{value}</dd>
      {children !== undefined && <dd className="stat-extra">{children}</dd>}
    </div>
  );
}
