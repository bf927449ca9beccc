import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react';
import type { PageProps } from '../../app/page-props';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { editDraft, hasUnsavedEdits, keepDraft, loadedDraft, savedDraft, takeDiskVersion } from './config-draft';
import { describeSaveOutcome, type SaveOutcome } from './describe-save-outcome';
import { ProblemList } from './problem-list';
import { problemsToDiagnostics } from './problems-to-diagnostics';
import { SavePreview } from './save-preview';
import { SaveOutcomeMessage } from './save-outcome-message';
import { useConfigCheck } from './use-config-check';
import { useConfigFile } from './use-config-file';
import type { YamlEditorHandle } from './yaml-editor';
import './config.css';
import { PageHeader } from '../../ui/page-header';

// CodeMirror is most of this page's code: loaded when the page opens, not with the app.
const YamlEditor = lazy(() => import('./yaml-editor').then((module) => ({ default: module.YamlEditor })));
// The forms read YAML with the `yaml` package: loaded with the page too.
const ConfigForms = lazy(() => import('./config-forms').then((module) => ({ default: module.ConfigForms })));

/**
 * config.yaml in a YAML editor: checked by the engine as the user types (markers + a list), a diff
 * before saving, and what the save did. Save stays off until the current text passed the check, and the
 * engine refuses an invalid text anyway, so nothing invalid is ever written.
 */
export function ConfigPage({ client }: PageProps) {
  const titleId = useId();
  const problemsId = useId();
  const file = useConfigFile(client);
  const { draft, setDraft } = file;
  const text = draft?.draft ?? null;
  const checked = useConfigCheck(client, text);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const editor = useRef<YamlEditorHandle>(null);

  const current = checked.check !== null && checked.checkedText === text;
  // While a newer text waits for its check, the last check's problems stay listed (Save stays off).
  const problems = checked.check?.problems ?? [];
  const diagnostics = useMemo(() => (current && checked.checkedText !== null ? problemsToDiagnostics(checked.check?.problems ?? [], checked.checkedText) : []), [current, checked]);
  const unsaved = draft !== null && hasUnsavedEdits(draft);
  const canSave = unsaved && current && checked.check?.ok === true;

  const save = async () => {
    if (text === null) return;
    setSaving(true);
    const result = await client.invoke('config.save', { text });
    setSaving(false);
    if (!result.ok) {
      setOutcome({ tone: 'error', title: `Not saved: ${result.error.message}`, details: ['config.yaml is unchanged. Check that the proxy is running, then save again.'] });
      return;
    }
    setOutcome(describeSaveOutcome(result.value));
    if (result.value.saved) {
      setDraft((state) => savedDraft(state, text));
      setPreviewing(false);
      // The engine may rewrite what it saved (a plaintext management secret becomes its hash).
      file.reread();
    }
  };

  return (
    <section className="page config-page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Config" description="The engine's config.yaml" />
      <p className="hint config-intro">
        {file.path === null ? 'config.yaml' : <code>{file.path}</code>}: checked as you type; Save shows the changes first. Comments and layout are kept.
      </p>
      {file.failure !== null && draft === null && (
        <p role="alert" className="message message-error">
          Could not read config.yaml: {file.failure.message} Check that the proxy is running, then open this page again.
        </p>
      )}
      {draft !== null && (
        <Suspense fallback={null}>
          <ConfigForms client={client} text={draft.disk} />
        </Suspense>
      )}
      {draft?.conflict != null && (
        <div role="alert" className="card config-conflict">
          <p>config.yaml changed on disk while you were editing. Your edits are not saved.</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => setDraft(takeDiskVersion)}>
              Load the file from disk
            </button>
            <button type="button" className="button" onClick={() => setDraft(keepDraft)}>
              Keep my edits
            </button>
          </div>
        </div>
      )}
      {file.refusedOnDisk !== null && (
        <div role="alert" className="message message-error">
          config.yaml was changed outside the app, but the new settings have problems and were not applied: the previous settings keep serving. Fix them below and save.
        </div>
      )}
      {draft !== null && text !== null && (
        <>
          <Suspense fallback={<p className="hint">Loading the editor…</p>}>
            <YamlEditor ref={editor} value={text} onChange={(next) => setDraft((state) => editDraft(state, next))} diagnostics={diagnostics} label="config.yaml" />
          </Suspense>
          <p id={problemsId} className={problems.length > 0 ? 'config-check message-error' : 'config-check'} role="status">
            {checkSummary(current, problems.length, checked.failure?.message ?? null)}
          </p>
          <ProblemList problems={problems} labelledBy={problemsId} onGoTo={(line, column) => editor.current?.goTo(line, column)} />
          {!previewing && (
            <div className="actions">
              <button type="button" className="button button-primary" disabled={!canSave} onClick={() => { setOutcome(null); setPreviewing(true); }}>
                Review and save…
              </button>
              <button type="button" className="button" disabled={!unsaved} onClick={() => setConfirmingDiscard(true)}>
                Discard changes
              </button>
            </div>
          )}
          {previewing && <SavePreview before={draft.disk} after={text} canSave={canSave} saving={saving} onSave={() => void save()} onCancel={() => setPreviewing(false)} />}
        </>
      )}
      {outcome !== null && <SaveOutcomeMessage outcome={outcome} />}
      <ConfirmDialog
        open={confirmingDiscard}
        title="Discard your changes?"
        confirmLabel="Discard changes"
        onConfirm={() => {
          setConfirmingDiscard(false);
          setPreviewing(false);
          setDraft((state) => loadedDraft(state.disk));
        }}
        onCancel={() => setConfirmingDiscard(false)}
      >
        <p>The editor goes back to config.yaml as it is on disk.</p>
      </ConfirmDialog>
    </section>
  );
}

function checkSummary(current: boolean, problemCount: number, failure: string | null): string {
  if (failure !== null) return `Could not check the text: ${failure}`;
  if (!current) return 'Checking…';
  if (problemCount === 0) return 'No problems found.';
  return `${problemCount === 1 ? '1 problem' : `${problemCount} problems`}: fix ${problemCount === 1 ? 'it' : 'them'} to save.`;
}
