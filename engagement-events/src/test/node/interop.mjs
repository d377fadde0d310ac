// Interop check of engagement-events with a stock socket.io-client, run by SocketIoClientInteropIT.
//
//   node interop.mjs <client package> <server url> <expected events file>
//
// Connects with transports: ['websocket'] (the only transport the server offers), sends a `log`
// event with an ack callback, then `ready`; collects every `message` event; when the server sends
// `check`, reads the events the core emitted (a JSON array of {type, detail}, written by the test
// once the batch is over) and checks that what arrived deep-equals it, in order. Exits 0 and
// prints "OK <package> <version> <count>" on success, prints "FAIL ..." and exits 1 otherwise.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const [pkg, url, expectedFile] = process.argv.slice(2);
if (!pkg || !url || !expectedFile) {
  console.error('usage: node interop.mjs <client package> <server url> <expected events file>');
  process.exit(2);
}
const version = JSON.parse(
  await readFile(new URL(`./node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
const { io } = await import(pkg);

function fail(message) {
  console.log(`FAIL ${pkg} ${version}: ${message}`);
  process.exit(1);
}

const received = [];
const deadline = setTimeout(() => fail(`timed out with ${received.length} messages`), 60_000);
const socket = io(url, { transports: ['websocket'], reconnection: false, timeout: 10_000 });

socket.on('connect_error', (err) => fail(`connect_error: ${err.message}`));
socket.on('disconnect', (reason) => {
  if (reason !== 'io client disconnect') fail(`disconnected: ${reason}`);
});
socket.on('connect', () => {
  socket.emit('log', { level: 'info', message: `interop ${pkg} ${version} connected` }, (...ack) => {
    if (ack.length !== 0) fail(`unexpected ack arguments ${JSON.stringify(ack)}`);
    socket.emit('ready', { client: version });
  });
});
socket.on('message', (msg) => received.push(msg));
socket.on('check', async () => {
  const expected = JSON.parse(await readFile(expectedFile, 'utf8'));
  try {
    assert.deepStrictEqual(received, expected);
  } catch (e) {
    fail(e.message);
  }
  socket.emit('log', { level: 'warning', message: `interop ${version}: ${received.length} events match` }, () => {
    console.log(`OK ${pkg} ${version} ${received.length}`);
    clearTimeout(deadline);
    socket.disconnect();
    process.exit(0);
  });
});
