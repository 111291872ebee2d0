/** Studio rooms are `studio:<name>` on the server; URLs and the room list use `<name>`. */
export const STUDIO_PREFIX = 'studio:';
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function studioRoomName(name: string): string {
  return `${STUDIO_PREFIX}${name}`;
}

/** Turns what someone typed into a room name (`My Scene!` → `my-scene`), or explains why it cannot. */
export function normalizeRoomName(input: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = input
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!name) return { ok: false, error: 'Use letters or digits in the room name.' };
  if (!NAME.test(name)) return { ok: false, error: 'A room name is at most 63 characters.' };
  return { ok: true, name };
}
