#!/usr/bin/env node
// Expands the team's CAMEO lexicon (data/cameo_lexicon.tsv) with WordNet
// synonyms from Debian's wordnet-base (/usr/share/wordnet). Run at build time
// by cmake/GeneratedData.cmake whenever the lexicon, the exclusion list, the
// WordNet files or this script change; the result is embedded into the
// library (src/events/cameo_tables.cc reads it after the team's lexicon) and
// a readable copy is written beside it for review:
//
//   node tools/gen/expand_cameo_wordnet.mjs [--wordnet /usr/share/wordnet]
//        [--data-dir data] --out-tsv FILE.tsv [--out-cc FILE.cc]
//
// Precision first: for each single-word verb or noun trigger, only its most
// frequent WordNet sense is used, and a synonym is added only when that
// sense is also the synonym's own most frequent sense (so "assail" joins
// "attack", but "round" does not), it is a single word, it is not already in
// the lexicon, and it is not in data/cameo_wordnet_exclusions.tsv (the
// human-edited list of synonyms never to add, each with its reason).
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const wordnetDir = arg('--wordnet', '/usr/share/wordnet');
const dataDir = arg('--data-dir', path.join(path.dirname(new URL(import.meta.url).pathname), '../../data'));
const outTsv = arg('--out-tsv', null);
const outCc = arg('--out-cc', null);
if (!outTsv) {
  console.error('usage: expand_cameo_wordnet.mjs [--wordnet DIR] [--data-dir DIR] --out-tsv FILE.tsv [--out-cc FILE.cc]');
  process.exit(2);
}
for (const pos of ['verb', 'noun']) {
  for (const kind of ['index', 'data']) {
    const file = path.join(wordnetDir, `${kind}.${pos}`);
    if (!fs.existsSync(file)) {
      console.error(`${file} is missing: install Debian's wordnet-base (scripts/setup.sh) or pass --wordnet DIR`);
      process.exit(1);
    }
  }
}

function readIndex(pos) {
  // lemma -> synset offsets in frequency order.
  const index = new Map();
  for (const line of fs.readFileSync(path.join(wordnetDir, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const pCnt = parseInt(f[3], 10);
    const senseCnt = parseInt(f[4 + pCnt], 10);
    const offsets = f.slice(6 + pCnt, 6 + pCnt + senseCnt);
    index.set(f[0], offsets);
  }
  return index;
}

function synsetWords(pos, offset, cache) {
  if (cache.has(offset)) return cache.get(offset);
  const fd = fs.openSync(path.join(wordnetDir, `data.${pos}`), 'r');
  const buf = Buffer.alloc(4096);
  const n = fs.readSync(fd, buf, 0, buf.length, parseInt(offset, 10));
  fs.closeSync(fd);
  const line = buf.toString('utf8', 0, n).split('\n')[0];
  const f = line.split(' ');
  const count = parseInt(f[3], 16);
  const words = [];
  for (let i = 0; i < count; ++i) words.push(f[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase());
  cache.set(offset, words);
  return words;
}

const lexicon = fs.readFileSync(path.join(dataDir, 'cameo_lexicon.tsv'), 'utf8').split('\n');
const exclusions = new Set();
for (const line of fs.readFileSync(path.join(dataDir, 'cameo_wordnet_exclusions.tsv'), 'utf8').split('\n')) {
  const w = line.split('\t')[0].trim();
  if (w && !w.startsWith('#')) exclusions.add(w.toLowerCase());
}

const known = {verb: new Set(), noun: new Set()};
const rows = [];
for (const line of lexicon) {
  if (!line || line.startsWith('#')) continue;
  const f = line.split('\t');
  if (f.length !== 6) continue;
  known[f[1]].add(f[2].split(' ')[f[1] === 'verb' ? 0 : f[2].split(' ').length - 1]);
  rows.push(f);
}

const indexes = {verb: readIndex('verb'), noun: readIndex('noun')};
const caches = {verb: new Map(), noun: new Map()};
const out = [];
const added = new Set();
for (const f of rows) {
  const [code, kind, trigger, object, target, flags] = f;
  if (trigger.includes(' ')) continue;            // Particles and modifiers: as written.
  if (kind === 'verb' && object !== '-') continue; // Verb + object: the object carries it.
  const senses = indexes[kind].get(trigger);
  if (!senses || senses.length === 0) continue;
  const first = senses[0];
  for (const word of synsetWords(kind, first, caches[kind])) {
    if (word === trigger || word.includes('_') || word.includes('-')) continue;
    if (known[kind].has(word) || exclusions.has(word)) continue;
    const own = indexes[kind].get(word);
    if (!own || own[0] !== first) continue;
    const key = `${kind}\t${word}`;
    if (added.has(key)) continue;
    added.add(key);
    out.push([code, kind, word, object, target, flags].join('\t') + `\t# WordNet: ${trigger}`);
  }
}

const header = `# Generated at build time by tools/gen/expand_cameo_wordnet.mjs from
# data/cameo_lexicon.tsv and WordNet 3.0 (Debian wordnet-base, /usr/share/wordnet;
# WordNet licence, Princeton University). Do not edit: add the word to
# data/cameo_wordnet_exclusions.tsv or to the lexicon, then rebuild.
# Same columns as cameo_lexicon.tsv; the trailing comment names the source word.
`;
const body = out.map((l) => l.replace(/\t# WordNet: (.*)$/, '\t# $1'));
const table = header + body.join('\n') + '\n';
fs.mkdirSync(path.dirname(outTsv), {recursive: true});
fs.writeFileSync(outTsv, table);
if (outCc) {
  const delim = 'ENTENTE_WORDNET';
  if (table.includes(`)${delim}"`)) {
    console.error('the table contains the raw-string delimiter');
    process.exit(1);
  }
  const cc = '// Generated by tools/gen/expand_cameo_wordnet.mjs. Do not edit.\n' +
      '#include <cstddef>\n\nnamespace entente::internal {\n\n' +
      `extern const char kCameoWordNetLexicon[] = R"${delim}(${table})${delim}";\n` +
      'extern const size_t kCameoWordNetLexiconSize = sizeof(kCameoWordNetLexicon) - 1;\n\n' +
      '}  // namespace entente::internal\n';
  fs.mkdirSync(path.dirname(outCc), {recursive: true});
  fs.writeFileSync(outCc, cc);
}
console.log(`cameo_lexicon_wordnet.tsv: ${out.length} synonyms`);
