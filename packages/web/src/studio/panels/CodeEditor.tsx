import { cpp } from '@codemirror/lang-cpp';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';
import { useStudio } from '../StudioContext';

/**
 * The shader code in CodeMirror 6, bound to the shared Y.Text with y-codemirror.next: everyone's
 * caret and selection in their colour with their name. Rebuilt when the room's document is replaced.
 */
export function CodeEditor() {
  const { room, studio, noteEdit } = useStudio();
  const host = useRef<HTMLDivElement>(null);
  const doc = useSyncExternalStore(
    (l) => room.subscribe(l),
    () => room.doc,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `doc` changes when the room reloads its document; rebind then
  useEffect(() => {
    if (!host.current) return;
    const text = studio.shaderCode();
    const undoManager = new Y.UndoManager(text);
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          cpp(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Shader code' }),
          yCollab(text, room.connection.awareness, { undoManager }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && u.transactions.some((t) => t.isUserEvent('input') || t.isUserEvent('delete')))
              noteEdit();
          }),
        ],
      }),
    });
    return () => {
      view.destroy();
      undoManager.destroy();
    };
  }, [room, studio, doc, noteEdit]);
  return <div className="st-code" ref={host} data-testid="code-editor" />;
}
