import { describe, expect, it } from 'vitest';
import { SseParser, sseEvents } from './sse.js';

const STREAM =
  ': ping\n\n' +
  'data: {"a":1}\n\n' +
  'event: message\r\ndata: {"b":\r\ndata: 2}\r\n\r\n' +
  'id: 7\ndata:no-space\n\n' +
  'data: [DONE]\n\n';

describe('SseParser', () => {
  it('yields the data of each event, joining multi-line data and ignoring comments and other fields', () => {
    const parser = new SseParser();
    expect([...parser.push(STREAM), ...parser.end()]).toEqual(['{"a":1}', '{"b":\n2}', 'no-space', '[DONE]']);
  });

  it('gives the same events however the bytes are split, even inside a UTF-8 character', () => {
    const bytes = new TextEncoder().encode(`data: {"text":"héllo — 👋"}\n\n${STREAM}`);
    for (const size of [1, 2, 3, 5, 64]) {
      const parser = new SseParser();
      const events: string[] = [];
      for (let i = 0; i < bytes.length; i += size) events.push(...parser.push(bytes.subarray(i, i + size)));
      events.push(...parser.end());
      expect(events[0]).toBe('{"text":"héllo — 👋"}');
      expect(events).toHaveLength(5);
    }
  });

  it('keeps a last event that misses its blank line', async () => {
    async function* body() {
      yield new TextEncoder().encode('data: one\n\ndata: two');
    }
    const events: string[] = [];
    for await (const e of sseEvents(body())) events.push(e);
    expect(events).toEqual(['one', 'two']);
  });
});
