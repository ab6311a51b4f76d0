// The knowledge-graph store: every document's analysis in one database, with
// actors resolved across documents and repeated reports of one real event
// grouped into clusters.
//
// Store is an interface so that callers (entente ingest, query, export, the
// server) do not depend on the backend; the default is SQLite (one file, WAL
// journal), and a PostgreSQL backend can implement the same class later. The
// schema and the resolution rules are documented in docs/store.md.
//
// Threading: a Store object is thread-compatible: use it from one thread at a
// time. Several Store objects (threads or processes) may open the same file;
// any number of them can read while one writes.
//
// Errors: every method returns Status/StatusOr. Opening a file that is not an
// entente database, or that was written by a newer entente, fails with
// InvalidArgument naming the file; a corrupt file fails with DataLoss; a full
// disk with ResourceExhausted; an unwritable file with IoError. A failed write
// leaves the database as it was before that document.
#ifndef ENTENTE_STORE_H_
#define ENTENTE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

// The schema version this build reads and writes (PRAGMA user_version).
inline constexpr int kStoreSchemaVersion = 3;

struct StoreOptions {
  // Open for queries only. The file must exist and have the current schema.
  bool read_only = false;
  // How long to wait for another writer's lock before failing, in ms.
  int busy_timeout_ms = 10000;
  // When positive, writes that would grow the file beyond this many bytes
  // fail with ResourceExhausted (as on a full disk) and are rolled back.
  int64_t max_size_bytes = 0;
};

// What PutDocument did with a document.
enum class PutOutcome {
  kAdded,      // Its id was new.
  kReplaced,   // Its id was stored with another content hash (or forced).
  kUnchanged,  // Stored with the same content hash; nothing was written.
};

// Row counts of every table; two databases built from the same documents
// have the same counts.
struct StoreCounts {
  int64_t documents = 0;
  int64_t actors = 0;
  int64_t entities = 0;  // Per-document entities (each linked to an actor).
  int64_t mentions = 0;
  int64_t events = 0;
  int64_t clusters = 0;
  int64_t quotes = 0;
  int64_t dates = 0;
  bool operator==(const StoreCounts&) const = default;
};

// An actor as referred to from an event or quote; id 0 when absent.
struct ActorRef {
  int64_t id = 0;
  std::string name;
  std::string type;
  std::string code;
  std::string country;
  std::string role;
};

// Filters for FindEvents. Empty strings and zeros mean "any". Dates are
// "YYYY-MM-DD" and inclusive; they apply to the event's date (the document's
// date when the event has none).
struct EventFilter {
  // An actor by name or alias (case-insensitive), or by CAMEO code prefix
  // when written in capitals ("RUS" matches RUS, RUSGOV, RUSMIL).
  std::string actor{};    // Either side.
  std::string source{};   // Source side only.
  std::string target{};   // Target side only.
  std::string country{};  // CAMEO country code of either actor.
  std::string code{};  // CAMEO event code prefix: "05" (root), "051", "0511".
  int quad_class = 0;  // 1..4.
  std::string from{};
  std::string to{};
  std::string text{};      // Substring of the evidence or its sentence.
  int min_sources = 0;     // Only events whose cluster has this many sources.
  std::string document{};  // Only events of this document id.
  bool one_per_cluster = false;  // One row (the earliest report) per cluster.
  size_t limit = 0;              // At most this many rows; 0 = all.
  // Actor ids (ActorRef::id); a non-zero id replaces the name or code
  // matching of the same side above.
  int64_t actor_id = 0;
  int64_t source_id = 0;
  int64_t target_id = 0;
  size_t offset = 0;  // Skip this many rows first (paging).
};

// One stored event with its actors, document and cluster.
struct EventRecord {
  int64_t id = 0;
  std::string local_id;  // "V1" within its document.
  std::string document;  // Document id.
  std::string document_date;
  std::string publisher;  // Document::source.
  std::string url;
  std::string ingested_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ".
  int sentence = 0;
  std::string sentence_text;
  ActorRef source;
  ActorRef target;
  std::string source_code;
  std::string target_code;
  std::string code;
  std::string root;
  int quad_class = 0;
  double goldstein = 0;
  std::string date;  // The event's date, else the document's; may be empty.
  std::string modality;
  bool negated = false;
  std::string attributed_to;  // Actor name, or empty.
  std::string instrument;     // Actor name, or empty.
  std::string place;          // Where it happened, as written; or empty.
  Evidence evidence;
  // The cluster: every report of the same real event.
  int64_t cluster = 0;
  int num_mentions = 0;
  int num_sources = 0;
  int num_articles = 0;
  std::string title;  // The document's title; may be empty.
};

// Filters for FindActors; empty means any.
struct ActorFilter {
  std::string name{};  // Case-insensitive substring of the name or an alias.
  std::string type{};  // PERSON, ORG, GPE, LOC, WEAPON.
  std::string code{};  // CAMEO code prefix.
  std::string country{};
  std::string from{};  // Seen in a document dated within [from, to].
  std::string to{};
  size_t limit = 0;
  int64_t id = 0;     // This actor only.
  size_t offset = 0;  // Skip this many rows first (paging).
};

// A canonical actor: one person, organisation or place across documents.
struct ActorRecord {
  ActorRef actor;
  std::string first_seen;  // Earliest and latest document date.
  std::string last_seen;
  int64_t documents = 0;  // Documents that mention it.
  int64_t mentions = 0;
  int64_t events = 0;                // Events where it is source or target.
  std::vector<std::string> aliases;  // Distinct mention texts, most used first.
};

// Filters for FindQuotes.
struct QuoteFilter {
  std::string speaker{};  // Actor name/alias/code, or the speaker as named.
  std::string text{};     // Substring of the quotation.
  std::string from{};
  std::string to{};
  size_t limit = 0;
  std::string document{};  // Only quotations of this document id.
  int64_t speaker_id = 0;  // Replaces `speaker` with this actor id.
  size_t offset = 0;       // Skip this many rows first (paging).
};

struct QuoteRecord {
  int64_t id = 0;
  std::string document;
  std::string date;
  std::string url;
  std::string text;
  ActorRef speaker;  // id 0 when the speaker is not a known entity.
  std::string speaker_name;
  std::string cue;
  std::string addressee;  // Actor names, or empty.
  std::string medium;
  Evidence span;  // The quotation's offsets in its document.
};

enum class TimelineUnit { kDay, kWeek, kMonth };

// A dyad timeline: events from `source` to `target` (same matching rules as
// EventFilter::source/target), and back when `both_directions`.
struct TimelineFilter {
  std::string source{};
  std::string target{};
  bool both_directions = false;
  std::string from{};
  std::string to{};
  TimelineUnit unit = TimelineUnit::kMonth;
  bool one_per_cluster = false;  // Count real events, not reports.
  // Actor ids replacing the matching of `source` / `target` by name or code.
  int64_t source_id = 0;
  int64_t target_id = 0;
  // When set (a name, alias or code prefix, or an id), the timeline of every
  // event with this actor on either side; source and target are ignored.
  std::string actor{};
  int64_t actor_id = 0;
};

struct TimelineBucket {
  std::string period;  // "2024-07-13", "2024-W28" (ISO week) or "2024-07".
  int64_t events = 0;
  double goldstein_sum = 0;
  int64_t cooperation = 0;  // Quad classes 1 and 2.
  int64_t conflict = 0;     // Quad classes 3 and 4.
};

// The directed actor interaction graph over a date range.
struct GraphEdge {
  int64_t source = 0;  // Actor ids.
  int64_t target = 0;
  int64_t events = 0;
  double goldstein_sum = 0;
  int64_t cooperation = 0;
  int64_t conflict = 0;
};

struct ActorGraph {
  std::vector<ActorRecord> nodes;  // Every actor with at least one edge.
  std::vector<GraphEdge> edges;
};

// Filters for FindInteractions; empty means any.
struct GraphFilter {
  std::string from{};  // As in EventFilter.
  std::string to{};
  std::string code{};  // CAMEO event code prefix.
  // Only interactions with this actor on one side (name, alias or code
  // prefix as in EventFilter::actor, or an id).
  std::string actor{};
  int64_t actor_id = 0;
};

// Events from one actor to another, aggregated: one edge of the directed
// interaction graph, with both actors described.
struct Interaction {
  ActorRef source;
  ActorRef target;
  int64_t events = 0;
  double goldstein_sum = 0;
  int64_t cooperation = 0;  // Quad classes 1 and 2.
  int64_t conflict = 0;     // Quad classes 3 and 4.
};

// A stored document, as given to PutDocument.
struct DocumentRecord {
  std::string id;
  std::string title;
  std::string date;
  std::string source;
  std::string url;
  std::string text;
};

class Store {
 public:
  // Opens (creating unless read_only) the SQLite database at `path`,
  // migrating an older schema to kStoreSchemaVersion. See the file comment
  // for the errors.
  static StatusOr<std::unique_ptr<Store>> OpenSqlite(
      const std::string& path, const StoreOptions& options = StoreOptions());

  virtual ~Store() = default;

  // Document id -> content hash of every stored document, so a caller can
  // skip unchanged documents before analysing them.
  virtual StatusOr<std::unordered_map<std::string, std::string>>
  DocumentHashes() = 0;

  // Stores one document's analysis atomically: its entities (resolved to
  // actors), mentions, events (clustered), quotes and dates. A document with
  // the same id and `content_hash` is left alone (kUnchanged) unless
  // `force`; one with another hash has its old results replaced. An empty
  // `content_hash` means ContentHash(document).
  virtual StatusOr<PutOutcome> PutDocument(const Document& document,
                                           const Analysis& analysis,
                                           std::string_view content_hash = {},
                                           bool force = false) = 0;

  // Removes a document and everything derived from it; false when absent.
  virtual StatusOr<bool> DeleteDocument(std::string_view id) = 0;

  // Groups the following writes into one transaction (faster ingest). Each
  // PutDocument stays atomic: a failed one is rolled back alone. Until
  // CommitBatch, other connections do not see the writes; a crash loses the
  // uncommitted batch only.
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;

  virtual StatusOr<StoreCounts> Counts() = 0;

  // Checks the file (SQLite integrity and foreign keys) and the store's own
  // invariants (every event in a cluster whose counts match its events,
  // every actor used). DataLoss describing the first problem otherwise.
  virtual Status CheckIntegrity() = 0;

  // Queries. Results are ordered by date then id (actors by documents, most
  // first).
  virtual StatusOr<std::vector<EventRecord>> FindEvents(
      const EventFilter& filter) = 0;
  virtual StatusOr<std::vector<ActorRecord>> FindActors(
      const ActorFilter& filter) = 0;
  virtual StatusOr<std::vector<QuoteRecord>> FindQuotes(
      const QuoteFilter& filter) = 0;
  virtual StatusOr<std::vector<TimelineBucket>> Timeline(
      const TimelineFilter& filter) = 0;
  // Actors and their aggregated interactions; events without both actors
  // are left out. `from`/`to` as in EventFilter; empty means all time.
  virtual StatusOr<ActorGraph> BuildActorGraph(const std::string& from,
                                               const std::string& to) = 0;
  // Every (source actor, target actor) pair with its events aggregated, in
  // one query (for graph views); events without both actors, and an actor's
  // events with itself, are left out. Ordered by source then target id.
  virtual StatusOr<std::vector<Interaction>> FindInteractions(
      const GraphFilter& filter) = 0;
  // One document by id; NotFound when absent.
  virtual StatusOr<DocumentRecord> GetDocument(std::string_view id) = 0;
};

// A hex SHA-256 of the document's id, date, source, url, title and text: two
// documents with the same hash give the same analysis.
std::string ContentHash(const Document& document);

}  // namespace entente

#endif  // ENTENTE_STORE_H_
