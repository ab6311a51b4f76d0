#include "store/sqlite_schema.h"

#include "entente/store.h"

namespace entente::store {
namespace {

// Version 1: documents, actors, per-document entities and mentions, events
// with evidence and clusters, quotations and dates.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  doc_key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  day INTEGER,
  source TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  sentences INTEGER NOT NULL DEFAULT 0,
  analyzer TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_day ON documents(day);

CREATE TABLE actors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  norm_name TEXT NOT NULL,
  type TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  first_seen TEXT,
  last_seen TEXT,
  UNIQUE (type, norm_name)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES actors(id),
  name TEXT NOT NULL,
  norm_name TEXT NOT NULL,
  type TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  UNIQUE (document_id, local_id)
);
CREATE INDEX entities_actor ON entities(actor_id);
CREATE INDEX entities_norm ON entities(norm_name, type);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  text TEXT NOT NULL,
  norm_text TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_norm ON mentions(norm_text);

CREATE TABLE event_clusters (
  id INTEGER PRIMARY KEY,
  cluster_key TEXT NOT NULL,
  source_code TEXT NOT NULL DEFAULT '',
  target_code TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  first_day INTEGER,
  last_day INTEGER,
  num_mentions INTEGER NOT NULL DEFAULT 0,
  num_articles INTEGER NOT NULL DEFAULT 0,
  num_sources INTEGER NOT NULL DEFAULT 0,
  goldstein REAL NOT NULL DEFAULT 0,
  representative INTEGER
);
CREATE INDEX event_clusters_key ON event_clusters(cluster_key, first_day);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  sentence INTEGER NOT NULL DEFAULT 0,
  sentence_text TEXT NOT NULL DEFAULT '',
  source_entity INTEGER REFERENCES entities(id),
  target_entity INTEGER REFERENCES entities(id),
  source_actor INTEGER REFERENCES actors(id),
  target_actor INTEGER REFERENCES actors(id),
  source_code TEXT NOT NULL DEFAULT '',
  target_code TEXT NOT NULL DEFAULT '',
  source_country TEXT NOT NULL DEFAULT '',
  target_country TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL DEFAULT 0,
  goldstein REAL NOT NULL DEFAULT 0,
  event_date TEXT NOT NULL DEFAULT '',
  day INTEGER,
  modality TEXT NOT NULL DEFAULT 'asserted',
  negated INTEGER NOT NULL DEFAULT 0,
  attributed_to INTEGER REFERENCES entities(id),
  instrument INTEGER REFERENCES entities(id),
  evidence_start INTEGER NOT NULL DEFAULT 0,
  evidence_end INTEGER NOT NULL DEFAULT 0,
  evidence_text TEXT NOT NULL DEFAULT '',
  cluster_key TEXT NOT NULL,
  cluster_id INTEGER REFERENCES event_clusters(id),
  UNIQUE (document_id, local_id)
);
CREATE INDEX events_cluster ON events(cluster_id, day);
CREATE INDEX events_source ON events(source_actor, day);
CREATE INDEX events_target ON events(target_actor, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_code ON events(code);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  sentence INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  speaker_entity INTEGER REFERENCES entities(id),
  speaker_actor INTEGER REFERENCES actors(id),
  speaker_name TEXT NOT NULL DEFAULT '',
  cue TEXT NOT NULL DEFAULT '',
  addressee_entity INTEGER REFERENCES entities(id),
  medium_entity INTEGER REFERENCES entities(id),
  UNIQUE (document_id, local_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_actor);
CREATE INDEX quotes_document ON quotes(document_id);

CREATE TABLE dates (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  sentence INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dates_document ON dates(document_id);
)sql";

// Version 2: per-document warnings, and aliases as a view over mentions (so
// they can never disagree with the stored documents).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  offset INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX warnings_document ON warnings(document_id);
CREATE VIEW actor_aliases AS
  SELECT e.actor_id AS actor_id, min(m.text) AS alias, count(*) AS mentions
  FROM mentions m JOIN entities e ON e.id = m.entity_id
  GROUP BY e.actor_id, m.norm_text;
)sql";

// Version 3: the event's place (the GPE or LOC of an "in/at X" phrase),
// as the entity and as written.
constexpr std::string_view kVersion3 = R"sql(
ALTER TABLE events ADD COLUMN place INTEGER REFERENCES entities(id);
ALTER TABLE events ADD COLUMN place_text TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace

const std::vector<std::string_view>& SqliteMigrations() {
  static const std::vector<std::string_view> migrations = {kVersion1, kVersion2,
                                                           kVersion3};
  static_assert(kStoreSchemaVersion == 3, "add the migration here");
  return migrations;
}

}  // namespace entente::store
