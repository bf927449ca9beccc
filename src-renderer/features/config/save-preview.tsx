import { useId, useMemo } from 'react';
import { diffLines } from '../../../src-shared/line-diff';
import { collapseUnchanged } from './collapse-unchanged';

export interface SavePreviewProps {
  before: string;
  after: string;
  canSave: boolean;
  saving: boolean;
  onSave(): void;
  onCancel(): void;
}

const marks = { same: ' ', added: '+', removed: '-' } as const;
const names = { same: 'unchanged', added: 'added', removed: 'removed' } as const;

/** What Save will change in config.yaml, as a folded line diff, with the Save button under it. */
export function SavePreview({ before, after, canSave, saving, onSave, onCancel }: SavePreviewProps) {
  const titleId = useId();
  const items = useMemo(() => collapseUnchanged(diffLines(before, after)), [before, after]);
  return (
    <section className="card save-preview" aria-labelledby={titleId}>
      <h2 id={titleId}>Changes to save</h2>
      <ol className="diff" aria-label="Changed lines">
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
      <div className="actions">
        <button type="button" className="button button-primary" disabled={!canSave || saving} onClick={onSave}>
          {saving ? 'Saving…' : 'Save config.yaml'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Back to editing
        </button>
      </div>
    </section>
  );
}
