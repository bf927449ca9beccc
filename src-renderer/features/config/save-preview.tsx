import { useMemo } from 'react';
import { diffLines } from '../../../src-shared/line-diff';
import { Card } from '../../ui/card';
import { DiffList } from './diff-list';

export interface SavePreviewProps {
  before: string;
  after: string;
  canSave: boolean;
  saving: boolean;
  onSave(): void;
  onCancel(): void;
}

/** What Save will change in config.yaml, as a folded line diff, with the Save button under it. */
export function SavePreview({ before, after, canSave, saving, onSave, onCancel }: SavePreviewProps) {
  const diff = useMemo(() => diffLines(before, after), [before, after]);
  return (
    <Card title="Changes to save" className="save-preview">
      <DiffList diff={diff} label="Changed lines" />
      <div className="actions">
        <button type="button" className="button button-primary" disabled={!canSave || saving} onClick={onSave}>
          {saving ? 'Saving…' : 'Save config.yaml'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Back to editing
        </button>
      </div>
    </Card>
  );
}
