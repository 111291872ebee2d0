import { Panel } from './Panel';
import type { PanelSpec } from './PanelLayout';

/**
 * Chat + comments, the shared assistant and the activity stream. TODO(studio): their client APIs
 * (`room.chat`, `room.assistant`, `room.activity`) are being built; until they land these panels say so.
 */
export function extraPanels(_options: { graphNode: string | null }): {
  panels: PanelSpec[];
  comments: ReadonlyMap<string, number> | undefined;
} {
  const todo = (id: string, title: string, text: string): PanelSpec => ({
    id,
    title,
    area: id,
    render: ({ hideTitle }) => (
      <Panel id={id} title={title} hideTitle={hideTitle}>
        <p className="muted" data-testid={`${id}-todo`}>
          {text}
        </p>
      </Panel>
    ),
  });
  return {
    comments: undefined,
    panels: [
      todo('chat', 'Chat', 'Chat and comments arrive with the chat service.'),
      todo('assistant', 'Assistant', 'The shared assistant arrives with the assistant service.'),
      todo('activity', 'Activity', 'The activity stream arrives with the activity service.'),
    ],
  };
}
