import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../persistence/chat-store.js';
import { CSV_COLUMNS, csvField, formatExport, toCsv, toTxt } from './export.js';

const message = (over: Partial<ChatMessage>): ChatMessage => ({
  id: '00000000-0000-4000-8000-000000000001',
  seq: 1,
  userId: 'ana',
  userName: 'Ana',
  text: 'hello',
  parentId: null,
  anchor: null,
  createdAt: '2026-11-22T10:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  deletedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  reactions: [],
  replyCount: 0,
  ...over,
});

/** A minimal RFC 4180 reader, to prove the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('chat export', () => {
  it('quotes CSV fields only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('writes a header and one row per message that parse back to the same values', () => {
    const tricky = 'commas, "quotes"\nand a second line';
    const csv = toCsv([
      message({ text: tricky, reactions: [{ emoji: '👍', count: 2, users: [] }] }),
      message({
        id: '00000000-0000-4000-8000-000000000002',
        userName: 'Bo, Jr.',
        text: 'on it',
        parentId: '00000000-0000-4000-8000-000000000001',
      }),
      message({ id: '00000000-0000-4000-8000-000000000003', anchor: { kind: 'node', id: 'node:7' } }),
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(col(rows[1]!, 'text')).toBe(tricky);
    expect(col(rows[1]!, 'reactions')).toBe('👍 2');
    expect(col(rows[1]!, 'kind')).toBe('message');
    expect(col(rows[2]!, 'user_name')).toBe('Bo, Jr.');
    expect(col(rows[2]!, 'kind')).toBe('reply');
    expect(col(rows[3]!, 'kind')).toBe('comment');
    expect(JSON.parse(col(rows[3]!, 'anchor')!)).toEqual({ kind: 'node', id: 'node:7' });
  });

  it('writes a readable transcript with threads indented under their first message', () => {
    const root = message({ text: 'ship today?' });
    const txt = toTxt(
      'project:7',
      [
        root,
        message({
          id: '00000000-0000-4000-8000-000000000002',
          userName: 'Bo',
          text: 'after review\nmaybe',
          parentId: root.id,
          createdAt: '2026-11-22T10:01:00.000Z',
        }),
        message({
          id: '00000000-0000-4000-8000-000000000003',
          text: 'too dark',
          anchor: { kind: 'node', id: 'node:7' },
          resolvedAt: '2026-11-22T11:00:00.000Z',
          resolvedBy: 'bo',
          editedAt: '2026-11-22T10:30:00.000Z',
        }),
      ],
      new Date('2026-11-22T12:00:00Z'),
    );
    expect(txt.split('\n')).toEqual([
      'Chat of room project:7, exported 2026-11-22T12:00:00.000Z (3 messages, times in UTC)',
      '',
      '[2026-11-22 10:00:00 UTC] Ana: ship today?',
      '    ↳ [2026-11-22 10:01:00 UTC] Bo: after review',
      '                                    maybe',
      '[2026-11-22 10:00:00 UTC] Ana commented on node node:7: too dark  (edited, resolved by bo)',
      '',
    ]);
  });

  it('names the file after the room and day with the right content type', () => {
    const at = new Date('2026-11-22T12:00:00Z');
    const json = formatExport('post:42/draft', [message({})], 'json', at);
    expect(json).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      filename: 'chat-post_42_draft-2026-11-22.json',
    });
    expect(JSON.parse(json.body)).toMatchObject({
      room: 'post:42/draft',
      count: 1,
      messages: [{ text: 'hello' }],
    });
    expect(formatExport('r', [], 'csv', at).contentType).toBe('text/csv; charset=utf-8');
    expect(formatExport('r', [], 'txt', at)).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      filename: 'chat-r-2026-11-22.txt',
    });
  });
});
