/**
 * Server-sent events, as far as chat-completions streams use them: `data:` lines (several lines join
 * with "\n"), events end at a blank line, comments (`:`) and other fields are ignored, CRLF or LF.
 * Incremental, so chunks may split lines and even UTF-8 characters anywhere.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private readonly decoder = new TextDecoder();

  /** Feeds bytes (or text); returns the data of every event completed by them. */
  push(chunk: Uint8Array | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const events: string[] = [];
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) break;
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.line(line, events);
    }
    return events;
  }

  /** The stream ended: an event without its final blank line still counts. */
  end(): string[] {
    const events: string[] = [];
    const rest = this.buffer + this.decoder.decode();
    this.buffer = '';
    if (rest) this.line(rest.replace(/\r$/, ''), events);
    if (this.data.length > 0) events.push(this.data.join('\n'));
    this.data = [];
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    const value = colon < 0 ? '' : line.slice(colon + 1);
    this.data.push(value.startsWith(' ') ? value.slice(1) : value);
  }
}

/** The data of each event of a streamed HTTP body. */
export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const parser = new SseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
