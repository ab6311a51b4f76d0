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
      '--disable-dev-shm-usage',  // containers often have a tiny /dev/shm
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

// Points (page coordinates) where a real click should hit a graph node or
// edge: the node's centre, or points along the edge's curve that no node
// covers (a random layout may put a node or its label on an edge's middle).
async function graphPoints(page, id) {
  return page.evaluate((elementId) => {
    const cy = window.ententeGraph;
    const item = cy.getElementById(elementId);
    if (item.empty()) throw new Error(`no graph element ${elementId}`);
    const box = cy.container().getBoundingClientRect();
    const toPage = (p) => ({ x: box.left + p.x * cy.zoom() + cy.pan().x, y: box.top + p.y * cy.zoom() + cy.pan().y });
    if (item.isNode()) return [toPage(item.position())];
    const a = item.sourceEndpoint();
    const b = item.targetEndpoint();
    const c = item.controlPoints();
    const along = (t) => (c && c.length === 1
      ? { x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * c[0].x + t * t * b.x, y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * c[0].y + t * t * b.y }
      : { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    const covered = (p) => cy.nodes().some((n) => {
      const bb = n.boundingBox({ includeLabels: true });
      return p.x > bb.x1 - 3 && p.x < bb.x2 + 3 && p.y > bb.y1 - 3 && p.y < bb.y2 + 3;
    });
    return [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75].map(along).filter((p) => !covered(p)).map(toPage);
  }, id);
}

// Clicks a graph node or edge with the mouse, as a user would, and returns
// once the page has selected it (trying the next point along an edge when
// another element was on top).
export async function clickGraph(page, id) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const points = await graphPoints(page, id);
  for (const p of points) {
    await page.mouse.click(p.x, p.y);
    const hit = await page.evaluate((want) => window.ententeState.selected && window.ententeState.selected.id === want, id);
    if (hit) return;
  }
  throw new Error(`clicking ${id} at ${JSON.stringify(points)} did not select it`);
}

// GET on the API from inside the page (same origin, same URL encoding).
export async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, body: await r.json() };
  }, path);
}
