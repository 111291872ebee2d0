import type { ChatExport, ChatMessage, ChatExportFormat as ExportFormat } from '@ensemble/protocol';

export type { ChatExport, ChatExportFormat as ExportFormat } from '@ensemble/protocol';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export const CSV_COLUMNS = [
  'id',
  'created_at',
  'user_id',
  'user_name',
  'kind',
  'parent_id',
  'anchor',
  'text',
  'edited_at',
  'resolved_at',
  'resolved_by',
  'reactions',
] as const;

export function kindOf(m: ChatMessage): 'message' | 'reply' | 'comment' {
  if (m.parentId) return 'reply';
  return m.anchor ? 'comment' : 'message';
}

const reactionSummary = (m: ChatMessage) => m.reactions.map((r) => `${r.emoji} ${r.count}`).join('; ');

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break (quotes doubled). A value a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
 */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(messages: ChatMessage[]): string {
  const rows = messages.map((m) =>
    [
      m.id,
      m.createdAt,
      m.userId,
      m.userName,
      kindOf(m),
      m.parentId,
      m.anchor ? JSON.stringify(m.anchor) : null,
      m.text,
      m.editedAt,
      m.resolvedAt,
      m.resolvedBy,
      reactionSummary(m),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** `2026-11-22T01:02:03.456Z` → `2026-11-22 01:02:03`. */
const clock = (isoTime: string) => `${isoTime.slice(0, 10)} ${isoTime.slice(11, 19)}`;

function txtLine(m: ChatMessage, indent: string): string {
  const where =
    m.anchor === null
      ? ''
      : m.anchor.kind === 'node'
        ? ` on node ${m.anchor.id}`
        : ` on text ${m.anchor.field}`;
  const marks = [
    m.editedAt ? 'edited' : null,
    m.resolvedAt ? `resolved by ${m.resolvedBy}` : null,
    m.reactions.length > 0 ? reactionSummary(m) : null,
  ].filter(Boolean);
  const head = `${indent}[${clock(m.createdAt)} UTC] ${m.userName}${m.anchor ? ' commented' : ''}${where}: `;
  // Continuation lines of a multi-line message line up under its first line.
  const body = m.text.replaceAll(/\r?\n/g, `\n${' '.repeat(head.length)}`);
  return `${head}${body}${marks.length > 0 ? `  (${marks.join(', ')})` : ''}`;
}

/** Readable transcript: each thread's replies follow their first message, indented. */
export function toTxt(room: string, messages: ChatMessage[], exportedAt: Date): string {
  const ids = new Set(messages.map((m) => m.id));
  const replies = new Map<string, ChatMessage[]>();
  for (const m of messages) {
    if (m.parentId && ids.has(m.parentId)) replies.set(m.parentId, [...(replies.get(m.parentId) ?? []), m]);
  }
  const lines = [
    `Chat of room ${room}, exported ${exportedAt.toISOString()} (${messages.length} messages, times in UTC)`,
    '',
  ];
  for (const m of messages) {
    if (m.parentId && ids.has(m.parentId)) continue;
    lines.push(txtLine(m, ''));
    for (const reply of replies.get(m.id) ?? []) lines.push(txtLine(reply, '    ↳ '));
  }
  return `${lines.join('\n')}\n`;
}

function fileName(room: string, exportedAt: Date, format: ExportFormat): string {
  const safeRoom = room.replaceAll(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  return `chat-${safeRoom}-${exportedAt.toISOString().slice(0, 10)}.${format}`;
}

/** The messages (oldest first) as a downloadable JSON, CSV or plain-text file. */
export function formatExport(
  room: string,
  messages: ChatMessage[],
  format: ExportFormat,
  exportedAt: Date,
): ChatExport {
  const body =
    format === 'json'
      ? `${JSON.stringify({ room, exportedAt: exportedAt.toISOString(), count: messages.length, messages }, null, 2)}\n`
      : format === 'csv'
        ? toCsv(messages)
        : toTxt(room, messages, exportedAt);
  return { format, contentType: CONTENT_TYPES[format], filename: fileName(room, exportedAt, format), body };
}
