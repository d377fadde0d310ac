// A job page (Rollover, Entity Check, PDF Printer, PDF Signatures): pick a folder or files (or
// drop them), upload them with the page's Socket.IO id, and show the batch as its events arrive:
// the progress bar, one line per file, the summary, then the changes and the downloads.
import { connect, csrfToken, el } from './common.js';
import { diff, render } from './diff.js';

const form = document.getElementById('job');
const process = form.dataset.process;
const field = form.dataset.field;
const statusBox = document.getElementById('status');
const bar = document.getElementById('bar');
const percent = document.getElementById('percent');
const pickedBox = document.getElementById('picked');
const results = document.getElementById('results');
const summary = document.getElementById('summary');
const downloads = document.getElementById('downloads');
const errors = document.getElementById('errors');
const runButton = document.getElementById('run');
const previewButton = document.getElementById('preview');
const folderInput = document.getElementById('folder');
const filesInput = document.getElementById('files');
const drop = document.getElementById('drop');
const signaturesInput = document.getElementById('signatures');

let picked = [];
let running = false;
let previewing = false;
let started = false;
let lines = [];

const socket = connect(process, onMessage);

function setStatus(text, error = false) {
  statusBox.textContent = text;
  statusBox.classList.toggle('error', error);
}

function setProgress(value) {
  const p = Math.max(0, Math.min(100, Math.round(value * 100)));
  bar.style.width = p + '%';
  bar.setAttribute('aria-valuenow', String(p));
  percent.textContent = p + '%';
}

function showError(message) {
  errors.append(el('p', { text: message }));
}

function onMessage(msg) {
  const d = msg.detail;
  if (!running) return;
  if (d && typeof d === 'object' && d.process && d.process !== process) return;
  switch (msg.type) {
    case 'process-start':
      started = true;
      setStatus(String(d));
      break;
    case 'processing':
      setStatus(d.message || 'Processing...');
      break;
    case 'progress':
      setProgress(Number(d.value) || 0);
      break;
    case 'process-result':
    case 'process-results':
      addLine(d);
      break;
    case 'process-error':
      if (!started) showError(d.message || 'Error');
      break;
    case 'complete':
      setProgress(1);
      setStatus(String(d));
      break;
    default:
      break;
  }
}

function lineText(d) {
  const name = d.input || d.filename;
  switch (d.status) {
    // a preview names the file a real run would write (numbered when two letters want one name)
    case 'success': return (previewing ? 'Would write: ' : 'Processed: ') + d.filename;
    case 'failed': return 'Failed: ' + name + (d.message ? ' \u2014 ' + d.message : '');
    case 'skipped': return 'Skipped: ' + name + (d.message ? ' (' + d.message + ')' : '');
    case 'not_started': return 'Not started: ' + name + ' (the batch was stopped)';
    default: return 'Unchanged: ' + name + (d.message ? ' (' + d.message + ')' : '');
  }
}

function addLine(d) {
  const line = el('details', { class: 'line ' + d.status, 'data-status': d.status });
  const head = el('summary', { text: lineText(d) });
  if (d.cached) head.append(el('span', { class: 'cached', text: '(from the cache)' }));
  line.append(head);
  results.append(line);
  lines.push(line);
  return line;
}

function addDetail(line, r) {
  const box = el('div', { class: 'detail' });
  if (r.changes && r.changes.length) {
    box.append(el('h3', { text: r.changes.length + (r.changes.length === 1 ? ' paragraph changed' : ' paragraphs changed') }));
    for (const c of r.changes) {
      const marked = diff(c.before, c.after);
      const before = el('p', { class: 'before' });
      const after = el('p', { class: 'after' });
      render(before, marked.before);
      render(after, marked.after);
      box.append(el('div', { class: 'change' }, el('div', { class: 'where', text: c.part + ', paragraph ' + c.paragraph }), before, after));
    }
  } else if (r.status === 'success' || r.status === 'unchanged') {
    box.append(el('p', { text: r.status === 'success' ? 'No paragraph text changed.' : 'Nothing to change.' }));
  }
  if (r.yearsLeftAlone && r.yearsLeftAlone.length) {
    box.append(el('h3', { text: 'Years left alone' }));
    const list = el('ul', { class: 'left-alone' });
    for (const y of r.yearsLeftAlone) {
      list.append(el('li', { text: y.text + ': ' + y.reason + (y.context ? ' (\u201c' + y.context + '\u201d)' : '') }));
    }
    box.append(list);
  }
  if (r.notes && r.notes.length) {
    box.append(el('h3', { text: 'Notes' }));
    const list = el('ul', { class: 'notes' });
    for (const n of r.notes) list.append(el('li', { text: n }));
    box.append(list);
  }
  if (r.message && r.status !== 'success') box.append(el('p', { text: r.message }));
  if (box.childElementCount) line.append(box);
}

function showPicked() {
  if (!picked.length) {
    pickedBox.value = '';
    return;
  }
  const first = picked[0].path;
  const folder = first.includes('/') ? first.split('/')[0] : null;
  const sameFolder = folder && picked.every((p) => p.path.startsWith(folder + '/'));
  pickedBox.value = (sameFolder ? folder + ' \u2014 ' : '') + picked.length + (picked.length === 1 ? ' file' : ' files');
  setStatus('Ready: ' + pickedBox.value + '.');
}

document.getElementById('pick-folder').addEventListener('click', () => folderInput.click());
document.getElementById('pick-files').addEventListener('click', () => filesInput.click());
folderInput.addEventListener('change', () => {
  picked = [...folderInput.files].map((f) => ({ file: f, path: f.webkitRelativePath || f.name }));
  showPicked();
});
filesInput.addEventListener('change', () => {
  picked = [...filesInput.files].map((f) => ({ file: f, path: f.name }));
  showPicked();
});
if (signaturesInput) {
  document.getElementById('pick-signatures').addEventListener('click', () => signaturesInput.click());
  signaturesInput.addEventListener('change', () => {
    const names = [...signaturesInput.files].map((f) => f.name).join(', ');
    document.getElementById('signature-source').textContent = names ? 'uploaded with the letters: ' + names : 'from the server\u2019s folder';
  });
}

for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('dragging'); });
}
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', async (e) => {
  e.preventDefault();
  drop.classList.remove('dragging');
  picked = await filesFromDrop(e.dataTransfer);
  showPicked();
});

async function filesFromDrop(dt) {
  const entries = [...dt.items].map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null)).filter(Boolean);
  if (!entries.length) return [...dt.files].map((f) => ({ file: f, path: f.name }));
  const out = [];
  async function walk(entry, prefix) {
    if (entry.isFile) {
      const f = await new Promise((res, rej) => entry.file(res, rej));
      out.push({ file: f, path: prefix + f.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const child of batch) await walk(child, prefix + entry.name + '/');
      }
    }
  }
  for (const e of entries) await walk(e, '');
  return out;
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  start(false);
});
if (previewButton) previewButton.addEventListener('click', () => start(true));

async function start(dryRun) {
  if (running) return;
  if (!picked.length) {
    setStatus('Pick a folder or files first.', true);
    return;
  }
  running = true;
  previewing = dryRun;
  started = false;
  lines = [];
  results.replaceChildren();
  summary.textContent = '';
  downloads.replaceChildren();
  errors.replaceChildren();
  setProgress(0);
  setStatus((dryRun ? 'Previewing ' : 'Uploading ') + picked.length + ' files...');
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  const token = csrfToken();
  const data = new FormData();
  data.append('csrf_token', token);
  if (socket.id) data.append('sid', socket.id);
  if (dryRun) data.append('dryRun', 'true');
  const years = document.getElementById('years');
  if (years) data.append('years', years.value);
  const accept = document.getElementById('acceptChanges');
  if (accept && accept.checked) data.append('acceptChanges', 'true');
  if (signaturesInput) for (const f of signaturesInput.files) data.append('signatures', f, f.name);
  for (const p of picked) data.append(field, p.file, p.path);
  const headers = { 'X-CSRF-Token': token };
  if (socket.id) headers['X-Socket-Id'] = socket.id;
  try {
    const res = await fetch(form.dataset.action, { method: 'POST', body: data, headers });
    const type = res.headers.get('Content-Type') || '';
    if (type.startsWith('text/html')) {
      finishTable(await res.text());
    } else {
      finish(await res.json(), dryRun);
    }
  } catch (err) {
    setStatus('The upload failed: ' + err.message, true);
  } finally {
    running = false;
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }
}

function finish(answer, dryRun) {
  if (answer.status !== 'success') {
    setStatus(answer.message || 'The server refused the upload.', true);
    if (!errors.childElementCount) showError(answer.message || 'Error');
    return;
  }
  setProgress(1);
  (answer.results || []).forEach((r, i) => {
    let line = lines[i];
    if (!line) {
      line = addLine({ status: r.status, filename: r.output || r.input, input: r.input, message: r.message, cached: r.cached });
    }
    addDetail(line, r);
  });
  summary.textContent = (dryRun ? 'Preview, nothing was written: ' : '') + answer.message;
  setStatus(dryRun ? 'Preview done: open a line to see its changes, then roll over.' : 'Done.');
  for (const d of answer.downloads || []) {
    downloads.append(el('a', { class: 'button download', href: d.url, download: '', text: d.label }));
  }
}

function finishTable(html) {
  setProgress(1);
  const holder = document.createElement('div');
  holder.innerHTML = html;
  const table = holder.querySelector('.entity-result');
  const text = table ? table.querySelector('.summary') : null;
  summary.textContent = text ? text.textContent : '';
  if (text) text.remove();
  results.replaceChildren(...holder.childNodes);
  setStatus('Done: click a row to see its entities.');
  for (const row of results.querySelectorAll('tr.letter')) {
    const toggle = () => {
      const next = row.nextElementSibling;
      const open = row.getAttribute('aria-expanded') === 'true';
      row.setAttribute('aria-expanded', String(!open));
      if (next) next.hidden = open;
    };
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
    });
  }
}
