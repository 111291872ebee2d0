/**
 * Anchor: the y-websocket reference server (`@y/websocket-server`), documents in memory only, run
 * from its published build. Started by bench/sync/run.ts:
 *   node bench/sync/servers/y-websocket.mjs <port>
 */
import { createServer } from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 1234);
const http = createServer((_req, res) => {
  res.writeHead(200).end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
http.listen(port, '127.0.0.1', () => console.log(`READY ${port}`));
