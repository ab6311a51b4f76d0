// The entente web explorer: an actor network drawn from GET /api/graph, with
// profiles, edge events, articles with their evidence, and ad-hoc extraction.
// Everything is fetched from the same origin; cytoscape and uPlot are loaded
// as globals by index.html from /vendor/.
//
// For tests and debugging the page exposes window.ententeGraph (the cytoscape
// instance) and window.ententeState (what is loaded, and when it was drawn).

const $ = (id) => document.getElementById(id);

const state = {
  ready: false,          // The first graph has been drawn (or has failed).
  graphDrawnMs: null,    // performance.now() when the latest graph was drawn.
  layoutMs: null,        // Time spent in layout + first render.
  graph: null,           // The latest /api/graph response.
  filters: null,         // The filters the graph was drawn with.
  selected: null,        // {kind: 'node'|'edge', id}
  lastEvents: [],        // The events listed in the edge panel.
  requests: 0,           // Requests in flight (for tests).
};
window.ententeState = state;
window.ententeGraph = null;

// ---------------------------------------------------------------------------
// Fetching

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// Fetches JSON from the API; a non-2xx answer becomes an ApiError carrying
// the server's {"error": ...} message so the page can show it verbatim.
async function api(path, options = {}) {
  state.requests++;
  try {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
    } catch (err) {
      throw new ApiError(`cannot reach the server (${err.message})`, 0);
    }
    let body = null;
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
      throw new ApiError(message, response.status);
    }
    if (body === null) throw new ApiError('the server answered with something that is not JSON', response.status);
    return body;
  } finally {
    state.requests--;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------------------
// Small DOM helpers (text only through textContent: article text is untrusted)

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function show(node, visible) {
  node.hidden = !visible;
}

function showError(node, message) {
  node.textContent = message || '';
  node.hidden = !message;
}

const fmt = {
  num: (x) => (typeof x === 'number' ? x.toLocaleString('en') : ''),
  g: (x) => (typeof x === 'number' ? (x > 0 ? '+' : '') + x.toFixed(1) : ''),
};

function actorName(ref) {
  if (!ref || !ref.id) return '—';
  return ref.code ? `${ref.name} (${ref.code})` : ref.name;
}

// ---------------------------------------------------------------------------
// Filters (mirrored in the page URL so a reload keeps them)

const FILTER_FIELDS = ['from', 'to', 'code', 'min_events'];

function readFilters() {
  const form = $('filters');
  const f = {
    from: form.elements.from.value.trim(),
    to: form.elements.to.value.trim(),
    code: form.elements.code.value.trim(),
    min_events: form.elements.min_events.value.trim(),
    level: form.querySelector('input[name=level]:checked').value,
  };
  if (f.min_events === '1') f.min_events = '';
  return f;
}

function writeFilters(f) {
  const form = $('filters');
  for (const k of FILTER_FIELDS) form.elements[k].value = f[k] || (k === 'min_events' ? '1' : '');
  for (const r of form.querySelectorAll('input[name=level]')) r.checked = r.value === (f.level || 'country');
}

function filtersFromUrl() {
  const p = new URLSearchParams(location.search);
  const f = { level: p.get('level') === 'actor' ? 'actor' : 'country' };
  for (const k of FILTER_FIELDS) f[k] = p.get(k) || '';
  return f;
}

function filtersToUrl(f) {
  const q = query({ ...f, level: f.level === 'actor' ? 'actor' : '' });
  history.replaceState(null, '', location.pathname + q);
}

// The event filters that apply to everything the graph shows.
function eventFilters() {
  const f = state.filters || {};
  return { from: f.from, to: f.to, code: f.code };
}

// ---------------------------------------------------------------------------
// Graph

const COLORS = {
  coop: [46, 139, 87],
  conflict: [192, 57, 43],
  neutral: [150, 156, 164],
};

function mix(a, b, t) {
  return a.map((x, i) => Math.round(x + (b[i] - x) * t));
}

// Edge colour: the sign of the net Goldstein score picks green or red, the
// mean score per event (-10..+10) how strongly.
function edgeColor(goldsteinSum, events) {
  if (!events || goldsteinSum === 0) return `rgb(${COLORS.neutral})`;
  const mean = Math.min(10, Math.abs(goldsteinSum / events));
  const t = 0.45 + 0.55 * Math.sqrt(mean / 10);
  const target = goldsteinSum > 0 ? COLORS.coop : COLORS.conflict;
  return `rgb(${mix(COLORS.neutral, target, t)})`;
}

function edgeWidth(events, maxEvents) {
  return 1 + 9 * (Math.log1p(events) / Math.log1p(Math.max(1, maxEvents)));
}

// Node area grows with events; crowded graphs get smaller nodes.
function nodeSize(events, maxEvents, crowded) {
  const [min, range] = crowded ? [8, 20] : [14, 36];
  return min + range * Math.sqrt((events || 0) / Math.max(1, maxEvents));
}

function nodeColor(type) {
  switch (type) {
    case 'GPE': return '#2d4a6b';
    case 'PERSON': return '#7a4f9a';
    case 'ORG': return '#b5651d';
    case 'IGO': return '#1f7a7a';
    default: return '#55606b';
  }
}

const GRAPH_STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2731',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'min-zoomed-font-size': 7,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      opacity: 0.85,
    },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f2b705' } },
  { selector: 'edge:selected', style: { opacity: 1, 'line-style': 'dashed', 'z-index': 10 } },
  { selector: '.faded', style: { opacity: 0.15 } },
];

function toElements(graph) {
  const maxNode = Math.max(1, ...graph.nodes.map((n) => n.events || 0));
  const maxEdge = Math.max(1, ...graph.edges.map((e) => e.events || 0));
  const nodes = graph.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id,
      label: n.label || n.id,
      code: n.code || '',
      type: n.type || '',
      events: n.events || 0,
      size: nodeSize(n.events, maxNode, graph.nodes.length > 80),
      color: nodeColor(n.type),
    },
  }));
  const edges = graph.edges.map((e) => ({
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      events: e.events,
      goldstein_sum: e.goldstein_sum,
      cooperation: e.cooperation,
      conflict: e.conflict,
      color: edgeColor(e.goldstein_sum, e.events),
      width: edgeWidth(e.events, maxEdge),
    },
  }));
  return nodes.concat(edges);
}

// A force-directed layout (cose) within a time budget: its cost grows with
// the square of the node count, so bigger graphs get fewer iterations (and
// cool down faster to match); very big ones get concentric rings by volume.
function layoutFor(count) {
  if (count > 250) {
    return { name: 'concentric', animate: false, concentric: (n) => n.data('events'), levelWidth: () => 4, minNodeSpacing: 4 };
  }
  const iterations = Math.max(100, Math.min(1000, Math.round(2e6 / Math.max(1, count * count))));
  return {
    name: 'cose',
    animate: false,
    randomize: true,
    numIter: iterations,
    initialTemp: 1000,
    minTemp: 1,
    coolingFactor: Math.pow(1 / 1000, 1 / iterations),
    nodeRepulsion: () => 8000,
    idealEdgeLength: () => 60,
    nodeOverlap: 8,
    gravity: 0.6,
    padding: 20,
  };
}

function drawGraph(graph) {
  const t0 = performance.now();
  if (window.ententeGraph) window.ententeGraph.destroy();
  const cy = cytoscape({
    container: $('graph'),
    elements: toElements(graph),
    // Straight edges without arrows draw much faster on very large graphs.
    style: graph.edges.length > 800 ? GRAPH_STYLE.concat([{ selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } }]) : GRAPH_STYLE,
    hideEdgesOnViewport: graph.edges.length > 800,
    layout: layoutFor(graph.nodes.length),
    minZoom: 0.1,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    selectionType: 'single',
    boxSelectionEnabled: false,
  });
  window.ententeGraph = cy;
  cy.on('tap', 'node', (ev) => openNode(ev.target.id()));
  cy.on('tap', 'edge', (ev) => openEdge(ev.target.id()));
  cy.on('mouseover', 'node', (ev) => hover(describeNode(ev.target)));
  cy.on('mouseover', 'edge', (ev) => hover(describeEdge(ev.target)));
  cy.on('mouseout', 'node, edge', () => hover(''));
  // A small graph fitted to the box would be drawn huge: cap the zoom.
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
  // Draw the layout before reporting the graph as drawn (the canvas paints
  // on the next animation frame).
  requestAnimationFrame(() => {
    state.layoutMs = performance.now() - t0;
    state.graphDrawnMs = performance.now();
    state.ready = true;
    document.body.dataset.graphReady = 'true';
  });
  renderLists(graph);
}

function hover(text) {
  $('graph-hover').textContent = text || '\u00a0';
}

function describeNode(n) {
  return `${n.data('label')}${n.data('code') && n.data('code') !== n.data('label') ? ` (${n.data('code')})` : ''}: ${fmt.num(n.data('events'))} events`;
}

function edgeLabel(id) {
  const e = state.graph.edges.find((x) => x.id === id);
  if (!e) return id;
  return `${nodeLabel(e.source)} → ${nodeLabel(e.target)}`;
}

function nodeLabel(id) {
  const n = state.graph.nodes.find((x) => x.id === id);
  return n ? n.label || n.id : id;
}

function describeEdge(e) {
  return `${edgeLabel(e.id())}: ${fmt.num(e.data('events'))} events, net Goldstein ${fmt.g(e.data('goldstein_sum'))}`;
}

// Keyboard-usable lists of the same nodes and edges.
function renderLists(graph) {
  const nodes = [...graph.nodes].sort((a, b) => (b.events || 0) - (a.events || 0));
  $('node-list').replaceChildren(
    ...nodes.map((n) =>
      el('li', {}, el('button', { type: 'button', class: 'link', 'data-testid': 'node-item', 'data-node-id': n.id, onclick: () => openNode(n.id) },
        `${n.label || n.id}${n.code && n.code !== n.label ? ` (${n.code})` : ''} · ${fmt.num(n.events)} events`))),
  );
  const edges = [...graph.edges].sort((a, b) => b.events - a.events);
  $('edge-list').replaceChildren(
    ...edges.map((e) =>
      el('li', {}, el('button', { type: 'button', class: 'link', 'data-testid': 'edge-item', 'data-edge-id': e.id, onclick: () => openEdge(e.id) },
        `${nodeLabel(e.source)} → ${nodeLabel(e.target)} · ${fmt.num(e.events)} events, ${fmt.g(e.goldstein_sum)}`))),
  );
}

async function loadGraph(filters) {
  showError($('error'), '');
  show($('graph-loading'), true);
  $('graph').setAttribute('aria-busy', 'true');
  try {
    const graph = await api(`/api/graph${query(filters)}`);
    state.graph = graph;
    state.filters = filters;
    const n = graph.nodes.length;
    const m = graph.edges.length;
    $('graph-summary').textContent = n === 0
      ? 'No events match these filters.'
      : `${fmt.num(n)} ${filters.level === 'actor' ? 'actors' : 'countries and organisations'}, ${fmt.num(m)} directed edges`;
    drawGraph(graph);
  } catch (err) {
    showError($('error'), `Could not load the graph: ${err.message}`);
    state.ready = true;
    document.body.dataset.graphReady = 'error';
  } finally {
    show($('graph-loading'), false);
    $('graph').removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------
// Detail panel: one of profile / edge events / article at a time

const PANELS = ['profile', 'edge-events', 'article'];
let detailRequest = 0;  // Drops answers that arrive after a newer click.

function showPanel(name) {
  show($('detail-empty'), !name);
  for (const p of PANELS) show($(p), p === name);
}

async function loadDetail(load) {
  const ticket = ++detailRequest;
  showError($('detail-error'), '');
  show($('detail-loading'), true);
  try {
    const render = await load();
    if (ticket === detailRequest) render();
  } catch (err) {
    if (ticket === detailRequest) {
      showPanel(null);
      showError($('detail-error'), err.message);
    }
  } finally {
    if (ticket === detailRequest) show($('detail-loading'), false);
  }
}

function selectInGraph(id) {
  const cy = window.ententeGraph;
  if (!cy) return;
  cy.elements().unselect();
  const item = cy.getElementById(id);
  if (item.nonempty()) item.select();
}

// --- profile

function profileKey(nodeId) {
  // Actor-level node ids are "a<actor id>"; country-level ids are codes.
  return /^a\d+$/.test(nodeId) ? nodeId.slice(1) : nodeId;
}

function openNode(nodeId) {
  state.selected = { kind: 'node', id: nodeId };
  selectInGraph(nodeId);
  loadDetail(async () => {
    const profile = await api(`/api/actors/${encodeURIComponent(profileKey(nodeId))}`);
    return () => renderProfile(profile, nodeId);
  });
}

function relationList(items, nodeId) {
  if (!items || items.length === 0) return [el('li', { class: 'muted', text: 'none' })];
  return items.slice(0, 15).map((r) =>
    el('li', {},
      el('button', {
        type: 'button', class: 'link', 'data-testid': 'relation-item',
        title: 'List the events between the two',
        onclick: () => openDyad(nodeId, r.actor),
      }, actorName(r.actor)),
      el('span', { class: 'muted' }, ` ${fmt.num(r.events)} events, ${fmt.g(r.goldstein_sum)}`)));
}

function renderProfile(p, nodeId) {
  showPanel('profile');
  $('profile-name').textContent = p.name || p.key;
  const bits = [p.code, p.type, p.country && p.country !== p.code ? `country ${p.country}` : ''].filter(Boolean);
  $('profile-meta').textContent = bits.join(' · ');
  const facts = [];
  const members = p.members || [];
  if (members.length > 1) {
    facts.push(['Members', members.slice(0, 20).map((m) => actorName(m.actor || m)).join(', ') + (members.length > 20 ? ` and ${members.length - 20} more` : '')]);
  }
  if (p.aliases && p.aliases.length) facts.push(['Aliases', p.aliases.join(', ')]);
  const totals = (p.timeline || []).reduce((a, t) => ({ events: a.events + t.events, g: a.g + t.goldstein_sum }), { events: 0, g: 0 });
  facts.push(['Events', `${fmt.num(totals.events)} (net Goldstein ${fmt.g(totals.g)})`]);
  $('profile-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  $('profile-partners').replaceChildren(...relationList(p.partners, nodeId));
  $('profile-rivals').replaceChildren(...relationList(p.rivals, nodeId));
  $('profile-timeline-body').replaceChildren(...(p.timeline || []).map((t) =>
    el('tr', {}, el('td', { text: t.period }), el('td', { text: fmt.num(t.events) }),
      el('td', { text: fmt.num(t.cooperation) }), el('td', { text: fmt.num(t.conflict) }),
      el('td', { text: fmt.g(t.goldstein_sum) }))));
  drawTimeline($('profile-chart'), p.timeline || []);
  const quotes = p.quotes || [];
  $('profile-quotes').replaceChildren(...(quotes.length === 0
    ? [el('li', { class: 'muted', text: 'none' })]
    : quotes.slice(0, 30).map((q) =>
      el('li', {},
        el('blockquote', { text: `“${q.text}”` }),
        el('div', { class: 'muted' },
          `${q.speaker_name || actorName(q.speaker)}${q.cue ? `, ${q.cue}` : ''} · ${q.date || ''} · `,
          el('button', {
            type: 'button', class: 'link', 'data-testid': 'quote-item',
            onclick: () => openArticle(q.document, { char_start: q.char_start, char_end: q.char_end, label: 'quotation' }),
          }, 'show in article'))))));
}

// Period strings from the API: "2024", "2024-03", "2024-03-05" or "2024-W09".
function periodToSeconds(period) {
  let m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (m) {
    const jan4 = Date.UTC(+m[1], 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    return (jan4 - dow * 86400000 + (+m[2] - 1) * 7 * 86400000) / 1000;
  }
  m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(period);
  if (m) return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) / 1000;
  return null;
}

let chart = null;

function drawTimeline(container, timeline) {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  container.replaceChildren();
  const rows = timeline.map((t) => [periodToSeconds(t.period), t]).filter(([x]) => x !== null).sort((a, b) => a[0] - b[0]);
  if (rows.length === 0) {
    container.append(el('p', { class: 'muted', text: 'No dated events.' }));
    return;
  }
  const xs = rows.map(([x]) => x);
  const data = [xs, rows.map(([, t]) => t.cooperation), rows.map(([, t]) => t.conflict), rows.map(([, t]) => t.goldstein_sum)];
  // Half the smallest gap between periods on either side, so the bars at
  // the ends are drawn whole (a single period gets two weeks each side).
  let step = 86400 * 30;
  for (let i = 1; i < xs.length; i++) step = Math.min(step, xs[i] - xs[i - 1]);
  const pad = Math.max(step * 0.6, 43200);
  const span = xs[xs.length - 1] - xs[0];
  const dateText = (s) => new Date(s * 1000).toISOString().slice(0, span > 86400 * 400 ? 7 : 10);
  const bars = (align) => uPlot.paths.bars({ size: [0.35, 24], align });
  const opts = {
    width: Math.max(260, container.clientWidth || 360),
    height: 180,
    scales: { x: { time: true, range: () => [xs[0] - pad, xs[xs.length - 1] + pad] }, y: { range: (u, min, max) => [0, Math.max(1, max)] }, g: {} },
    series: [
      { value: (u, v) => (v === null ? '' : dateText(v)) },
      { label: 'cooperation', stroke: `rgb(${COLORS.coop})`, fill: `rgba(${COLORS.coop}, 0.7)`, paths: bars(-1), points: { show: false } },
      { label: 'conflict', stroke: `rgb(${COLORS.conflict})`, fill: `rgba(${COLORS.conflict}, 0.7)`, paths: bars(1), points: { show: false } },
      { label: 'net Goldstein', stroke: '#5b6b7c', dash: [4, 3], scale: 'g', points: { show: true, size: 5 } },
    ],
    axes: [
      { values: (u, splits) => splits.map(dateText), space: 70 },
      { label: 'events', size: 40 },
      { side: 1, scale: 'g', label: 'Goldstein', grid: { show: false }, size: 45 },
    ],
    legend: { live: false },
  };
  chart = new uPlot(opts, data, container);
}

// --- edge events

function openEdge(edgeId) {
  const e = state.graph && state.graph.edges.find((x) => x.id === edgeId);
  if (!e) return;
  state.selected = { kind: 'edge', id: edgeId };
  selectInGraph(edgeId);
  const title = `${nodeLabel(e.source)} → ${nodeLabel(e.target)}`;
  loadEvents(title, { source: e.source, target: e.target });
}

// Events between a profile's actor and one of its partners or rivals, in
// both directions (partners and rivals are computed over both).
function openDyad(nodeId, other) {
  if (!other || !other.id) return;
  const there = `a${other.id}`;
  loadEvents(`${nodeLabel(nodeId)} ↔ ${other.name}`, { source: nodeId, target: there }, { source: there, target: nodeId });
}

function loadEvents(title, ...queries) {
  loadDetail(async () => {
    const answers = await Promise.all(queries.map((q) => api(`/api/events${query({ ...eventFilters(), ...q, limit: 200 })}`)));
    const seen = new Set();
    const events = [];
    let count = 0;
    for (const a of answers) {
      count += a.count;
      for (const e of a.events) if (!seen.has(e.id)) { seen.add(e.id); events.push(e); }
    }
    events.sort((a, b) => (a.date || '').localeCompare(b.date || '') || a.id - b.id);
    return () => renderEvents(title, events, count);
  });
}

function renderEvents(title, events, count) {
  showPanel('edge-events');
  state.lastEvents = events;
  $('edge-title').textContent = title;
  const g = events.reduce((s, e) => s + (e.goldstein || 0), 0);
  $('edge-meta').textContent = events.length === 0
    ? 'No events.'
    : `${fmt.num(events.length)} event${events.length === 1 ? '' : 's'}${count > events.length ? ` (of ${fmt.num(count)})` : ''}, net Goldstein ${fmt.g(g)}. Click one for its article.`;
  $('event-list').replaceChildren(...events.map((e) =>
    el('li', { class: e.goldstein > 0 ? 'coop' : e.goldstein < 0 ? 'conflict' : 'neutral' },
      el('button', {
        type: 'button', class: 'event', 'data-testid': 'event-item', 'data-event-id': e.id,
        onclick: () => openArticle(e.document, { ...e.evidence, label: 'evidence', event: e }),
      },
      el('span', { class: 'event-head' },
        el('span', { class: 'date', text: e.date || e.document_date || '' }),
        el('span', { class: 'code', text: `${e.code} ${e.description || ''}` }),
        el('span', { class: 'gs', text: fmt.g(e.goldstein) })),
      el('span', { class: 'actors', text: `${actorName(e.source)} → ${actorName(e.target)}${e.negated ? ' (negated)' : ''}${e.modality && e.modality !== 'asserted' ? ` (${e.modality})` : ''}` }),
      el('span', { class: 'evidence-text', text: e.evidence ? e.evidence.text : '' }),
      el('span', { class: 'muted small', text: [e.title, e.publisher].filter(Boolean).join(' · ') })))));
}

// --- article

let articleBack = null;  // The panel to return to.

function openArticle(documentId, span) {
  const back = PANELS.find((p) => !$(p).hidden) || null;
  loadDetail(async () => {
    const doc = await api(`/api/documents/${encodeURIComponent(documentId)}`);
    return () => {
      articleBack = back;
      renderArticle(doc, span);
    };
  });
}

function renderArticle(doc, span) {
  showPanel('article');
  show($('article-back'), !!articleBack);
  $('article-title').textContent = doc.title || doc.id;
  $('article-meta').textContent = [doc.date, doc.source].filter(Boolean).join(' · ');
  if (doc.url) {
    $('article-meta').append(' · ', el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank', text: 'original' }));
  }
  const text = doc.text || '';
  const view = $('article-text');
  const start = span ? span.char_start : undefined;
  const end = span ? span.char_end : undefined;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end) {
    const mark = el('mark', { id: 'evidence', class: `span-${span.label === 'quotation' ? 'quote' : 'event'}`, 'data-testid': 'evidence', tabindex: '-1' }, text.slice(start, end));
    view.replaceChildren(text.slice(0, start), mark, text.slice(end));
    const ev = span.event;
    $('article-span-note').textContent = ev
      ? `Highlighted: the evidence for ${ev.code} ${ev.description || ''} (${actorName(ev.source)} → ${actorName(ev.target)}).`
      : `Highlighted: the ${span.label}.`;
    // Scroll inside the article box first, then bring the box into view.
    requestAnimationFrame(() => mark.scrollIntoView({ block: 'center' }));
  } else {
    view.replaceChildren(text);
    $('article-span-note').textContent = span ? 'The span could not be located in this text.' : '';
  }
  $('detail').focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------
// Extraction of pasted text

// Maps UTF-8 byte offsets of `text` to JavaScript (UTF-16) string indices.
function byteToCharMap(text) {
  const map = new Uint32Array(new TextEncoder().encode(text).length + 1);
  let byte = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i);
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) map[byte + b] = i;
    byte += bytes;
    i += units;
  }
  map[byte] = text.length;
  return map;
}

function charSpan(s, map) {
  if (Number.isInteger(s.char_start) && Number.isInteger(s.char_end)) return [s.char_start, s.char_end];
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.end >= map.length) return null;
  return [map[s.start], map[s.end]];
}

// Renders text with possibly overlapping spans: the text is cut at every
// span boundary and each piece carries the classes of the spans covering it.
function renderSpans(container, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const parts = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (covering.length === 0) {
      parts.push(piece);
    } else {
      const kinds = [...new Set(covering.map((s) => s.kind))];
      parts.push(el('span', { class: kinds.map((k) => `span-${k}`).join(' '), 'data-kinds': kinds.join(' '), title: covering.map((s) => s.title).join('\n') }, piece));
    }
  }
  container.replaceChildren(...parts);
}

function cell(text) {
  return el('td', { text: text === undefined || text === null ? '' : String(text) });
}

function renderExtraction(doc, text) {
  const map = byteToCharMap(text);
  const spans = [];
  const push = (s, kind, title) => {
    const c = charSpan(s, map);
    if (c && c[0] < c[1]) spans.push({ start: c[0], end: c[1], kind, title });
  };
  const entities = doc.entities || [];
  const names = new Map(entities.map((e) => [e.id, e.name]));
  for (const e of entities) for (const m of e.mentions || []) push(m, 'entity', `${e.name} · ${e.type}${e.code ? ` · ${e.code}` : ''}`);
  for (const v of doc.events || []) if (v.evidence) push(v.evidence, 'event', `event ${v.code}: ${v.source_code || names.get(v.source) || '?'} → ${v.target_code || names.get(v.target) || '?'}`);
  for (const q of doc.quotes || []) push(q, 'quote', `quotation by ${q.speaker_name || 'unknown'}`);
  for (const d of doc.dates || []) push(d, 'date', `${d.type} ${d.value}`);
  renderSpans($('extract-text-view'), text, spans);

  $('extract-summary').textContent = `${doc.title ? `“${doc.title}” · ` : ''}${doc.date || 'no date'} · ${(doc.sentences || []).length} sentences, ${entities.length} entities, ${(doc.events || []).length} events, ${(doc.quotes || []).length} quotations, ${(doc.dates || []).length} dates`;
  $('extract-entities-body').replaceChildren(...entities.map((e) =>
    el('tr', { 'data-testid': 'extract-entity' }, cell(e.name), cell(e.type), cell(e.code), cell((e.mentions || []).length))));
  $('extract-events-body').replaceChildren(...(doc.events || []).map((v) =>
    el('tr', { 'data-testid': 'extract-event' },
      cell(`${names.get(v.source) || ''}${v.source_code ? ` (${v.source_code})` : ''}`),
      cell(`${v.code}${v.negated ? ' (negated)' : ''}${v.modality && v.modality !== 'asserted' ? ` (${v.modality})` : ''}`),
      cell(`${names.get(v.target) || ''}${v.target_code ? ` (${v.target_code})` : ''}`),
      cell(fmt.g(v.goldstein)), cell(v.evidence ? v.evidence.text : ''))));
  $('extract-quotes-body').replaceChildren(...(doc.quotes || []).map((q) =>
    el('tr', { 'data-testid': 'extract-quote' }, cell(q.speaker_name || '—'), cell(q.cue), cell(q.text))));
  $('extract-dates-body').replaceChildren(...(doc.dates || []).map((d) =>
    el('tr', { 'data-testid': 'extract-date' }, cell(d.text), cell(d.value), cell(d.type))));
  show($('extract-result'), true);
}

async function runExtraction(event) {
  event.preventDefault();
  const text = $('extract-text').value;
  const date = $('extract-date').value.trim();
  showError($('extract-error'), '');
  if (!text.trim()) {
    showError($('extract-error'), 'Paste some text to analyse first.');
    return;
  }
  show($('extract-loading'), true);
  $('extract-run').disabled = true;
  try {
    const body = JSON.stringify(date ? { text, date } : { text });
    const doc = await api('/api/extract', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body });
    renderExtraction(doc, text);
  } catch (err) {
    show($('extract-result'), false);
    showError($('extract-error'), err.message);
  } finally {
    show($('extract-loading'), false);
    $('extract-run').disabled = false;
  }
}

// ---------------------------------------------------------------------------
// Start

async function loadHealth() {
  try {
    const h = await api('/healthz');
    $('health').textContent = `${fmt.num(h.documents)} documents · ${fmt.num(h.events)} events · ${fmt.num(h.actors)} actors`;
  } catch (err) {
    $('health').textContent = `server unavailable: ${err.message}`;
  }
}

function applyFilters(event) {
  if (event) event.preventDefault();
  const f = readFilters();
  filtersToUrl(f);
  showPanel(null);
  showError($('detail-error'), '');
  loadGraph(f);
}

function start() {
  writeFilters(filtersFromUrl());
  $('filters').addEventListener('submit', applyFilters);
  for (const r of document.querySelectorAll('input[name=level]')) r.addEventListener('change', () => applyFilters());
  $('reset-filters').addEventListener('click', () => {
    writeFilters({ level: 'country' });
    applyFilters();
  });
  $('fit-graph').addEventListener('click', () => window.ententeGraph && window.ententeGraph.fit(undefined, 20));
  $('article-back').addEventListener('click', () => showPanel(articleBack));
  $('extract-form').addEventListener('submit', runExtraction);
  window.addEventListener('resize', () => {
    if (chart) chart.setSize({ width: Math.max(260, $('profile-chart').clientWidth), height: 180 });
  });
  loadHealth();
  applyFilters();
}

start();
