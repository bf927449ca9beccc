import { useMemo } from 'react';
import type { DiffLine } from '../../../src-shared/line-diff';
import { collapseUnchanged } from './collapse-unchanged';
import './config.css';

const marks = { same: ' ', added: '+', removed: '-' } as const;
const names = { same: 'unchanged', added: 'added', removed: 'removed' } as const;

/** A line diff with long unchanged runs folded; each line says to screen readers whether it is added or removed. */
export function DiffList({ diff, label }: { diff: readonly DiffLine[]; label: string }) {
  const items = useMemo(() => collapseUnchanged(diff), [diff]);
  return (
    <ol className="diff" aria-label={label}>
      {items.map((item, index) =>
        item.kind === 'folded' ? (
          <li key={index} className="diff-folded">
            … {item.count} unchanged {item.count === 1 ? 'line' : 'lines'} …
          </li>
        ) : (
          <li key={index} className={`diff-${item.kind}`}>
            <span className="visually-hidden">{names[item.kind]}: </span>
            <span aria-hidden="true" className="diff-mark">
              {marks[item.kind]}
            </span>
            <code>{item.text}</code>
          </li>
        ),
      )}
    </ol>
  );
}
