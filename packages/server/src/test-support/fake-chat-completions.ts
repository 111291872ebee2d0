import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers the next requests. */
export type FakeBehaviour =
  /** Streams these pieces as chat-completion chunks (split across writes), then `[DONE]`. */
  | { kind: 'stream'; pieces: string[] }
  /** Answers with this HTTP status and body. */
  | { kind: 'http-error'; status: number; body: string }
  /** Streams one good piece, then a chunk that is not JSON. */
  | { kind: 'bad-stream' }
  /** Accepts the request and never answers (for timeouts). */
  | { kind: 'hang' };

export interface FakeChatCompletions {
  /** Base URL to configure, e.g. `http://127.0.0.1:1234/v1`. */
  url: string;
  behaviour: FakeBehaviour;
  requests: {
    headers: IncomingMessage['headers'];
    body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] };
  }[];
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible `POST /v1/chat/completions` for tests: streams SSE chunks exactly as the
 * real API does (`data: {"choices":[{"delta":{"content":…}}]}` … `data: [DONE]`), or fails on purpose.
 */
export async function startFakeChatCompletions(
  behaviour: FakeBehaviour = { kind: 'stream', pieces: ['Hello', ' from', ' the model.'] },
): Promise<FakeChatCompletions> {
  const hanging = new Set<import('node:http').ServerResponse>();
  const fake: FakeChatCompletions = {
    url: '',
    behaviour,
    requests: [],
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end('not found');
        return;
      }
      fake.requests.push({
        headers: req.headers,
        body: JSON.parse(raw) as FakeChatCompletions['requests'][0]['body'],
      });
      const b = fake.behaviour;
      if (b.kind === 'http-error') {
        res.writeHead(b.status, { 'content-type': 'application/json' }).end(b.body);
        return;
      }
      if (b.kind === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (content: string) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
      const text =
        b.kind === 'stream'
          ? `: keep-alive\n\n${b.pieces.map(chunk).join('')}data: [DONE]\n\n`
          : `${chunk('Partial')}data: {"choices": [{"delta": \n\n`;
      // Written in uneven slices so lines (and events) arrive split, as they do over real networks.
      const writes: string[] = [];
      for (let i = 0; i < text.length; i += 7 + (i % 5)) writes.push(text.slice(i, i + 7 + (i % 5)));
      const next = () => {
        const part = writes.shift();
        if (part === undefined) {
          res.end();
          return;
        }
        res.write(part, () => setImmediate(next));
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
