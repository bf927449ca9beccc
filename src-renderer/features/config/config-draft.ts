/**
 * The editor's text against the file on disk. `disk` is the file as last read or saved; `draft` is the
 * editor; `conflict` holds a newer file text that arrived while the draft had unsaved edits.
 */
export interface ConfigDraft {
  disk: string;
  draft: string;
  conflict: string | null;
}

export function loadedDraft(text: string): ConfigDraft {
  return { disk: text, draft: text, conflict: null };
}

export function hasUnsavedEdits(state: ConfigDraft): boolean {
  return state.draft !== state.disk;
}

export function editDraft(state: ConfigDraft, text: string): ConfigDraft {
  return { ...state, draft: text };
}

/**
 * The file changed on disk (config.changed): without unsaved edits the editor follows it; with them the
 * change waits as a conflict for the user to decide. A file that now equals the draft (our own save,
 * or the same edit made elsewhere) is no conflict.
 */
export function diskChanged(state: ConfigDraft, text: string): ConfigDraft {
  if (text === state.draft) return { disk: text, draft: text, conflict: null };
  if (!hasUnsavedEdits(state)) return loadedDraft(text);
  return { ...state, conflict: text };
}

/** Replace the edits with the file from disk. */
export function takeDiskVersion(state: ConfigDraft): ConfigDraft {
  return state.conflict === null ? state : loadedDraft(state.conflict);
}

/** Keep the edits; the diff and Save now compare with the newer file. */
export function keepDraft(state: ConfigDraft): ConfigDraft {
  return state.conflict === null ? state : { disk: state.conflict, draft: state.draft, conflict: null };
}

/** `text` was saved; edits typed while saving stay unsaved edits. */
export function savedDraft(state: ConfigDraft, text: string): ConfigDraft {
  return { disk: text, draft: state.draft, conflict: null };
}
