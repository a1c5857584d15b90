#!/usr/bin/env node
// End-to-end test: the built extension (.vsix) in a real VS Code (code-server 4.99.4 = VS Code
// 1.99.3) driven by a real Chromium through playwright-core.
//
// It installs the .vsix into a fresh profile, opens a workspace holding one ГИС ЖКХ request with a
// schema error on a known line, opens that file, and asserts that the Problems panel lists an error
// for the file on that line whose message names the element. Then it sends a sample request to the
// in-process sandbox stand and checks the outcome, the journal tree and a retry of an unconfirmed
// send (README.md). Screenshots go to test-artifacts/e2e/. Exit code 0 = pass.
//
//   node test/e2e/run.mjs [--vsix <file>] [--keep] [--timeout <seconds>]
//
// Environment: GIS_ZHKH_SHARED (shared folder, default <repo>/../shared),
// GIS_ZHKH_E2E_CACHE (code-server cache, default ~/.cache/gis-zhkh-e2e),
// GIS_ZHKH_E2E_TIMEOUT (seconds, default 240), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureCodeServer } from './setup-code-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

// ---------------------------------------------------------------------------------------------
// Options
function parseArgs(argv) {
  const opts = {
    vsix: path.join(REPO, 'dist', 'gis-zhkh.vsix'),
    keep: false,
    timeoutSec: Number(process.env.GIS_ZHKH_E2E_TIMEOUT || 240),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') opts.vsix = path.resolve(argv[++i]);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--timeout') opts.timeoutSec = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node test/e2e/run.mjs [--vsix <file>] [--keep] [--timeout <seconds>]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

const OPTS = parseArgs(process.argv.slice(2));
const SHARED = path.resolve(process.env.GIS_ZHKH_SHARED || path.join(REPO, '..', 'shared'));
const SOURCE_DOC = path.join(SHARED, 'conformance', '16.3.0.0', 'nsi-common', 'exportNsiItem--v1.xml');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');
const FILE_NAME = 'exportNsiItem-bad-number.xml';
const ELEMENT = 'RegistryNumber';
const BAD_VALUE = '2,5x'; // NsiItemRegistryNumberType is an integer: the schema rejects this
const EXPECTED_SOURCE = 'ГИС ЖКХ';
// The exchange step: a sample request of the repository sent to the in-process sandbox stand.
const SAMPLE = path.join(REPO, 'samples', 'nsi-common', 'exportNsiItem.request.xml');
const SAMPLE_NAME = 'exportNsiItem.request.xml';
const SAMPLE_OPERATION = 'exportNsiItem';

const T0 = Date.now();
const log = (msg) => console.log(`[e2e +${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// The test document: a valid conformance request with one deliberate schema error.
export function makeTestDocument(sourceText) {
  const re = new RegExp(`(<([\\w.-]+:)?${ELEMENT}>)([^<]*)(</\\2?${ELEMENT}>)`);
  const m = re.exec(sourceText);
  if (!m) throw new Error(`no <${ELEMENT}> element in ${SOURCE_DOC}`);
  const text = sourceText.slice(0, m.index) + m[1] + BAD_VALUE + m[4] + sourceText.slice(m.index + m[0].length);
  const before = sourceText.slice(0, m.index);
  const line = before.split('\n').length; // 1-based line of the element's start tag
  const column = m.index - (before.lastIndexOf('\n') + 1) + 1; // 1-based column of its '<'
  const valueColumn = column + m[1].length; // 1-based column of the bad value
  return { text, line, column, valueColumn, original: m[3] };
}

// ---------------------------------------------------------------------------------------------
// Processes and cleanup
const cleanups = [];
let aborted = false; // set once the test has failed: stray waits must not fall back to other paths
let signalled = false; // SIGINT/SIGTERM/SIGHUP received
let codeServer = null; // { child, logFile, logTail: string[] }

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops code-server and everything it started (it runs in its own process group). */
async function killCodeServer() {
  if (!codeServer) return;
  const { child } = codeServer;
  const pid = child.pid;
  codeServer.stopping = true;
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await Promise.race([fn(), sleep(15_000)]);
    } catch (err) {
      console.error(`[e2e] cleanup: ${err.message}`);
    }
  }
}

function startCodeServer(bin, args, logFile, env) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  codeServer = { child, logFile, exited: null, stopping: false };
  child.on('exit', (code, signal) => {
    codeServer.exited = { code, signal };
    if (!codeServer.stopping) log(`code-server exited unexpectedly (${code ?? signal})`);
  });
  cleanups.push(killCodeServer);
  return child;
}

function tailOf(file, lines = 60) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHttp(url, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    if (codeServer?.exited) throw new Error(`code-server exited (${JSON.stringify(codeServer.exited)}) before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}

/** Polls `fn` until it returns a truthy value; the last falsy result's `why` is reported. */
async function waitFor(what, fn, timeoutMs, intervalMs = 500) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last && last.ok !== false) return last;
    } catch (err) {
      last = { ok: false, why: err.message };
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last?.why ? `: ${last.why}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Workbench helpers (ARIA roles and keyboard first; CSS only where VS Code exposes nothing else)

/** The Problems panel's tree, if it is showing. */
async function problemsTree(page) {
  const byRole = page.getByRole('tree', { name: /problem/i });
  if ((await byRole.count()) > 0 && (await byRole.first().isVisible())) return byRole.first();
  const byClass = page.locator('.markers-panel [role="tree"]');
  if ((await byClass.count()) > 0 && (await byClass.first().isVisible())) return byClass.first();
  return null;
}

/** The quick input's text box (a textbox in VS Code 1.99, a combobox in some other versions). */
function quickInputBox(page) {
  const widget = page.locator('.quick-input-widget');
  return widget.getByRole('textbox').or(widget.getByRole('combobox')).first();
}

async function runCommand(page, title) {
  const option = page.locator('.quick-input-widget').getByRole('option', { name: new RegExp(escapeRe(title), 'i') });
  // The palette filters commands by the context keys of the moment it opens (`editorIsOpen`…); one
  // opened while a just-opened editor's keys are still arriving lacks them until it is reopened.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = quickInputBox(page);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await option.first().waitFor({ state: 'visible', timeout: attempt === 1 ? 5_000 : 10_000 });
      break;
    } catch (err) {
      if (aborted || attempt === 2) throw err;
      log(`the command palette does not list «${title}» yet; reopening it`);
      await page.keyboard.press('Escape');
      await sleep(1_000);
    }
  }
  await page.keyboard.press('Enter');
}

/** Opens the sample request and waits until its text shows and the editor has the focus, as a user sends it. */
async function openSampleRequest(page) {
  await openFile(page, SAMPLE_NAME);
  const text = page.locator('.monaco-editor .view-lines').filter({ hasText: 'exportNsiItemRequest' }).first();
  await text.waitFor({ state: 'visible', timeout: 20_000 });
  await text.click();
  await page.locator('.monaco-editor.focused').first().waitFor({ state: 'attached', timeout: 10_000 });
}

async function openProblemsPanel(page) {
  if (await problemsTree(page)) return 'already open';
  await page.keyboard.press('Control+Shift+M');
  try {
    await waitFor('the Problems panel (Ctrl+Shift+M)', () => problemsTree(page), 5_000, 250);
    return 'Ctrl+Shift+M';
  } catch (err) {
    if (aborted) throw err;
    await runCommand(page, 'View: Toggle Problems');
    await waitFor('the Problems panel (command palette)', () => problemsTree(page), 10_000, 250);
    return 'command palette';
  }
}

async function openFile(page, fileName) {
  const tab = page.getByRole('tab', { name: new RegExp(escapeRe(fileName)) });
  try {
    await page.keyboard.press('Control+P');
    const input = quickInputBox(page);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(fileName);
    const option = page.locator('.quick-input-widget').getByRole('option', { name: new RegExp(escapeRe(fileName)) });
    await option.first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await tab.first().waitFor({ state: 'visible', timeout: 10_000 });
    return 'quick open';
  } catch (err) {
    if (aborted) throw err;
    log(`quick open did not open the file (${err.message.split('\n')[0]}); using the explorer`);
    await page.keyboard.press('Escape');
    await page.getByRole('treeitem', { name: new RegExp(escapeRe(fileName)) }).first().dblclick();
    await tab.first().waitFor({ state: 'visible', timeout: 10_000 });
    return 'explorer';
  }
}

/** Rows of the Problems tree: level, aria-label, visible text, error icon. */
async function problemRows(tree) {
  return tree.evaluate((el) =>
    [...el.querySelectorAll('[role="treeitem"]')].map((row) => ({
      level: Number(row.getAttribute('aria-level') || 0),
      label: row.getAttribute('aria-label') || '',
      text: (row.innerText || '').replace(/\s+/g, ' ').trim(),
      errorIcon: !!row.querySelector('.codicon-error'),
    })),
  );
}

/** Groups marker rows under the resource (file) row they follow. */
function groupRows(rows) {
  const groups = [];
  for (const row of rows) {
    if (row.level <= 1) groups.push({ resource: row, markers: [] });
    else if (groups.length) groups[groups.length - 1].markers.push(row);
  }
  return groups;
}

function parseLnCol(s) {
  const m = /\[Ln (\d+), Col (\d+)\]/.exec(s) || /\[[^\]\d]*(\d+)[^\]\d]+(\d+)\]/.exec(s);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

// ---------------------------------------------------------------------------------------------
async function main(state) {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  // Preconditions
  if (!fs.existsSync(OPTS.vsix)) {
    throw new Error(`extension package ${OPTS.vsix} not found: build it with \`npm run package\` (or pass --vsix <file>)`);
  }
  if (!fs.existsSync(SOURCE_DOC)) {
    throw new Error(`conformance document ${SOURCE_DOC} not found (set GIS_ZHKH_SHARED to the shared folder)`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  }

  const setupStart = Date.now();
  const cs = await ensureCodeServer({ log: (m) => log(m) });
  state.setupSeconds = (Date.now() - setupStart) / 1000;
  state.startDeadline(); // the run's own time limit starts once code-server is in the cache

  // Fresh profile, extensions dir, workspace
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-e2e-'));
  state.tmp = tmp;
  cleanups.push(async () => {
    if (OPTS.keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const xdg = path.join(tmp, 'xdg');
  for (const d of [userData, extensions, workspace, path.join(xdg, 'config'), path.join(xdg, 'data')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  writeJson(path.join(userData, 'User', 'settings.json'), {
    'security.workspace.trust.enabled': false,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'problems.defaultViewMode': 'tree',
    'editor.minimap.enabled': false,
    'editor.hover.delay': 200,
    // Any free port: another sandbox (a test, another window) may hold the default 8089.
    'gisZhkh.sandbox.port': 0,
  });
  // Its own config file, so code-server neither reads nor writes ~/.config/code-server.
  const config = path.join(tmp, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
  };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;

  const doc = makeTestDocument(fs.readFileSync(SOURCE_DOC, 'utf8'));
  const docPath = path.join(workspace, FILE_NAME);
  fs.writeFileSync(docPath, doc.text);
  fs.writeFileSync(path.join(ARTIFACTS, FILE_NAME), doc.text);
  fs.copyFileSync(SAMPLE, path.join(workspace, SAMPLE_NAME));
  // Only the line is asserted; the columns are for the report (libxml2 reports no columns, so the
  // extension may point at the start tag or at the value).
  state.expected = {
    file: docPath,
    line: doc.line,
    elementColumn: doc.column,
    valueColumn: doc.valueColumn,
    element: ELEMENT,
    value: BAD_VALUE,
  };
  log(`test document ${docPath}: <${ELEMENT}>${doc.original} → ${BAD_VALUE} on line ${doc.line}`);

  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  // Install the extension
  log(`installing ${OPTS.vsix}`);
  const inst = spawnSync(cs.bin, [...common, '--force', '--install-extension', OPTS.vsix], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  const instOut = `${inst.stdout || ''}${inst.stderr || ''}`.trim();
  fs.writeFileSync(path.join(ARTIFACTS, 'install-extension.log'), instOut + '\n');
  if (inst.status !== 0 || !/successfully installed/i.test(instOut)) {
    throw new Error(`code-server --install-extension failed (exit ${inst.status ?? inst.signal}):\n${instOut}`);
  }
  const list = spawnSync(cs.bin, [...common, '--list-extensions', '--show-versions'], { encoding: 'utf8', env, timeout: 60_000 });
  const installed = (list.stdout || '').split('\n').filter((l) => /^[\w-]+\.[\w-]+@/.test(l.trim()));
  if (!installed.length) throw new Error(`no extension listed after install:\n${list.stdout}${list.stderr}`);
  state.extensions = installed;
  log(`installed: ${installed.join(', ')}`);

  // Start code-server
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const csLog = path.join(ARTIFACTS, 'code-server.log');
  state.csLog = csLog;
  startCodeServer(
    cs.bin,
    [
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--locale', 'en',
      '--ignore-last-opened',
      workspace,
    ],
    csLog,
    env,
  );
  await waitForHttp(`${base}/healthz`, 60_000);
  log(`code-server answers on ${base}`);

  // Browser
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This script stops the browser itself (cleanup, signal handlers below).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  state.page = page;
  const consoleLog = fs.createWriteStream(path.join(ARTIFACTS, 'browser-console.log'));
  cleanups.push(() => new Promise((r) => consoleLog.end(r)));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

  state.workbenchUrl = `${base}/?folder=${encodeURIComponent(workspace)}`;
  state.browserContext = context;
  await page.goto(state.workbenchUrl, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: 60_000 });
  // The explorer lists the workspace's file once the workbench and its file service are up.
  await page
    .getByRole('treeitem', { name: new RegExp(escapeRe(FILE_NAME)) })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  log('workbench loaded');
  const trust = page.getByRole('button', { name: /trust/i });
  if (await trust.count()) log('warning: a workspace trust prompt is showing');

  const how = await openFile(page, FILE_NAME);
  await page
    .locator('.monaco-editor .view-lines')
    .filter({ hasText: ELEMENT })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
  log(`opened ${FILE_NAME} (${how})`);

  // The language server's diagnostic shows as an error squiggle in the editor …
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  await waitFor('an error squiggle in the editor (the language server diagnostic)', async () => {
    const n = await squiggle.count();
    return n > 0 ? { n } : { ok: false, why: 'no .squiggly-error decoration yet' };
  }, 120_000);
  log('error squiggle in the editor');
  // Hover it so the screenshot shows the message too (informative only).
  try {
    const box = await squiggle.first().boundingBox();
    if (box) {
      await page.mouse.move(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2);
      await page.locator('.monaco-hover').filter({ hasText: ELEMENT }).first().waitFor({ state: 'visible', timeout: 5_000 });
    }
  } catch (err) {
    if (aborted) throw err;
    log('(hover with the message did not show; screenshot without it)');
  }
  const editorShot = path.join(ARTIFACTS, '01-editor-squiggle.png');
  await page.screenshot({ path: editorShot });
  state.screenshots.push(editorShot);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // … and in the Problems panel, on the expected line.
  const via = await openProblemsPanel(page);
  log(`Problems panel open (${via})`);
  const tree = await problemsTree(page);
  const found = await waitFor(
    `an error for ${FILE_NAME} on line ${doc.line} mentioning ${ELEMENT} in the Problems panel`,
    async () => {
      const rows = await problemRows(tree);
      state.lastRows = rows;
      const groups = groupRows(rows);
      const group = groups.find((g) => g.resource.label.includes(FILE_NAME) || g.resource.text.includes(FILE_NAME));
      if (!group) return { ok: false, why: `no row for ${FILE_NAME} (rows: ${JSON.stringify(rows.map((r) => r.text))})` };
      const markers = group.markers.map((r) => ({ ...r, pos: parseLnCol(r.text) || parseLnCol(r.label) }));
      const hit = markers.find((r) => r.pos?.line === doc.line && (r.text + r.label).includes(ELEMENT));
      if (!hit) {
        return { ok: false, why: `problems of ${FILE_NAME}: ${JSON.stringify(markers.map((r) => r.text))}` };
      }
      return { hit, markers };
    },
    60_000,
  );
  const { hit } = found;
  const isError = hit.errorIcon || /^error\b/i.test(hit.label);
  if (!isError) throw new Error(`the problem on line ${doc.line} is not an error: ${hit.label || hit.text}`);
  if (!(hit.text + hit.label).includes(EXPECTED_SOURCE)) {
    throw new Error(`the problem on line ${doc.line} does not come from "${EXPECTED_SOURCE}": ${hit.text}`);
  }
  state.problem = { text: hit.text, ariaLabel: hit.label, line: hit.pos.line, column: hit.pos.column };
  state.problems = found.markers.map((r) => r.text);
  log(`Problems panel: ${hit.text}`);

  await tree.locator('[role="treeitem"]', { hasText: `Ln ${doc.line}` }).first().click().catch(() => {});
  const problemsShot = path.join(ARTIFACTS, '02-problems-panel.png');
  await page.screenshot({ path: problemsShot });
  state.screenshots.push(problemsShot);

  // The status bar names the bound operation and the format version; clicking it tells which
  // package and schema file validated the document.
  const statusItem = page.locator('.statusbar-item', { hasText: 'exportNsiItem' }).first();
  await statusItem.waitFor({ state: 'visible', timeout: 30_000 });
  const statusText = (await statusItem.innerText()).trim();
  if (!statusText.includes('16.3.0.0')) throw new Error(`the status bar item does not name the format version: "${statusText}"`);
  state.statusBar = statusText;
  log(`status bar: ${statusText}`);
  await statusItem.click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'hcs-nsi-common-types.xsd' }).first();
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  state.bindingDialog = (await dialog.innerText()).trim();
  const dialogShot = path.join(ARTIFACTS, '03-binding-dialog.png');
  await page.screenshot({ path: dialogShot });
  state.screenshots.push(dialogShot);
  await page.keyboard.press('Escape');

  await hoverAndComplete(page, state);
  await sendToSandbox(page, state);
  await ambiguousSendAndRetry(page, state);
  await secondWindowReadOnly(state);
}

/**
 * A second window (another browser tab: its own extension host) finds the journal held by the
 * first: it says so, shows the journal read-only, and refuses to send from there.
 */
async function secondWindowReadOnly(state) {
  const page = await state.browserContext.newPage();
  state.page = page;
  await page.goto(state.workbenchUrl, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByRole('treeitem', { name: new RegExp(escapeRe(SAMPLE_NAME)) }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await runCommand(page, 'Focus on Exchange Journal View');
  state.secondWindow = await notification(page, /open in another VS Code window \(process \d+\), so here it is read-only/, 'saying the journal is read-only here', 60_000);
  const view = page.locator('.part.sidebar').first();
  await view.locator('.message', { hasText: /Read-only/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await view.getByRole('treeitem', { name: /^done/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
  log(`second window: ${state.secondWindow}`);
  // The window restores the first one's editors (the Settings editor among them, which can keep
  // the focus); start from none, so the request opened next is surely the active editor.
  await runCommand(page, 'View: Close All Editors');
  await openSampleRequest(page);
  await runCommand(page, 'ГИС ЖКХ: Send to GIS ZhKKh');
  state.secondWindowSend = await notification(page, /open for writing in another VS Code window/, 'refusing to send from the read-only window', 30_000);
  log(`second window, send: ${state.secondWindowSend}`);
  const shot = path.join(ARTIFACTS, '11-second-window-read-only.png');
  await page.screenshot({ path: shot });
  state.screenshots.push(shot);
}

/**
 * Sets a text setting in the Settings editor, as a user does (code-server does not notice a
 * settings.json changed behind its back).
 */
async function setSetting(page, key, value) {
  await runCommand(page, 'Preferences: Open Settings (UI)');
  const editor = page.locator('.settings-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  // A machine setting of a remote window (code-server) lives in the «Remote» settings.
  await editor.locator('.settings-tabs-widget .action-label', { hasText: /^Remote/ }).first().click();
  await editor.locator('.settings-header .suggest-input-container').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(key);
  const item = editor.locator('.setting-item-contents', { hasText: /Faults the sandbox injects/ }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  const input = item.locator('.setting-item-control input').first();
  await input.click();
  await page.keyboard.press('Control+A');
  if (value) await page.keyboard.type(value);
  else await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  await sleep(1000); // the Settings editor writes after a short pause
  await page.keyboard.press('Control+W');
}

/** Starts the sandbox once VS Code has read the changed fault setting (the start message names the faults). */
async function startSandboxWhenSettled(page, withFaults) {
  await waitFor(`the sandbox started ${withFaults ? 'with' : 'without'} injected faults`, async () => {
    await clearNotifications(page);
    await runCommand(page, 'ГИС ЖКХ: Start Sandbox');
    const text = await notification(page, /The sandbox runs at/, 'saying the sandbox runs', 60_000);
    if (/Injected faults/.test(text) === withFaults) return { ok: true };
    await stopSandbox(page);
    return { ok: false, why: `settings not read yet: ${text}` };
  }, 30_000, 1000);
  await clearNotifications(page);
}

/** Stops the sandbox; the journal view's title then offers «Start Sandbox» again. */
async function stopSandbox(page) {
  await runCommand(page, 'ГИС ЖКХ: Stop Sandbox');
  await page.locator('.part.sidebar').getByRole('button', { name: 'Start Sandbox' }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-list-item').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/**
 * The ambiguous case: the sandbox takes the request and drops the connection before answering
 * (`send.dropAfter=1`). The extension asks whether to send again with the same MessageGUID; the
 * user says no, and the message stays «sending». With the fault gone (sandbox restarted on a new
 * port, so the exchange is reopened), «Retry» from the journal tree's context menu sends it again
 * with its MessageGUID; the sandbox answers with its original acknowledgement and processes it once.
 */
async function ambiguousSendAndRetry(page, state) {
  await clearNotifications(page);
  await stopSandbox(page);
  await setSetting(page, 'gisZhkh.sandbox.faults', 'send.dropAfter=1');
  await startSandboxWhenSettled(page, true);

  await page.getByRole('tab', { name: new RegExp(`^${escapeRe(SAMPLE_NAME)}`) }).first().click();
  await runCommand(page, 'ГИС ЖКХ: Send to GIS ZhKKh');
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('sandbox');
  await page.locator('.quick-input-widget').getByRole('option', { name: /sandbox/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  state.resendQuestion = await notification(page, /may have reached GIS\. Send it again with the same MessageGUID\?/, 'asking whether to resend', 60_000);
  log(`asked: ${state.resendQuestion}`);
  const question = page.locator('.notification-list-item', { hasText: 'may have reached GIS' }).first();
  const askShot = path.join(ARTIFACTS, '09-resend-question.png');
  await page.screenshot({ path: askShot });
  state.screenshots.push(askShot);
  await question.getByRole('button', { name: 'Do not send' }).click();
  state.unconfirmed = await notification(page, /GIS has not confirmed it/, 'saying GIS has not confirmed the message', 30_000);
  log(`outcome: ${state.unconfirmed}`);

  // The fault goes; the sandbox restarts (its data kept) on another free port.
  await clearNotifications(page);
  await stopSandbox(page);
  await setSetting(page, 'gisZhkh.sandbox.faults', '');
  await startSandboxWhenSettled(page, false);

  const view = page.locator('.part.sidebar').first();
  const sending = view.getByRole('treeitem', { name: /^sending/ }).first();
  await sending.waitFor({ state: 'visible', timeout: 20_000 });
  // The message row right under the «sending» group.
  const rows = view.getByRole('treeitem');
  const texts = await rows.allInnerTexts();
  const at = texts.findIndex((t) => /^sending/.test(t.trim()));
  const message = rows.nth(at + 1);
  await message.click({ button: 'right' });
  const retryItem = page.getByRole('menuitem', { name: /^Retry$/ }).first();
  await retryItem.waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(400); // a VS Code menu ignores a click that comes right after it opens
  await retryItem.hover();
  await page.keyboard.press('Enter');
  state.retryOutcome = await notification(page, new RegExp(`${SAMPLE_OPERATION}: (processed by GIS|failed|refused|no answer|GIS has not confirmed)`), 'with the outcome of the retry', 90_000);
  log(`retry: ${state.retryOutcome}`);
  if (!/processed by GIS/.test(state.retryOutcome)) throw new Error(`the retried message was not processed: ${state.retryOutcome}`);
  await waitFor('the journal tree with two done messages and none sending', async () => {
    const now = (await view.getByRole('treeitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    state.journalTreeAfterRetry = now;
    return now.some((t) => /^done ?2$/.test(t)) && !now.some((t) => /^sending/.test(t)) ? { ok: true } : { ok: false, why: JSON.stringify(now) };
  }, 20_000);
  log(`journal tree: ${state.journalTreeAfterRetry.join(' | ')}`);

  // The exchange's output channel (its log file in the profile) holds the sandbox's side: the
  // message was accepted once, and the resend got the original acknowledgement.
  const guid = /Message ([0-9a-f-]{36})/.exec(state.resendQuestion)?.[1];
  await waitFor('the sandbox log of the resend in the exchange output channel', async () => {
    const files = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/обмен\.log$/.test(e.name)) files.push(p);
      }
    };
    walk(path.join(state.tmp, 'user-data', 'logs'));
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const accepted = text.split('\n').filter((l) => l.includes(`Accepted ${SAMPLE_OPERATION}: ${guid}`)).length;
    const resent = text.split('\n').filter((l) => l.includes(`Resend of ${SAMPLE_OPERATION} ${guid}: original acknowledgement`)).length;
    state.sandboxSide = { guid, accepted, resent };
    return accepted === 1 && resent === 1 ? { ok: true } : { ok: false, why: JSON.stringify(state.sandboxSide) };
  }, 15_000);
  log(`sandbox: ${guid} accepted once, its resend answered with the original acknowledgement`);
  const shot = path.join(ARTIFACTS, '10-after-retry.png');
  await page.screenshot({ path: shot });
  state.screenshots.push(shot);
}

/** A notification toast whose message matches `re`, once it shows. */
async function notification(page, re, what, timeoutMs) {
  const item = page.locator('.notification-list-item', { has: page.locator('.notification-list-item-message', { hasText: re }) }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs }).catch((err) => {
    throw new Error(`no notification ${what} within ${timeoutMs / 1000} s (${err.message.split('\n')[0]})`);
  });
  return (await item.locator('.notification-list-item-message').innerText()).trim();
}

/**
 * «ГИС ЖКХ: Запустить песочницу», then «Отправить в ГИС ЖКХ…» of a sample request to the sandbox
 * stand: the final notification says the message was processed, and the journal tree lists it
 * under the sandbox stand and the state «done»; clicking it opens the request and the answer.
 */
async function sendToSandbox(page, state) {
  await runCommand(page, 'ГИС ЖКХ: Start Sandbox');
  state.sandbox = await notification(page, /The sandbox runs at/, 'saying the sandbox runs', 60_000);
  log(`sandbox: ${state.sandbox}`);

  await openSampleRequest(page);
  await runCommand(page, 'ГИС ЖКХ: Send to GIS ZhKKh');
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('sandbox');
  await page.locator('.quick-input-widget').getByRole('option', { name: /sandbox/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  const t0 = Date.now();
  state.sendOutcome = await notification(page, new RegExp(`${SAMPLE_OPERATION}: (processed by GIS|failed|refused|no answer|GIS has not confirmed)`), 'with the outcome of the send', 90_000);
  state.sendSeconds = (Date.now() - t0) / 1000;
  log(`outcome after ${state.sendSeconds.toFixed(1)} s: ${state.sendOutcome}`);
  if (!/processed by GIS/.test(state.sendOutcome)) throw new Error(`the sandbox did not process the request: ${state.sendOutcome}`);
  const outcomeShot = path.join(ARTIFACTS, '06-send-outcome.png');
  await page.screenshot({ path: outcomeShot });
  state.screenshots.push(outcomeShot);

  // The journal tree: stand → state → message.
  await runCommand(page, 'Focus on Exchange Journal View');
  const view = page.locator('.part.sidebar').first();
  const message = view.getByRole('treeitem', { name: new RegExp(SAMPLE_OPERATION) }).first();
  await waitFor(`${SAMPLE_OPERATION} in the journal tree`, async () => {
    if (await message.isVisible()) return { ok: true };
    return { ok: false, why: `tree rows: ${JSON.stringify(await view.getByRole('treeitem').allInnerTexts())}` };
  }, 30_000);
  state.journalTree = (await view.getByRole('treeitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`journal tree: ${state.journalTree.join(' | ')}`);
  if (!state.journalTree.some((t) => /sandbox/.test(t))) throw new Error('the journal tree has no sandbox stand');
  if (!state.journalTree.some((t) => /^done ?\d/.test(t))) throw new Error('the journal tree has no «done» group');
  await message.hover();
  const treeShot = path.join(ARTIFACTS, '07-journal-tree.png');
  await page.screenshot({ path: treeShot });
  state.screenshots.push(treeShot);

  // Clicking the message opens its request and answer side by side.
  await message.click();
  for (const name of ['request.xml', 'answer.xml']) {
    await page.getByRole('tab', { name: new RegExp(`^${escapeRe(name)}`) }).first().waitFor({ state: 'visible', timeout: 20_000 });
  }
  await page.locator('.monaco-editor .view-lines').filter({ hasText: 'RequestState' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  log('request.xml and answer.xml open side by side');
  const pairShot = path.join(ARTIFACTS, '08-request-answer.png');
  await page.screenshot({ path: pairShot });
  state.screenshots.push(pairShot);
}

/** Hover over an element name shows its schema description; completion in its value offers the enumeration. */
async function hoverAndComplete(page, state) {
  const name = page.locator('.monaco-editor .view-line span span', { hasText: /ListGroup/ }).first();
  await name.waitFor({ state: 'visible', timeout: 10_000 });
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Values:' }).first();
  await waitFor('a hover with the description and values of ListGroup', async () => {
    const box = await name.boundingBox();
    if (!box) return { ok: false, why: 'ListGroup is not on screen' };
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    try {
      await hover.waitFor({ state: 'visible', timeout: 4_000 });
    } catch {
      return { ok: false, why: 'no hover with "Values:" yet' };
    }
    return { text: (await hover.innerText()).trim() };
  }, 40_000).then((r) => {
    state.hover = r.text;
  });
  if (!/NSIRAO/.test(state.hover)) throw new Error(`the hover does not list the enumeration: ${state.hover}`);
  log(`hover: ${state.hover.replace(/\s+/g, ' ').slice(0, 160)}`);
  const hoverShot = path.join(ARTIFACTS, '04-hover.png');
  await page.screenshot({ path: hoverShot });
  state.screenshots.push(hoverShot);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // Completion: the cursor after the value NSI, then Ctrl+Space.
  const value = page.locator('.monaco-editor .view-line span span', { hasText: /^NSI$/ }).first();
  const box = await value.boundingBox();
  if (!box) throw new Error('the value NSI of ListGroup is not on screen');
  await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
  const suggest = page.locator('.suggest-widget').filter({ hasText: 'NSIRAO' }).first();
  await waitFor('a completion list offering NSIRAO', async () => {
    await page.keyboard.press('Control+Space');
    try {
      await suggest.waitFor({ state: 'visible', timeout: 4_000 });
    } catch {
      return { ok: false, why: 'no suggestion list with NSIRAO yet' };
    }
    return { text: (await suggest.innerText()).trim() };
  }, 40_000).then((r) => {
    state.completion = r.text;
  });
  log(`completion: ${state.completion.replace(/\s+/g, ' ').slice(0, 120)}`);
  const suggestShot = path.join(ARTIFACTS, '05-completion.png');
  await page.screenshot({ path: suggestShot });
  state.screenshots.push(suggestShot);
  await page.keyboard.press('Escape');
}

// ---------------------------------------------------------------------------------------------
async function collectFailureArtifacts(state) {
  if (state.page) {
    const shot = path.join(ARTIFACTS, 'failure.png');
    try {
      await state.page.screenshot({ path: shot, timeout: 10_000 });
      state.screenshots.push(shot);
    } catch (err) {
      console.error(`[e2e] failure screenshot: ${err.message.split('\n')[0]}`);
    }
  }
  // VS Code's own logs (server, extension host, output channels) from the temporary profile.
  if (state.tmp) {
    const logsDir = path.join(state.tmp, 'user-data', 'logs');
    if (fs.existsSync(logsDir)) {
      fs.cpSync(logsDir, path.join(ARTIFACTS, 'vscode-logs'), { recursive: true });
    }
  }
  if (state.csLog) {
    console.error(`\n--- code-server log tail (${state.csLog}) ---\n${tailOf(state.csLog, 60)}`);
  }
  const exthost = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$|gis|ГИС/i.test(p)) exthost.push(p);
    }
  };
  try {
    walk(path.join(ARTIFACTS, 'vscode-logs'));
  } catch {
    /* none */
  }
  for (const f of exthost) console.error(`\n--- ${path.relative(ARTIFACTS, f)} (tail) ---\n${tailOf(f, 30)}`);
}

async function mainWithLimits() {
  const state = { screenshots: [], startDeadline: () => {} };
  let deadlineTimer;
  const deadline = new Promise((_, reject) => {
    state.startDeadline = () => {
      deadlineTimer = setTimeout(
        () => reject(new Error(`overall timeout: the test did not finish within ${OPTS.timeoutSec} s`)),
        OPTS.timeoutSec * 1000,
      );
    };
  });
  deadline.catch(() => {});

  const onSignal = (sig) => {
    if (signalled) return;
    signalled = true;
    aborted = true;
    console.error(`[e2e] ${sig}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Last safety net: whatever happens, code-server's process group does not outlive this script.
  process.on('exit', () => {
    const pid = codeServer?.child.pid;
    if (pid && groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  let exitCode = 0;
  try {
    await Promise.race([main(state), deadline]);
    log(`PASS: error on line ${state.problem.line} (col ${state.problem.column}) for ${FILE_NAME} in the Problems panel; ${SAMPLE_OPERATION} sent to the sandbox and processed, an unconfirmed send retried with its MessageGUID`);
  } catch (err) {
    aborted = true;
    if (signalled) {
      exitCode = 130;
      console.error('[e2e] interrupted');
      await cleanup();
      process.exit(exitCode);
    }
    exitCode = 1;
    console.error(`\n[e2e] FAIL: ${err.message}`);
    // A last-resort guard in case collecting artifacts or cleanup hangs.
    setTimeout(() => {
      console.error('[e2e] cleanup hung; killing code-server and exiting');
      if (codeServer?.child.pid) {
        try {
          process.kill(-codeServer.child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      process.exit(1);
    }, 60_000).unref();
    await collectFailureArtifacts(state).catch((e) => console.error(`[e2e] artifacts: ${e.message}`));
  } finally {
    clearTimeout(deadlineTimer);
    await cleanup();
  }
  const seconds = (Date.now() - T0) / 1000;
  writeJson(path.join(ARTIFACTS, 'result.json'), {
    pass: exitCode === 0,
    vsix: OPTS.vsix,
    extensions: state.extensions,
    expected: state.expected,
    problem: state.problem,
    problems: state.problems,
    statusBar: state.statusBar,
    bindingDialog: state.bindingDialog,
    hover: state.hover,
    completion: state.completion,
    sandbox: state.sandbox,
    sendOutcome: state.sendOutcome,
    sendSeconds: state.sendSeconds,
    journalTree: state.journalTree,
    resendQuestion: state.resendQuestion,
    unconfirmed: state.unconfirmed,
    retryOutcome: state.retryOutcome,
    journalTreeAfterRetry: state.journalTreeAfterRetry,
    sandboxSide: state.sandboxSide,
    secondWindow: state.secondWindow,
    secondWindowSend: state.secondWindowSend,
    lastProblemRows: exitCode === 0 ? undefined : state.lastRows,
    screenshots: state.screenshots,
    setupSeconds: state.setupSeconds,
    totalSeconds: seconds,
  });
  for (const s of state.screenshots) log(`screenshot: ${s}`);
  log(`${exitCode === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s (artifacts: ${ARTIFACTS})`);
  process.exit(exitCode);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) mainWithLimits();
