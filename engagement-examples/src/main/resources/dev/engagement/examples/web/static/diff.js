// Marks what changed between two texts, character by character: <del> for what went, <ins> for
// what came. Common start and end are cut first; the middle is compared with a longest common
// subsequence when it is small enough, else shown as replaced whole.
const LIMIT = 400 * 400;

export function diff(before, after) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
  const a = before.slice(start, endB);
  const b = after.slice(start, endA);
  const ops = a.length * b.length <= LIMIT ? lcsOps(a, b) : [['-', a], ['+', b]];
  const out = { before: [[' ', before.slice(0, start)]], after: [[' ', after.slice(0, start)]] };
  for (const [op, text] of ops) {
    if (!text) continue;
    if (op === ' ') { out.before.push([' ', text]); out.after.push([' ', text]); }
    else if (op === '-') out.before.push(['-', text]);
    else out.after.push(['+', text]);
  }
  out.before.push([' ', before.slice(endB)]);
  out.after.push([' ', after.slice(endA)]);
  return out;
}

function lcsOps(a, b) {
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    }
  }
  const ops = [];
  const push = (op, ch) => {
    const last = ops[ops.length - 1];
    if (last && last[0] === op) last[1] += ch; else ops.push([op, ch]);
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { push(' ', a[i]); i++; j++; }
    else if (t[i + 1][j] >= t[i][j + 1]) { push('-', a[i]); i++; }
    else { push('+', b[j]); j++; }
  }
  while (i < n) push('-', a[i++]);
  while (j < m) push('+', b[j++]);
  return ops;
}

// Appends the marked text to an element.
export function render(parent, parts) {
  for (const [op, text] of parts) {
    if (!text) continue;
    if (op === ' ') parent.append(text);
    else {
      const mark = document.createElement(op === '-' ? 'del' : 'ins');
      mark.textContent = text;
      parent.append(mark);
    }
  }
}
