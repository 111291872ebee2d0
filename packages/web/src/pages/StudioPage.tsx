import { WorkspacePage } from '../components/WorkspacePage';

export function StudioPage() {
  return (
    <WorkspacePage
      id="studio"
      title="Studio"
      description="A multiplayer IDE: node graphs, a scene tree and inspector, shader graphs, a timeline, console, chat and replay, all edited live with your team."
      emptyHint={<p>Projects you create or are invited to will appear here.</p>}
    />
  );
}
