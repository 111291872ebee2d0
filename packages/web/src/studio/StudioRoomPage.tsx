import { useParams } from 'react-router';
import { useSession } from '../SessionContext';
import { normalizeRoomName } from './logic/roomName';
import { useStudioRoom } from './useStudioRoom';
import { Workspace } from './Workspace';
import './studio.css';
import '@xyflow/react/dist/style.css';

/** `/studio/:room` — joins the room and shows the workspace. */
export function StudioRoomPage() {
  const { room = '' } = useParams();
  const { session } = useSession();
  const valid = normalizeRoomName(room);
  const name = valid.ok && valid.name === room ? room : null;
  const joined = useStudioRoom(name, session?.token ?? '');
  if (!session) return null;
  if (!name) {
    return (
      <div className="card card-error" role="alert">
        <h1>Not a room name</h1>
        <p>Room names use lower-case letters, digits and dashes.</p>
      </div>
    );
  }
  if (!joined) return <p className="loading">Joining {name}…</p>;
  return <Workspace name={name} joined={joined} me={session.user} />;
}
