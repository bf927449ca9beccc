import type { StatusTone } from './status-tone';
import './status-chip.css';

/** A short status word in a coloured pill; `title` gives the longer sentence on hover. */
export function StatusChip({ tone, label, title }: { tone: StatusTone; label: string; title?: string | null }) {
  return (
    <span className={`chip chip-${tone}`} title={title ?? undefined}>
      <span className="chip-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
