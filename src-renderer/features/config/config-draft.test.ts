import { describe, expect, it } from 'vitest';
import { diskChanged, editDraft, hasUnsavedEdits, keepDraft, loadedDraft, savedDraft, takeDiskVersion } from './config-draft';

describe('the editor draft against config.yaml on disk', () => {
  it('follows the file while there are no unsaved edits', () => {
    const state = diskChanged(loadedDraft('a: 1\n'), 'a: 2\n');
    expect(state).toEqual({ disk: 'a: 2\n', draft: 'a: 2\n', conflict: null });
  });

  it('keeps unsaved edits when the file changes and holds the new file as a conflict', () => {
    const edited = editDraft(loadedDraft('a: 1\n'), 'a: 1\nb: 2\n');
    expect(hasUnsavedEdits(edited)).toBe(true);
    const state = diskChanged(edited, 'a: 3\n');
    expect(state).toEqual({ disk: 'a: 1\n', draft: 'a: 1\nb: 2\n', conflict: 'a: 3\n' });
    expect(takeDiskVersion(state)).toEqual({ disk: 'a: 3\n', draft: 'a: 3\n', conflict: null });
    expect(keepDraft(state)).toEqual({ disk: 'a: 3\n', draft: 'a: 1\nb: 2\n', conflict: null });
  });

  it('sees no conflict when the file now equals the draft (its own save arriving as config.changed)', () => {
    const edited = editDraft(loadedDraft('a: 1\n'), 'a: 2\n');
    expect(diskChanged(edited, 'a: 2\n')).toEqual({ disk: 'a: 2\n', draft: 'a: 2\n', conflict: null });
  });

  it('after a save, edits typed meanwhile stay unsaved', () => {
    const typing = editDraft(loadedDraft('a: 1\n'), 'a: 2\nb: 1\n');
    const state = savedDraft(typing, 'a: 2\n');
    expect(state.disk).toBe('a: 2\n');
    expect(hasUnsavedEdits(state)).toBe(true);
  });
});
