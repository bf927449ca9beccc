import { EditorView } from '@codemirror/view';

/**
 * Typing over a selection that spans lines is done here instead of by the browser. Chromium's own
 * contenteditable editing merges the selected line elements and adds a style attribute while doing so;
 * the panel's CSP (no 'unsafe-inline') blocks it and reports a violation. CodeMirror would redraw
 * correctly anyway, but the report is noise that hides real CSP problems.
 */
export const replaceSelectionInput = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.data === null || event.isComposing) return false;
    const spansLines = view.state.selection.ranges.some((range) => !range.empty && view.state.doc.lineAt(range.from).number !== view.state.doc.lineAt(range.to).number);
    if (!spansLines) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});
