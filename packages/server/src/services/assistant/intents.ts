/**
 * What a question to the room facilitator asks for, found with keywords and a few patterns: simple,
 * deterministic, and easy to extend. Anything else is `unknown` (the facilitator then lists what it
 * can answer, or a configured model answers).
 */
export type Since = { at: number } | { lastVersion: true };

export type Intent =
  | { kind: 'help' }
  | { kind: 'who-is-here' }
  | { kind: 'who-changed'; target: string }
  | { kind: 'changes-since'; since: Since | null; said: string }
  | { kind: 'locks' }
  | { kind: 'chat' }
  | { kind: 'activity'; windowMs: number }
  | { kind: 'unknown' };

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  sec: 1_000,
  second: 1_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
};

const DURATION =
  /^(\d+(?:\.\d+)?|an?|one)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/;

/** `5 min`, `2 hours`, `an hour`, `hour`, `90s` → milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  // "the last hour": a bare unit word means one of it.
  const m = DURATION.exec(/^(second|minute|hour|day|week)$/.test(t) ? `1 ${t}` : t);
  if (!m) return null;
  const n = /^\d/.test(m[1]!) ? Number(m[1]) : 1;
  const unit = m[2]!.replace(/s$/, '') || m[2]!;
  const ms = UNIT_MS[unit] ?? UNIT_MS[m[2]!];
  return ms === undefined ? null : n * ms;
}

const startOfUtcDay = (ms: number) => ms - (ms % 86_400_000);

/**
 * A moment people write after "since": `10 minutes ago`, `2025-03-01T10:00Z`, `14:30` (UTC; the last
 * such time that has passed), `today`, `yesterday`, `the last version`. Null when unreadable.
 */
export function parseSince(text: string, now: number): Since | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[?.!]+$/, '')
    .replace(/^the\s+/, '');
  if (/^(last|latest)\s+(named\s+)?(version|save|saved version|checkpoint)$/.test(t))
    return { lastVersion: true };
  if (t === 'today' || t === 'this morning') return { at: startOfUtcDay(now) };
  if (t === 'yesterday') return { at: startOfUtcDay(now) - 86_400_000 };
  const ago = parseDuration(t.replace(/\s+ago$/, '').replace(/^(the\s+)?(last|past)\s+/, ''));
  if (ago !== null) return { at: now - ago };
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(\s*utc|z)?$/.exec(t);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return null;
    let at = startOfUtcDay(now) + ((h * 60 + m) * 60 + s) * 1000;
    if (at > now) at -= 86_400_000;
    return { at };
  }
  if (/\d{4}-\d{2}-\d{2}/.test(t)) {
    const at = Date.parse(text.trim().replace(/[?.!]+$/, ''));
    if (!Number.isNaN(at)) return { at };
  }
  return null;
}

/** `node 7`, `node #7`, `the node:7`, `` `title` `` → the document key people mean. */
export function normalizeTarget(raw: string): string {
  const t = raw
    .trim()
    .replace(/[?.!]+$/, '')
    .replace(/^(the|a)\s+/i, '')
    .replace(/^[`'"]|[`'"]$/g, '');
  const node = /\bnode\s*[:#]?\s*([\w-]+)/i.exec(t);
  if (node) return `node:${node[1]}`;
  return t;
}

const WINDOW_DEFAULT_MS = 15 * 60_000;

/** The window in "in the last 10 min" / "past hour", or the default. */
function windowIn(q: string): number {
  const m = /\b(?:last|past)\s+(.+?)\s*$/.exec(q.replace(/[?.!]+$/, ''));
  return (m && parseDuration(m[1]!)) || WINDOW_DEFAULT_MS;
}

export function parseIntent(question: string, now: number): Intent {
  const q = question.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(help|\?|commands)\b|what can you (do|answer)|how do i use you/.test(q)) return { kind: 'help' };

  const changedBy =
    /\bwho\s+(?:has\s+|have\s+)?(?:changed|edited|modified|touched|updated|moved|deleted|created|added|renamed)\s+(.+)$/i.exec(
      question.trim(),
    ) ??
    /\bwhen\s+(?:was|did|has)\s+(.+?)\s+(?:last\s+)?(?:change|changed|edited|modified|updated)\b/i.exec(
      question.trim(),
    ) ??
    /\bhistory\s+of\s+(.+)$/i.exec(question.trim());
  if (changedBy && !/\bwho\s+changed\s+(what|anything|things|stuff)\b/.test(q)) {
    // "who changed node:7 since…" → the target is the part before the time.
    const target = normalizeTarget(changedBy[1]!.replace(/\s+(since|in the last|today|recently)\b.*$/i, ''));
    if (target) return { kind: 'who-changed', target };
  }

  if (
    /\bwhat(?:'s| has| have)?\s+(?:changed|happened|been changed|is new|new)\b|\bchanges\b|\bwho changed (what|anything)\b/.test(
      q,
    )
  ) {
    const since = /\bsince\s+(.+)$/.exec(q);
    const last = /\b(?:in|during|over)\s+the\s+(?:last|past)\s+(.+?)[?.!]*$/.exec(q);
    const said = since?.[1] ?? (last ? `the last ${last[1]}` : '');
    const parsed = since ? parseSince(since[1]!, now) : last ? parseSince(`last ${last[1]}`, now) : null;
    // With no time at all, "what changed" means the last hour.
    return {
      kind: 'changes-since',
      since: said ? parsed : { at: now - 3_600_000 },
      said: said || 'the last hour',
    };
  }

  if (/\block(s|ed|ing)?\b|\bholds?\b|\bholding\b/.test(q)) return { kind: 'locks' };
  if (
    /\bwho(?:'s| is| are)?\s+(?:here|online|around|present|connected|in (?:the|this) room|in here|editing|working)\b|\bwho else\b|\bwho(?:'s| is) there\b/.test(
      q,
    )
  )
    return { kind: 'who-is-here' };
  if (/\b(chat|messages?|conversation|discuss(ed|ion|ing)?|said|talk(ed|ing)? about)\b/.test(q))
    return { kind: 'chat' };
  if (/\b(activity|active|busy|doing|working on|summary|summari[sz]e|recap|been up to)\b/.test(q))
    return { kind: 'activity', windowMs: windowIn(q) };
  return { kind: 'unknown' };
}
