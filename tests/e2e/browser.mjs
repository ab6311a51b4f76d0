// Shared set-up for the browser tests: Debian's chromium driven by
// playwright-core (no browser download), a fresh profile per run, and a
// record of every request so tests can check the page stays on its origin.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('../../web/node_modules/playwright-core');

export const BASE_URL = process.env.ENTENTE_URL;
export const ARTIFACTS = process.env.ENTENTE_E2E_ARTIFACTS || 'build/e2e-artifacts';

export async function openBrowser() {
  if (!BASE_URL) throw new Error('ENTENTE_URL is not set: run the tests through tests/e2e/run.sh');
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'entente-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  const session = { context, page, requests: [], problems: [] };
  const origin = new URL(BASE_URL).origin;
  page.on('request', (r) => session.requests.push(r.url()));
  page.on('pageerror', (err) => session.problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) session.problems.push(`console error: ${msg.text()}`);
  });
  session.foreignRequests = () =>
    session.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  session.close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return session;
}

// Waits until the page reports its graph as drawn (or failed) and returns
// what it drew.
export async function waitForGraph(page, timeout = 15000) {
  await page.waitForFunction(() => document.body.dataset.graphReady, null, { timeout });
  return page.evaluate(() => ({
    status: document.body.dataset.graphReady,
    nodes: window.ententeGraph ? window.ententeGraph.nodes().map((n) => n.id()).sort() : [],
    edges: window.ententeGraph ? window.ententeGraph.edges().map((e) => e.id()).sort() : [],
    drawnMs: window.ententeState.graphDrawnMs,
    layoutMs: window.ententeState.layoutMs,
  }));
}

// Starts a new graph load and waits for it (the ready flag is reset first).
export async function reloadGraph(page, action) {
  await page.evaluate(() => { delete document.body.dataset.graphReady; });
  await action();
  return waitForGraph(page);
}

// The page coordinates of a graph node (its centre) or edge (its midpoint).
export async function graphPoint(page, id) {
  return page.evaluate((elementId) => {
    const cy = window.ententeGraph;
    const item = cy.getElementById(elementId);
    if (item.empty()) throw new Error(`no graph element ${elementId}`);
    const p = item.isNode() ? item.renderedPosition() : item.renderedMidpoint();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
}

// GET on the API from inside the page (same origin, same URL encoding).
export async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, body: await r.json() };
  }, path);
}
