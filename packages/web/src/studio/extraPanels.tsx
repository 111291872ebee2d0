import type { Room } from '@ensemble/client';
import { Panel } from './Panel';
import type { PanelSpec } from './PanelLayout';
import { ActivityPanel } from './panels/ActivityPanel';
import { AssistantPanel } from './panels/AssistantPanel';
import { ChatPanel, ChatUnreadBadge } from './panels/ChatPanel';
import { useComments } from './panels/useComments';

/** Chat + comments, the shared assistant and the activity stream, and comment counts for the graph. */
export function useCollabPanels(
  room: Room,
  { graphNode }: { graphNode: string | null },
): {
  panels: PanelSpec[];
  comments: ReadonlyMap<string, number>;
} {
  const { comments, counts, reload } = useComments(room);
  return {
    comments: counts,
    panels: [
      {
        id: 'chat',
        title: 'Chat',
        area: 'chat',
        badge: <ChatUnreadBadge />,
        render: ({ hideTitle }) => (
          <Panel id="chat" title="Chat and comments" hideTitle={hideTitle} actions={<ChatUnreadBadge />}>
            <ChatPanel graphNode={graphNode} comments={comments} reloadComments={reload} />
          </Panel>
        ),
      },
      {
        id: 'assistant',
        title: 'Assistant',
        area: 'assistant',
        render: ({ hideTitle }) => (
          <Panel id="assistant" title="Assistant" hideTitle={hideTitle}>
            <AssistantPanel />
          </Panel>
        ),
      },
      {
        id: 'activity',
        title: 'Activity',
        area: 'activity',
        render: ({ hideTitle }) => (
          <Panel id="activity" title="Activity" hideTitle={hideTitle}>
            <ActivityPanel />
          </Panel>
        ),
      },
    ],
  };
}
