/**
 * Configuration from Storybook parameters (`parameters.ensemble`) and globals (`ensembleUser`).
 * Pure except `devToken`, which calls the server.
 */

export interface EnsembleUser {
  name: string;
  /** `#rrggbb`; the server picks one when omitted (dev tokens). */
  color?: string;
}

export interface TokenGrant {
  /** JWT for the sync endpoint; `undefined` joins without one (dev mode only). */
  token: string | undefined;
  /** Who the token names, for presence (defaults to the requested user). */
  user?: { id?: string; name: string; color?: string };
}

/** Returns a token for `user` on the Ensemble server at `serverUrl`. */
export type TokenProvider = (request: { serverUrl: string; user: EnsembleUser }) => Promise<TokenGrant>;

/** `parameters.ensemble` (project, component or story level; Storybook merges them). */
export interface EnsembleParameters {
  /** Turn multiplayer off (e.g. for one story). */
  disable?: boolean;
  /**
   * http(s) URL of the Ensemble server. Default: the page's own origin, i.e. Storybook served behind
   * the same origin as Ensemble (the dev server proxies `/api` and `/sync`; see docs/storybook.md).
   */
  serverUrl?: string;
  /** Default: `devToken` (`POST <serverUrl>/api/v1/dev/token`, dev mode servers only). */
  token?: TokenProvider;
  /** Room of a story; default `story:<storyId>`. */
  room?: (storyId: string) => string;
  /** Args never shared (e.g. ones holding secrets or huge data). */
  exclude?: string[];
  /** Show others' cursors on the canvas (default true). */
  cursors?: boolean;
  /** Cursor updates per second, at most 30 (default 30). */
  cursorHz?: number;
}

export interface ResolvedConfig {
  serverUrl: string;
  syncUrl: string;
  token: TokenProvider;
  room: string;
  exclude: string[];
  cursors: boolean;
  cursorHz: number;
}

export const MAX_CURSOR_HZ = 30;

/** `http://host:4400/` → `ws://host:4400/sync` (https → wss). */
export function syncUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`ensemble.serverUrl must be an http(s) URL, got ${serverUrl}`);
  }
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/sync`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Dev mode servers hand out tokens to anyone: `POST /api/v1/dev/token { name, color? }`. */
export const devToken: TokenProvider = async ({ serverUrl, user }) => {
  const response = await fetch(new URL('/api/v1/dev/token', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user.color ? { name: user.name, color: user.color } : { name: user.name }),
  });
  if (!response.ok) {
    throw new Error(
      `dev token refused (${response.status}): is the Ensemble server in dev mode? ` +
        'Otherwise set parameters.ensemble.token.',
    );
  }
  const body = (await response.json()) as {
    token: string;
    user: { id: string; name: string; color: string };
  };
  return { token: body.token, user: body.user };
};

export function resolveConfig(
  parameters: EnsembleParameters | undefined,
  storyId: string,
  pageOrigin: string,
): ResolvedConfig | undefined {
  const p = parameters ?? {};
  if (p.disable) return undefined;
  const serverUrl = p.serverUrl ?? pageOrigin;
  return {
    serverUrl,
    syncUrl: syncUrlOf(serverUrl),
    token: p.token ?? devToken,
    room: p.room ? p.room(storyId) : `story:${storyId}`,
    exclude: p.exclude ?? [],
    cursors: p.cursors ?? true,
    cursorHz: Math.min(MAX_CURSOR_HZ, Math.max(1, p.cursorHz ?? MAX_CURSOR_HZ)),
  };
}

const NAME_KEY = 'ensemble:storybook-user';

/**
 * The viewer's name: the `ensembleUser` global when set (URL `&globals=ensembleUser:Ada`, or the
 * panel's name field), else the last one used in this browser, else a generated guest name.
 */
export function userNameOf(
  global: unknown,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
): string {
  const fromGlobal = typeof global === 'string' ? global.trim().slice(0, 64) : '';
  if (fromGlobal) {
    storage?.setItem(NAME_KEY, fromGlobal);
    return fromGlobal;
  }
  const stored = storage?.getItem(NAME_KEY)?.trim();
  if (stored) return stored;
  const guest = `Guest ${Math.floor(1000 + Math.random() * 9000)}`;
  storage?.setItem(NAME_KEY, guest);
  return guest;
}
