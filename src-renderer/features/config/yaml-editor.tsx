import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { editorTheme } from './editor-theme';
import { replaceSelectionInput } from './replace-selection-input';

export interface YamlEditorProps {
  /** The text to show; a change from outside (a reload from disk) replaces the editor's text. */
  value: string;
  onChange(text: string): void;
  diagnostics: readonly Diagnostic[];
  /** The accessible name of the text area. */
  label: string;
  ref?: Ref<YamlEditorHandle>;
}

export interface YamlEditorHandle {
  /** Focus the editor with the cursor at a 1-based line and column (clamped to the text). */
  goTo(line: number, column: number | null): void;
}

/**
 * CodeMirror 6 for YAML, mounted inside a shadow root. Why: CodeMirror injects its styles at run time;
 * into a document it adds a <style> element, which the control panel's CSP (no 'unsafe-inline') blocks,
 * but into a shadow root it uses a constructed stylesheet (adoptedStyleSheets), which CSP does not
 * govern. So the editor works under the strict CSP unchanged.
 */
export function YamlEditor({ value, onChange, diagnostics, label, ref }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          editorTheme,
          replaceSelectionInput,
          // tabindex: axe does not count contenteditable as focusable, so the scrolling editor would look unreachable.
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latestOnChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once per label; `value` and `diagnostics` reach the live editor through the effects below.
  }, [label]);

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const editor = view.current;
      if (editor === null) return;
      const { doc } = editor.state;
      const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const at = Math.min(target.from + Math.max((column ?? 1) - 1, 0), target.to);
      editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      editor.focus();
    },
  }));

  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const length = editor.state.doc.length;
    const clamped = diagnostics.map((each) => ({ ...each, from: Math.min(each.from, length), to: Math.min(each.to, length) }));
    editor.dispatch(setDiagnostics(editor.state, clamped));
  }, [diagnostics]);

  return <div ref={host} className="yaml-editor" />;
}
