import { RoomList } from '../studio/RoomList';
import '../studio/studio.css';

export function StudioPage() {
  return (
    <div className="page" data-testid="studio-page">
      <title>Studio · Ensemble</title>
      <header className="page-header">
        <h1>Studio</h1>
        <p className="page-lede">
          A multiplayer IDE: node graphs, a scene tree and inspector, shader graphs, a timeline, console, chat
          and replay, all edited live with your team.
        </p>
      </header>
      <RoomList />
    </div>
  );
}
