// The web app in a real browser, run by ServeBrowserIT against `engagement serve` in its own
// process: Debian's Chromium driven by playwright-core (no browser download).
//
//   node browser.mjs <server url> <letters folder> <output folder> <screenshots folder>
//
// Rollover: previews, then rolls the letters folder (folder picker), waits for 100% and a line
// per file, opens a line's changes, downloads the zip. Entity Check: the same folder, opens a
// row, downloads the xlsx. PDF Printer: prints the rolled letters (dropped on the page). PDF
// Signatures: signs the PDFs (file picker) with the server's signature files. Settings: changes Mike Taylor's compliance
// rate, saves, rolls again. Saves a screenshot of each page and prints one JSON line with what
// it saw; the downloads are left in the output folder for the Java test to open.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, readFile, readdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const [url, letters, outDir, shots] = process.argv.slice(2);
if (!url || !letters || !outDir || !shots) {
  console.error('usage: node browser.mjs <server url> <letters folder> <output folder> <screenshots folder>');
  process.exit(2);
}
const TIMEOUT = 180_000;
const seen = {};

// Reads a zip's stored and deflated entries (enough for the server's own zips).
async function unzip(file, target) {
  const buf = await readFile(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 0 ? raw : inflateRawSync(raw);
    const base = name.split('/').pop();
    await writeFile(join(target, base), data);
    names.push(name);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

// Saves a screenshot once the page is still (the progress bar's width eases in over 0.15 s).
async function shot(page, name) {
  await page.waitForFunction(() => document.getAnimations().length === 0, null, { timeout: TIMEOUT });
  await page.screenshot({ path: join(shots, name), fullPage: true });
}

async function waitDone(page, files) {
  await page.waitForFunction(
    (n) => document.getElementById('status').classList.contains('error')
      || (document.getElementById('percent').textContent === '100%'
        && document.querySelectorAll('#results .line, #results tr.letter').length >= n
        && document.getElementById('summary').textContent.length > 0),
    files, { timeout: TIMEOUT });
  const error = await page.$eval('#status.error', (s) => s.textContent).catch(() => null);
  if (error) throw new Error('the page says: ' + error);
}

async function lines(page) {
  return page.$$eval('#results .line', (ls) => ls.map((l) => ({
    status: l.dataset.status,
    text: l.querySelector('summary').textContent,
    color: getComputedStyle(l.querySelector('summary')).color,
  })));
}

async function download(page, selector, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click(selector)]);
  const file = join(outDir, name);
  await d.saveAs(file);
  return file;
}

async function open(page, path) {
  await page.goto(url.replace(/\/$/, '') + path);
  await page.waitForSelector('body[data-connected="true"]', { timeout: 30_000 });
}

const profile = await mkdtemp(join(tmpdir(), 'engagement-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--disable-gpu'],
});
const consoleErrors = [];
try {
  await mkdir(outDir, { recursive: true });
  await mkdir(shots, { recursive: true });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const letterCount = (await readdir(letters)).length;

  // Rollover: preview first, then the real thing
  await open(page, '/');
  seen.banner = await page.$eval('.banner', (b) => b.textContent).catch(() => null);
  await page.setInputFiles('#folder', letters);
  seen.picked = await page.inputValue('#picked');
  await page.click('#preview');
  await waitDone(page, letterCount);
  seen.preview = { summary: await page.textContent('#summary'), lines: await lines(page),
    downloads: await page.$$eval('#downloads a', (as) => as.length) };
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('summary').textContent.startsWith('Preview'), null, { timeout: TIMEOUT });
  await waitDone(page, letterCount);
  seen.rollover = { summary: await page.textContent('#summary'), lines: await lines(page) };
  await page.click('#results .line.success summary');
  await page.waitForSelector('#results .line.success[open] .change ins');
  seen.rollover.firstChange = await page.$eval('#results .line.success[open] .change',
    (c) => ({ ins: [...c.querySelectorAll('ins')].map((i) => i.textContent), del: [...c.querySelectorAll('del')].map((i) => i.textContent) }));
  seen.rollover.leftAlone = await page.$$eval('#results .line.success[open] .left-alone li', (ls) => ls.map((l) => l.textContent));
  await shot(page, '1-rollover.png');
  const rolledZip = await download(page, '#downloads a', 'rolled-letters.zip');
  const rolled = await mkdtemp(join(tmpdir(), 'engagement-rolled-'));
  seen.rollover.zip = await unzip(rolledZip, rolled);

  // Entity Check
  await open(page, '/entityChecker');
  await page.setInputFiles('#folder', letters);
  await page.click('#run');
  await waitDone(page, letterCount);
  seen.entities = {
    summary: await page.textContent('#summary'),
    rows: await page.$$eval('#results tr.letter', (rs) => rs.map((r) => ({ status: r.dataset.status, cells: [...r.cells].map((c) => c.innerText) }))),
  };
  await page.click('#results tr.letter[data-status="success"]');
  seen.entities.opened = await page.$eval('#results tr.letter[aria-expanded="true"] + tr', (r) => (r.hidden ? null : r.innerText));
  await shot(page, '2-entity-check.png');
  await download(page, 'a[href$="entities.xlsx"]', 'entities.xlsx');
  await download(page, 'a[href$="entities.csv"]', 'entities.csv');

  // PDF Printer: the rolled letters, dropped onto the page (drag-and-drop)
  await open(page, '/pdfPrinter');
  const rolledFiles = (await readdir(rolled)).map((f) => join(rolled, f));
  const dropped = [];
  for (const f of rolledFiles) dropped.push({ name: f.split('/').pop(), data: (await readFile(f)).toString('base64') });
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    }
    const drop = document.getElementById('drop');
    drop.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    drop.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, dropped);
  await page.waitForFunction(() => document.getElementById('picked').value !== '');
  seen.dropped = await page.inputValue('#picked');
  await page.click('#run');
  await waitDone(page, rolledFiles.length);
  seen.print = { summary: await page.textContent('#summary'), lines: await lines(page) };
  await shot(page, '3-pdf-printer.png');
  const pdfZip = await download(page, '#downloads a', 'pdfs.zip');
  const pdfs = await mkdtemp(join(tmpdir(), 'engagement-pdfs-'));
  seen.print.zip = await unzip(pdfZip, pdfs);

  // PDF Signatures: the server's signature files
  await open(page, '/pdfSignatures');
  seen.sign = { source: await page.textContent('#signature-source') };
  const pdfFiles = (await readdir(pdfs)).map((f) => join(pdfs, f));
  await page.setInputFiles('#files', pdfFiles);
  await page.click('#run');
  await waitDone(page, pdfFiles.length);
  seen.sign.summary = await page.textContent('#summary');
  seen.sign.lines = await lines(page);
  await shot(page, '4-pdf-signatures.png');
  const signedZip = await download(page, '#downloads a', 'signed-pdfs.zip');
  seen.sign.zip = await unzip(signedZip, await mkdtemp(join(tmpdir(), 'engagement-signed-')));

  // Settings: Mike Taylor's compliance rate, then the next rollover uses it
  await open(page, '/settings');
  const rate = '.setting[data-key="COMPLIANCE_PARTNER_RATES"] .row:first-of-type input[data-col="rate"]';
  seen.settings = { before: await page.inputValue(rate) };
  await page.fill(rate, '$310');
  await page.click('#save');
  await page.waitForSelector('#settings-status.ok, #settings-status.error');
  seen.settings.status = await page.textContent('#settings-status');
  seen.settings.fields = await page.$$eval('.setting', (s) => s.map((x) => x.dataset.key));
  await shot(page, '5-settings.png');

  await open(page, '/');
  await page.setInputFiles('#folder', letters);
  await page.click('#run');
  await waitDone(page, letterCount);
  seen.again = { summary: await page.textContent('#summary'), lines: await lines(page) };
  seen.again.details = await page.$$eval('#results .line.success .detail', (ds) => ds.map((d) => d.textContent));
  await download(page, '#downloads a', 'rolled-again.zip');
  seen.consoleErrors = consoleErrors;
  console.log(JSON.stringify(seen));
} catch (e) {
  console.log(JSON.stringify({ failed: String(e && e.stack || e), seen, consoleErrors }));
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
