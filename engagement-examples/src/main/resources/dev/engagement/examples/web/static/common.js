// What every page shares: the Socket.IO connection (WebSocket only, the client served from this
// server) and the CSRF token, which the server sends again as the `csrf` message.
import { io } from './vendor/socket.io.esm.min.js';

const meta = document.querySelector('meta[name="csrf-token"]');
const hidden = document.getElementById('csrf-token');

export function csrfToken() {
  return meta.content;
}

function setCsrf(token) {
  meta.content = token;
  if (hidden) hidden.value = token;
}

// Connects to this server and hands every `message` event but `csrf` to onMessage.
export function connect(process, onMessage) {
  const socket = io(location.origin, { transports: ['websocket'], query: { process } });
  socket.on('connect', () => { document.body.dataset.connected = 'true'; });
  socket.on('disconnect', () => { document.body.dataset.connected = 'false'; });
  socket.on('message', (msg) => {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'csrf') {
      if (msg.detail && msg.detail.token) setCsrf(msg.detail.token);
      return;
    }
    onMessage(msg);
  });
  // tokens live an hour: a page left open asks for a fresh one now and then
  setInterval(() => { if (socket.connected) socket.emit('csrf'); }, 20 * 60 * 1000);
  return socket;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}
