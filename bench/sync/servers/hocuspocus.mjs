/**
 * Anchor: Hocuspocus with no extensions (documents in memory only), run from its published build
 * (plain JS, no TypeScript loader). Started by bench/sync/run.ts:
 *   node bench/sync/servers/hocuspocus.mjs <port>
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2] ?? 1234);
const server = new Server({ port, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`READY ${port}`);
