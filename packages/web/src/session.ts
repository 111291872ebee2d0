import type { SessionUser } from './api';

/** What the web app keeps in localStorage under {@link SESSION_KEY}. */
export interface Session {
  token: string;
  /** ISO timestamp; absent when the token carries no expiry. */
  expiresAt?: string;
  user: SessionUser;
}

export const SESSION_KEY = 'ensemble.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Session>;
  const user = candidate.user;
  return (
    typeof candidate.token === 'string' &&
    candidate.token.length > 0 &&
    (candidate.expiresAt === undefined || typeof candidate.expiresAt === 'string') &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    typeof user.name === 'string' &&
    typeof user.color === 'string'
  );
}

export function isExpired(session: Session, now = Date.now()): boolean {
  if (!session.expiresAt) return false;
  const expiry = Date.parse(session.expiresAt);
  return Number.isFinite(expiry) && expiry <= now;
}

/** Reads the stored session; a corrupt or expired entry is removed and reads as signed out. */
export function loadSession(): Session | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isSession(parsed) && !isExpired(parsed)) return parsed;
  } catch {
    // fall through: unreadable entries are dropped
  }
  clearSession();
  return null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // storage unavailable (private mode); nothing to clear
  }
}
