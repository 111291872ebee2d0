/**
 * Anchor: Hocuspocus with no extensions (documents in memory only). Started by bench/sync/run.ts:
 *   node --import tsx bench/sync/servers/hocuspocus.ts <port>
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2] ?? 1234);
const server = new Server({ port, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`READY ${port}`);
