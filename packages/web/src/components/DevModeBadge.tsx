import { useServerInfo } from '../ServerInfoContext';

/** A loud label so nobody mistakes a dev-mode server (local tokens, no key) for production. */
export function DevModeBadge() {
  const { info } = useServerInfo();
  if (info?.mode !== 'dev') return null;
  return (
    <span
      className="dev-badge"
      data-testid="dev-mode-badge"
      title="This server runs in dev mode: anyone can sign in with a local token. Do not use it for real data."
    >
      DEV MODE
    </span>
  );
}
