// What the browser tests share: a `manage up` of their own on loopback with the built screens, a
// headless Debian Chromium driven by playwright-core, an OCPP 1.6J charge point, and screenshots.
// Run by ctest as `node --test e2e/` with MANAGE_BIN, MANAGE_WEB_DIST and MANAGE_SCREENSHOTS set.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const manageBin = process.env.MANAGE_BIN ?? path.join(repo, 'build/debug/apps/manage/manage');
const webDist = process.env.MANAGE_WEB_DIST ?? path.join(repo, 'web/dist');
export const screenshotDir = process.env.MANAGE_SCREENSHOTS ?? path.join(repo, 'build/web-screenshots');

/** Resolves when `condition()` returns a truthy value, re-checking every 100 ms until `timeoutMs`. */
export async function eventually(condition, timeoutMs = 15000, what = 'the condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `manage up` with every port picked by the system (127.0.0.1:0) and a data directory of its
 * own; resolves once it printed its addresses. `stop()` sends SIGTERM and waits for the exit.
 */
export async function startManage() {
  const dir = mkdtempSync(path.join(tmpdir(), 'manage-web-e2e-'));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, [
    'http:', '  listen: 127.0.0.1:0', `  web_dir: ${webDist}`,
    'ocpp:', '  listen: 127.0.0.1:0', '  boot_policy: accept', '  heartbeat_interval_s: 60',
    'data:', `  dir: ${path.join(dir, 'data')}`,
    'log:', '  level: warn', '  format: text', '',
  ].join('\n'));
  const child = spawn(manageBin, ['up', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  exited.then(() => { gone = true; });
  const addresses = await eventually(() => {
    if (gone) throw new Error(`manage up exited before it was ready:\n${output}`);
    const web = output.match(/Web:\s+(http:\/\/127\.0\.0\.1:\d+)\//);
    const ocpp = output.match(/Chargers:\s+(ws:\/\/127\.0\.0\.1:\d+\/ocpp)\//);
    return web && ocpp ? { url: web[1], ocppUrl: ocpp[1] } : null;
  }, 60000, `manage up to print its addresses (output so far:\n${output})`);
  const data = path.join(dir, 'data');
  const manage = {
    ...addresses,
    email: 'admin@manage.local',
    password: readFileSync(path.join(data, 'admin-password'), 'utf8').trim(),
    apiKey: readFileSync(path.join(data, 'admin-api-key'), 'utf8').trim(),
    output: () => output,
    /** The API as an integrator calls it (the admin key); throws on an answer that is not 2xx. */
    async api(method, route, body) {
      const response = await fetch(addresses.url + route, {
        method,
        headers: { Authorization: `Bearer ${manage.apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const { code, signal } = await exited;
      rmSync(dir, { recursive: true, force: true });
      return { code, signal };
    },
  };
  return manage;
}

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's Chromium, headless, with one page at 1280×800. `problems` collects what a user would call
 * an error: exceptions in the page, console errors, and answers of 500 or more. The browser's own
 * "Failed to load resource" lines for 4xx answers are not counted: the screens ask for what may be
 * refused (the session check before sign-in, a form the API rejects) and show it themselves.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
  return { browser, context, page, problems };
}

/** Signs in through the sign-in screen, which any first visit leads to. */
export async function signIn(page, manage) {
  await page.goto(manage.url + '/');
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel(/e-?mail/i).fill(manage.email);
  await page.getByLabel(/password/i).fill(manage.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Saves the page as <screenshots>/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * An OCPP 1.6J charge point: boots, reports its connectors, and does what a real one does when told
 * to start or stop remotely (answers, then sends StartTransaction / StopTransaction and meter values).
 */
export class ChargePoint {
  constructor(ocppUrl, id, { connectors = 2, vendor = 'E2E Motors', model = 'Depot 150' } = {}) {
    this.url = `${ocppUrl}/${encodeURIComponent(id)}`;
    this.id = id;
    this.connectors = connectors;
    this.vendor = vendor;
    this.model = model;
    this.pending = new Map();
    this.nextId = 1;
    this.transactions = new Map(); // connectorId → transactionId
    this.meterWh = 0;
  }

  async connect() {
    this.socket = new WebSocket(this.url, 'ocpp1.6');
    await new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data) => this.#receive(JSON.parse(String(data))));
  }

  async boot() {
    await this.connect();
    const boot = await this.call('BootNotification', {
      chargePointVendor: this.vendor, chargePointModel: this.model, firmwareVersion: '1.0.0',
    });
    if (boot.status !== 'Accepted') throw new Error(`boot not accepted: ${JSON.stringify(boot)}`);
    await this.status(0, 'Available');
    for (let c = 1; c <= this.connectors; ++c) await this.status(c, 'Available');
  }

  status(connectorId, status) {
    return this.call('StatusNotification', { connectorId, status, errorCode: 'NoError', timestamp: new Date().toISOString() });
  }

  call(action, payload) {
    const id = String(this.nextId++);
    this.socket.send(JSON.stringify([2, id, action, payload]));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, action }));
  }

  async startTransaction(connectorId, idTag) {
    await this.status(connectorId, 'Preparing');
    const started = await this.call('StartTransaction', {
      connectorId, idTag, meterStart: this.meterWh, timestamp: new Date().toISOString(),
    });
    this.transactions.set(connectorId, started.transactionId);
    await this.status(connectorId, 'Charging');
    this.meterWh += 1500;
    await this.call('MeterValues', {
      connectorId, transactionId: started.transactionId,
      meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [
        { value: String(this.meterWh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: '22000', measurand: 'Power.Active.Import', unit: 'W' },
      ] }],
    });
    return started.transactionId;
  }

  async stopTransaction(transactionId) {
    const connectorId = [...this.transactions].find(([, id]) => id === transactionId)?.[0];
    this.meterWh += 500;
    await this.call('StopTransaction', { transactionId, meterStop: this.meterWh, timestamp: new Date().toISOString() });
    if (connectorId !== undefined) {
      this.transactions.delete(connectorId);
      await this.status(connectorId, 'Available');
    }
  }

  close() {
    this.socket?.close();
  }

  #receive(frame) {
    const [type, id] = frame;
    if (type === 3 || type === 4) {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (type === 3) waiting.resolve(frame[2]);
      else waiting.reject(new Error(`${waiting.action}: ${frame[2]} ${frame[3]}`));
      return;
    }
    const [, , action, payload] = frame;
    const { answer, then } = this.#answer(action, payload);
    this.socket.send(JSON.stringify(answer === null ? [4, id, 'NotImplemented', `${action} is not simulated`, {}] : [3, id, answer]));
    then?.().catch(() => {});
  }

  #answer(action, payload) {
    switch (action) {
      case 'RemoteStartTransaction': {
        const connectorId = payload.connectorId ?? 1;
        return { answer: { status: 'Accepted' }, then: () => this.startTransaction(connectorId, payload.idTag) };
      }
      case 'RemoteStopTransaction':
        return { answer: { status: 'Accepted' }, then: () => this.stopTransaction(payload.transactionId) };
      case 'GetConfiguration':
        return { answer: { configurationKey: [
          { key: 'HeartbeatInterval', readonly: false, value: '60' },
          { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
          { key: 'NumberOfConnectors', readonly: true, value: String(this.connectors) },
        ], unknownKey: [] } };
      case 'ChangeConfiguration':
      case 'Reset':
      case 'UnlockConnector':
      case 'ChangeAvailability':
      case 'TriggerMessage':
      case 'ClearCache':
        return { answer: { status: action === 'UnlockConnector' ? 'Unlocked' : 'Accepted' } };
      default:
        return { answer: null };
    }
  }
}
