// Listens to a `serve` process as a page does, with the stock socket.io-client (WebSocket only):
// prints one JSON line per happening on stdout ({"event":"connect","sid":...}, then
// {"event":"message","message":{type, detail}} for every `message` event), until stdin closes.
// Used by ServeTwoInstancesIT: node listen.mjs http://127.0.0.1:PORT
import { io } from 'socket.io-client';

const url = process.argv[2];
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const socket = io(url, { transports: ['websocket'], reconnection: false, timeout: 20000 });
socket.on('connect', () => out({ event: 'connect', sid: socket.id }));
socket.on('message', (message) => out({ event: 'message', message }));
socket.on('connect_error', (e) => {
  out({ event: 'connect_error', error: String(e && e.message) });
  process.exit(3);
});
socket.on('disconnect', (reason) => out({ event: 'disconnect', reason }));
process.stdin.on('end', () => {
  socket.close();
  process.exit(0);
});
process.stdin.resume();
