import type { Change } from '../history/diff.js';
import type { Answerer, AnswerRequest, RoomFacts } from './answerer.js';
import { type Intent, parseIntent } from './intents.js';

const MAX_LINES = 20;

/** `10:02:03 UTC` today, `2025-03-01 10:02 UTC` otherwise, plus "(3 min ago)". */
export function when(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const clock = sameDay ? `${iso.slice(11, 19)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return `${clock} (${ago(now - ms)})`;
}

function ago(ms: number): string {
  if (ms < 45_000) return 'just now';
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 36 * 3_600_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / 86_400_000)} days ago`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function capped(lines: string[]): string[] {
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `…and ${lines.length - MAX_LINES} more`]
    : lines;
}

export const FACILITATOR_HELP = [
  "I'm the room facilitator. I answer from this room's own data — ask me:",
  '- who is here',
  '- who changed node:7 (or any key, e.g. "who changed title")',
  '- what changed since 10 minutes ago (or since 14:30, since yesterday, since the last version)',
  '- who holds which locks',
  '- summarize the chat',
  '- what has everyone been doing (activity in the last 15 min, or "in the last hour")',
].join('\n');

function describeChange(c: Change): string {
  const where = c.key !== undefined ? `${c.root} › ${c.key}` : c.root;
  const range = c.range ? ` at ${c.range[0]}–${c.range[1]}` : '';
  const by = c.by.length > 0 ? ` (${list(c.by)})` : '';
  return `- ${where} ${c.change}${range}${by}`;
}

async function whoIsHere(facts: RoomFacts): Promise<string> {
  const people = facts.people();
  if (people.length === 0) return 'Nobody is connected to this room right now.';
  const describe = people.map((p) => {
    const details = [
      p.status,
      p.typingIn ? `typing in ${p.typingIn}` : null,
      p.connections > 1 ? `${p.connections} tabs` : null,
    ].filter(Boolean);
    return details.length > 0 ? `${p.name} (${details.join(', ')})` : p.name;
  });
  return people.length === 1
    ? `Only ${describe[0]} is here.`
    : `${people.length} people are here: ${list(describe)}.`;
}

async function whoChanged(facts: RoomFacts, target: string): Promise<string> {
  const history = await facts.keyHistory(target);
  if (!history) return 'The change history is not available in this room.';
  const scope = history.complete ? '' : ` in the last ${history.scanned.toLocaleString('en')} updates`;
  if (history.changes.length === 0) return `Nobody has changed ${target}${scope}.`;
  const now = facts.now();
  const byUser = new Map<string, { name: string; count: number; last: number }>();
  for (const c of history.changes) {
    const u = byUser.get(c.userId) ?? { name: c.name, count: 0, last: 0 };
    u.count++;
    u.last = Math.max(u.last, Date.parse(c.at));
    byUser.set(c.userId, u);
  }
  const people = [...byUser.values()].sort((a, b) => b.last - a.last);
  const first = history.changes[0]!;
  const last = history.changes.at(-1)!;
  return [
    `${target} was changed ${plural(history.changes.length, 'time')}${scope} by ${list(people.map((p) => p.name))}.`,
    `Last change: ${last.name} at ${when(Date.parse(last.at), now)}.`,
    ...(history.changes.length > 1
      ? [`First change: ${first.name} at ${when(Date.parse(first.at), now)}.`]
      : []),
    ...capped(people.map((p) => `- ${p.name}: ${plural(p.count, 'change')}, last at ${when(p.last, now)}`)),
  ].join('\n');
}

async function changesSince(
  facts: RoomFacts,
  intent: Extract<Intent, { kind: 'changes-since' }>,
): Promise<string> {
  if (!intent.since) {
    return `I could not read the time "${intent.said}". Try "since 10 minutes ago", "since 14:30" (UTC), "since yesterday", "since the last version" or an ISO time like 2025-03-01T10:00Z.`;
  }
  let at: number;
  let label: string;
  if ('lastVersion' in intent.since) {
    const version = await facts.lastVersion();
    if (!version) return 'No named version has been saved in this room yet.';
    at = version.at;
    label = `the version "${version.name}" (${when(at, facts.now())})`;
  } else {
    at = intent.since.at;
    label = when(at, facts.now());
  }
  const diff = await facts.changesSince(at);
  if (!diff) return 'The change history is not available in this room.';
  if (diff.changes.length === 0) return `Nothing has changed since ${label}.`;
  return [
    `Since ${label}: ${plural(diff.changes.length, 'change')} by ${list(diff.authors)}.`,
    ...capped(diff.changes.map(describeChange)),
  ].join('\n');
}

async function locks(facts: RoomFacts): Promise<string> {
  const held = await facts.locks();
  if (!held) return 'Locks are not available in this room.';
  if (held.length === 0) return 'No locks are held right now.';
  const now = facts.now();
  return [
    `${plural(held.length, 'lock is', 'locks are')} held:`,
    ...capped(
      held.map((l) => {
        const region = l.region
          ? ` (region ${l.region.x},${l.region.y} ${l.region.width}×${l.region.height})`
          : '';
        const expiry =
          l.expiresAt !== null ? `, expires in ${Math.max(0, Math.ceil((l.expiresAt - now) / 1000))} s` : '';
        return `- ${l.resource}: ${l.kind} lock by ${l.owner.name}${region} since ${when(l.acquiredAt, now)}${expiry}`;
      }),
    ),
  ].join('\n');
}

async function chat(facts: RoomFacts): Promise<string> {
  const messages = await facts.recentChat(50);
  if (!messages) return 'Chat is not available in this room.';
  if (messages.length === 0) return 'Nobody has written in the chat yet.';
  const now = facts.now();
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.userName, (counts.get(m.userName) ?? 0) + 1);
  const people = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} (${n})`);
  const clip = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
  return [
    `The last ${plural(messages.length, 'message')} (from ${when(Date.parse(messages[0]!.at), now)}) came from ${list(people)}.`,
    'Latest:',
    ...messages.slice(-5).map((m) => `- ${m.userName}: ${clip(m.text)}`),
  ].join('\n');
}

async function activity(facts: RoomFacts, windowMs: number): Promise<string> {
  const summary = await facts.activity(windowMs);
  if (!summary) return 'The activity stream is not available in this room.';
  return summary.users.length === 0 ? `${summary.text}.` : summary.users.map((u) => `- ${u.text}`).join('\n');
}

/** The answer to one question, from the room's data only (deterministic for the same room and clock). */
export async function facilitate(question: string, facts: RoomFacts): Promise<string> {
  const intent = parseIntent(question, facts.now());
  switch (intent.kind) {
    case 'who-is-here':
      return whoIsHere(facts);
    case 'who-changed':
      return whoChanged(facts, intent.target);
    case 'changes-since':
      return changesSince(facts, intent);
    case 'locks':
      return locks(facts);
    case 'chat':
      return chat(facts);
    case 'activity':
      return activity(facts, intent.windowMs);
    case 'help':
      return FACILITATOR_HELP;
    case 'unknown':
      return `I can't answer that from the room's data.\n${FACILITATOR_HELP}`;
  }
}

/**
 * The built-in answerer. With `fallback` (no model configured) it takes every question and explains
 * what it can answer; without, it takes only questions it recognizes and leaves the rest to a model.
 */
export class Facilitator implements Answerer {
  readonly name = 'facilitator';
  constructor(private readonly fallback = true) {}

  accepts(question: string, now: number): boolean {
    return this.fallback || parseIntent(question, now).kind !== 'unknown';
  }

  async *answer(request: AnswerRequest): AsyncIterable<string> {
    yield await facilitate(request.question, request.facts);
  }
}
