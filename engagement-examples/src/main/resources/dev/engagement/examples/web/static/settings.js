// The settings page: every setting of user-config.json, lists (partner rates) as rows; saved as
// the JSON list of settings, validated by the server, which names the field it refuses.
import { connect, csrfToken, el } from './common.js';

const form = document.getElementById('settings-form');
const status = document.getElementById('settings-status');
const socket = connect('settings', () => {});

function rowFor(columns) {
  const row = el('div', { class: 'row' });
  for (const c of columns) row.append(el('input', { type: 'text', 'data-col': c, placeholder: c || 'value', 'aria-label': c || 'value' }));
  row.append(el('button', { type: 'button', class: 'remove', title: 'Remove this row', text: 'Remove' }));
  return row;
}

form.addEventListener('click', (e) => {
  const t = e.target;
  if (!(t instanceof HTMLButtonElement)) return;
  const fieldset = t.closest('fieldset.rows');
  if (!fieldset) return;
  if (t.classList.contains('remove')) t.closest('.row').remove();
  if (t.classList.contains('add')) {
    const columns = fieldset.dataset.columns ? fieldset.dataset.columns.split(',') : [''];
    const row = rowFor(columns);
    fieldset.insertBefore(row, t);
    row.querySelector('input').focus();
  }
});

function collect() {
  const list = [];
  for (const box of form.querySelectorAll('.setting')) {
    const d = box.dataset;
    const entry = {};
    if (d.id) entry.id = d.id;
    if (d.name) entry.name = d.name;
    entry.config_name = d.key;
    if (d.description) entry.description = d.description;
    entry.type = d.type;
    if (d.type === 'list') {
      const fieldset = box.querySelector('fieldset.rows');
      const columns = fieldset.dataset.columns ? fieldset.dataset.columns.split(',') : [''];
      const value = [];
      for (const row of fieldset.querySelectorAll('.row')) {
        const inputs = [...row.querySelectorAll('input')];
        if (inputs.every((i) => !i.value.trim())) continue;
        if (columns.length === 1 && columns[0] === '') {
          value.push(inputs[0].value.trim());
        } else {
          const o = {};
          for (const i of inputs) o[i.dataset.col] = i.value.trim();
          value.push(o);
        }
      }
      entry.value = value;
    } else {
      const input = box.querySelector('.value');
      const raw = input.value.trim();
      if (d.type === 'number') entry.value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      else entry.value = input.value;
    }
    list.push(entry);
  }
  return list;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  for (const box of form.querySelectorAll('.setting.invalid')) {
    box.classList.remove('invalid');
    box.querySelector('.field-error').hidden = true;
  }
  status.textContent = 'Saving...';
  status.className = '';
  const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() };
  if (socket.id) headers['X-Socket-Id'] = socket.id;
  try {
    const res = await fetch('/settings', { method: 'POST', headers, body: JSON.stringify(collect()) });
    const answer = await res.json();
    if (answer.status === 'success') {
      status.textContent = answer.message;
      status.className = 'ok';
      for (const b of document.querySelectorAll('.banner.example')) b.remove();
      return;
    }
    status.textContent = answer.message;
    status.className = 'error';
    const box = answer.field ? form.querySelector('.setting[data-key="' + CSS.escape(answer.field) + '"]') : null;
    if (box) {
      box.classList.add('invalid');
      const msg = box.querySelector('.field-error');
      msg.textContent = answer.message;
      msg.hidden = false;
      const input = box.querySelector('input, select');
      if (input) input.focus();
    }
  } catch (err) {
    status.textContent = 'The settings could not be sent: ' + err.message;
    status.className = 'error';
  }
});
