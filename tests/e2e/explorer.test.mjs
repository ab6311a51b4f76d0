// End-to-end tests of the web explorer in headless chromium against
// `entente serve` on a database ingested from tests/e2e/fixtures (three
// short articles written for these tests: Norway and Sweden sign an accord,
// Chile condemns Bolivia and Bolivia accuses Chile, Peru and Chile sign a
// fisheries pact). Run by tests/e2e/run.sh, which starts the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, waitForGraph, reloadGraph, clickGraph, apiGet, BASE_URL, ARTIFACTS } from './browser.mjs';

let session;
let page;

before(async () => {
  session = await openBrowser();
  page = session.page;
});

after(async () => {
  if (session) await session.close();
});

async function scrollTop() {
  await page.evaluate(() => window.scrollTo(0, 0));
}

function rgb(color) {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  assert.ok(m, `not an rgb colour: ${color}`);
  return { r: +m[1], g: +m[2], b: +m[3] };
}

test('the graph renders the fixture countries and their edges', async () => {
  await page.goto(BASE_URL);
  const drawn = await waitForGraph(page);
  assert.equal(drawn.status, 'true');
  assert.deepEqual(drawn.nodes, ['BOL', 'CHL', 'NOR', 'PER', 'SWE']);
  // The page draws exactly what the API returns.
  const api = await apiGet(page, '/api/graph');
  assert.equal(api.status, 200);
  assert.deepEqual(drawn.nodes, api.body.nodes.map((n) => n.id).sort());
  assert.deepEqual(drawn.edges, api.body.edges.map((e) => e.id).sort());
  for (const id of ['CHL>BOL', 'BOL>CHL', 'NOR>SWE', 'SWE>NOR', 'PER>CHL', 'CHL>PER']) {
    assert.ok(drawn.edges.includes(id), `edge ${id} missing from ${drawn.edges}`);
  }
  // Conflict is red, cooperation green; the busier edge is the wider.
  const style = await page.evaluate(() => {
    const cy = window.ententeGraph;
    const s = (id) => ({ color: cy.$id(id).style('line-color'), width: parseFloat(cy.$id(id).style('width')) });
    return { conflict: s('CHL>BOL'), coop: s('NOR>SWE'), label: cy.$id('CHL').style('label') };
  });
  const red = rgb(style.conflict.color);
  const green = rgb(style.coop.color);
  assert.ok(red.r > red.g + 40, `conflict edge not red: ${style.conflict.color}`);
  assert.ok(green.g > green.r + 40, `cooperation edge not green: ${style.coop.color}`);
  assert.ok(style.conflict.width > style.coop.width, 'CHL>BOL has two events, NOR>SWE one');
  assert.equal(style.label, 'Chile');
  const summary = await page.textContent('[data-testid=graph-summary]');
  assert.match(summary, /5 countries and organisations, 6 directed edges/);
  const health = await page.textContent('[data-testid=health]');
  assert.match(health, /3 documents/);
});

test('clicking a node opens its profile', async () => {
  await clickGraph(page, 'CHL');
  await page.waitForSelector('[data-testid=profile]:not([hidden])');
  assert.equal(await page.textContent('[data-testid=profile-name]'), 'Chile');
  assert.match(await page.textContent('[data-testid=profile-meta]'), /CHL/);
  assert.match(await page.textContent('[data-testid=profile-partners]'), /Peru/);
  assert.match(await page.textContent('[data-testid=profile-rivals]'), /Bolivia/);
  // The timeline is drawn (uPlot canvas) and listed.
  assert.equal(await page.locator('[data-testid=profile-chart] canvas').count(), 1);
  assert.ok((await page.locator('[data-testid=profile-timeline] tbody tr').count()) >= 1);
  // The quotation of the Chilean foreign minister is listed.
  assert.match(await page.textContent('[data-testid=profile-quotes]'), /defend every metre/);
  assert.equal(await page.evaluate(() => window.ententeGraph.$id('CHL').selected()), true);
});

test("a profile's quotations and partners lead to the article and the events", async () => {
  const profile = await apiGet(page, '/api/actors/CHL');
  assert.equal(profile.status, 200);
  const quote = profile.body.quotes.find((q) => q.text.includes('defend every metre'));
  assert.ok(quote, 'the API lists the quotation');
  await page.click('[data-testid=quote-item]');
  await page.waitForSelector('[data-testid=article]:not([hidden])');
  assert.equal(await page.textContent('[data-testid=evidence]'), quote.text);
  await page.click('[data-testid=article-back]');
  await page.waitForSelector('[data-testid=profile]:not([hidden])');
  // Partner Peru: the events of both directions between Chile and Peru.
  await page.click('[data-testid=profile-partners] [data-testid=relation-item]');
  await page.waitForSelector('[data-testid=edge-events]:not([hidden])');
  assert.equal(await page.textContent('[data-testid=edge-title]'), 'Chile ↔ Peru');
  const peru = profile.body.partners[0].actor;
  const both = await Promise.all([
    apiGet(page, `/api/events?source=CHL&target=a${peru.id}`),
    apiGet(page, `/api/events?source=a${peru.id}&target=CHL`),
  ]);
  const expected = both.flatMap((r) => r.body.events.map((e) => e.id)).sort();
  assert.equal(expected.length, 2);
  const shown = await page.locator('[data-testid=event-item]').evaluateAll((els) => els.map((e) => Number(e.dataset.eventId)));
  assert.deepEqual(shown.sort(), expected);
});

let edgeEvents;

test('clicking an edge lists its events', async () => {
  await clickGraph(page, 'CHL>BOL');
  // The panel may still show the partner's events: wait for this edge's.
  await page.waitForFunction(() => document.querySelector('[data-testid=edge-title]').textContent === 'Chile → Bolivia');
  assert.equal(await page.isVisible('[data-testid=edge-events]'), true);
  const api = await apiGet(page, '/api/events?source=CHL&target=BOL&limit=200');
  assert.equal(api.status, 200);
  edgeEvents = api.body.events;
  assert.equal(edgeEvents.length, 2);
  const ids = await page.locator('[data-testid=event-item]').evaluateAll((els) => els.map((e) => Number(e.dataset.eventId)));
  assert.deepEqual(ids.sort(), edgeEvents.map((e) => e.id).sort());
  const listText = await page.textContent('[data-testid=event-list]');
  assert.match(listText, /Chile condemned Bolivia/);
  assert.match(listText, /111/);
});

test('clicking an event shows the article with its evidence highlighted', async () => {
  // Both events: the second one's evidence follows an em dash, so its byte
  // and character offsets differ.
  for (const event of edgeEvents) {
    await page.click(`[data-testid=event-item][data-event-id="${event.id}"]`);
    await page.waitForSelector('[data-testid=article]:not([hidden])');
    await page.waitForFunction((text) => document.querySelector('[data-testid=evidence]')?.textContent === text, event.evidence.text);
    const mark = page.locator('[data-testid=evidence]');
    assert.equal(await mark.count(), 1);
    assert.equal(await mark.textContent(), event.evidence.text);
    const doc = await apiGet(page, `/api/documents/${encodeURIComponent(event.document)}`);
    assert.equal(doc.status, 200);
    assert.equal(await page.textContent('[data-testid=article-text]'), doc.body.text);
    assert.equal(await page.textContent('[data-testid=article-title]'), doc.body.title);
    // The highlight is scrolled into view inside the article box.
    await page.waitForFunction(() => {
      const m = document.querySelector('[data-testid=evidence]').getBoundingClientRect();
      const box = document.querySelector('[data-testid=article-text]').getBoundingClientRect();
      return m.top >= box.top - 1 && m.bottom <= box.bottom + 1 && m.top >= 0 && m.bottom <= window.innerHeight;
    });
    await page.click('[data-testid=article-back]');
    await page.waitForSelector('[data-testid=edge-events]:not([hidden])');
  }
  await page.click(`[data-testid=event-item][data-event-id="${edgeEvents[edgeEvents.length - 1].id}"]`);
  await page.waitForSelector('[data-testid=evidence]');
  await scrollTop();
  await page.screenshot({ path: join(ARTIFACTS, 'explorer.png'), fullPage: false });
});

test('the extract box lists and highlights what it finds in pasted text', async () => {
  const text = 'Monday, May 4, 2026\n\nNorway and Sweden signed an agreement on fishing quotas in Oslo on Monday. ' +
    '“The deal protects our coasts,” said Norwegian Prime Minister Jonas Gahr Støre.';
  await page.fill('[data-testid=extract-text]', text);
  await page.click('[data-testid=extract-run]');
  await page.waitForSelector('[data-testid=extract-result]:not([hidden])');
  const direct = await page.evaluate(async (t) => {
    const r = await fetch('/api/extract', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: t }) });
    return r.json();
  }, text);
  const names = await page.locator('[data-testid=extract-entity] td:first-child').allTextContents();
  assert.deepEqual(names, direct.entities.map((e) => e.name));
  assert.ok(names.includes('Norway') && names.includes('Sweden'), `entities: ${names}`);
  const highlighted = await page.locator('[data-testid=extract-text-view] .span-entity').allTextContents();
  assert.ok(highlighted.includes('Norway'), `highlighted entity spans: ${highlighted}`);
  assert.ok(highlighted.some((t) => t.includes('Støre')), `highlighted entity spans: ${highlighted}`);
  // The view keeps the text exactly as pasted.
  assert.equal(await page.textContent('[data-testid=extract-text-view]'), text);
  assert.equal(await page.locator('[data-testid=extract-event]').count(), direct.events.length);
  assert.equal(await page.locator('[data-testid=extract-quote]').count(), direct.quotes.length);
  assert.ok(direct.quotes.length >= 1, 'the quotation is found');
  assert.ok(await page.locator('[data-testid=extract-date]').count() >= 1);
  const quoteSpans = await page.locator('[data-testid=extract-text-view] .span-quote').allTextContents();
  assert.match(quoteSpans.join(''), /The deal protects our coasts/);
  await page.locator('[data-testid=extract-result]').screenshot({ path: join(ARTIFACTS, 'extract.png') });
});

test('an empty extraction is refused without a request', async () => {
  await page.fill('[data-testid=extract-text]', '   ');
  await page.click('[data-testid=extract-run]');
  assert.match(await page.textContent('[data-testid=extract-error]'), /Paste some text/);
});

test('a bad filter shows the API error message', async () => {
  await scrollTop();
  await page.fill('[data-testid=filter-from]', 'April 2026');
  await reloadGraph(page, () => page.click('[data-testid=apply-filters]'));
  const api = await apiGet(page, `/api/graph?from=${encodeURIComponent('April 2026')}`);
  assert.equal(api.status, 400);
  assert.ok(api.body.error.length > 0);
  const shown = await page.textContent('[data-testid=error]');
  assert.ok(shown.includes(api.body.error), `page shows "${shown}", the API said "${api.body.error}"`);
  assert.equal(await page.isVisible('[data-testid=error]'), true);
  // Resetting the filters brings the graph back and clears the message.
  const drawn = await reloadGraph(page, () => page.click('[data-testid=reset-filters]'));
  assert.equal(drawn.nodes.length, 5);
  assert.equal(await page.isVisible('[data-testid=error]'), false);
});

test('date and code filters narrow the graph', async () => {
  await page.fill('[data-testid=filter-code]', '11');
  let drawn = await reloadGraph(page, () => page.click('[data-testid=apply-filters]'));
  assert.deepEqual(drawn.nodes, ['BOL', 'CHL']);
  assert.ok(page.url().includes('code=11'), 'filters are kept in the URL');
  await page.fill('[data-testid=filter-code]', '');
  await page.fill('[data-testid=filter-from]', '2026-04-03');
  drawn = await reloadGraph(page, () => page.click('[data-testid=apply-filters]'));
  assert.deepEqual(drawn.nodes, ['CHL', 'PER']);
  await page.fill('[data-testid=filter-from]', '');
  await page.fill('[data-testid=filter-to]', '2026-03-31');
  drawn = await reloadGraph(page, () => page.click('[data-testid=apply-filters]'));
  assert.deepEqual(drawn.nodes, ['NOR', 'SWE']);
  await reloadGraph(page, () => page.click('[data-testid=reset-filters]'));
});

test('the actor level draws actors, and their profiles and edges open', async () => {
  await scrollTop();
  const drawn = await reloadGraph(page, () => page.check('[data-testid=level-actor]'));
  assert.equal(drawn.status, 'true');
  assert.ok(drawn.nodes.every((id) => /^a\d+$/.test(id)), `actor node ids: ${drawn.nodes}`);
  const chile = await page.evaluate(() => window.ententeGraph.nodes().filter((n) => n.data('label') === 'Chile').map((n) => n.id()));
  assert.equal(chile.length, 1);
  await clickGraph(page, chile[0]);
  await page.waitForSelector('[data-testid=profile]:not([hidden])');
  assert.equal(await page.textContent('[data-testid=profile-name]'), 'Chile');
  const edge = await page.evaluate((id) => {
    const e = window.ententeGraph.$id(id).outgoers('edge').filter((x) => x.target().data('label') === 'Bolivia');
    return e.nonempty() ? e.id() : null;
  }, chile[0]);
  assert.ok(edge, 'an edge from Chile to Bolivia');
  await clickGraph(page, edge);
  await page.waitForSelector('[data-testid=edge-events]:not([hidden])');
  assert.equal(await page.locator('[data-testid=event-item]').count(), 2);
  await reloadGraph(page, () => page.check('[data-testid=level-country]'));
});

test('the page made no request outside its origin and logged no error', () => {
  assert.deepEqual(session.foreignRequests(), []);
  assert.ok(session.requests.some((u) => u.endsWith('/vendor/cytoscape.min.js')));
  assert.deepEqual(session.problems, []);
});
