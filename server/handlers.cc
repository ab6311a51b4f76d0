#include "server/handlers.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "entente/blocs.h"
#include "entente/events.h"
#include "entente/pipeline.h"
#include "entities/gazetteer.h"
#include "server/json_writers.h"
#include "server/params.h"

namespace entente::server {
namespace {

#define SERVER_ASSIGN(lhs, expr)                \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = std::move(lhs##_or).value()

constexpr int64_t kDefaultLimit = 100;
constexpr int64_t kMaxLimit = 1000;
constexpr int64_t kMaxOffset = 1000000000;
// Rows per section of an actor profile and a dyad.
constexpr size_t kProfileTies = 20;
constexpr size_t kProfileQuotes = 50;
constexpr size_t kProfileMembers = 200;
constexpr size_t kProfileAliases = 30;
constexpr size_t kDyadEvents = 200;

// An actor named in a request: "a12" (a graph node id) or "12" in a path
// means actor id 12; anything else is a name, alias or code prefix.
struct ActorSelector {
  std::string text;
  int64_t id = 0;
};

// The id in "a12" (or "12" when `bare_digits`), or 0.
int64_t ActorIdIn(std::string_view s, bool bare_digits) {
  if (!bare_digits) {
    if (s.size() < 2 || s[0] != 'a') return 0;
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 15) return 0;
  int64_t id = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

ActorSelector SelectActor(std::string text) {
  ActorSelector s;
  s.id = ActorIdIn(text, /*bare_digits=*/false);
  if (s.id == 0) s.text = std::move(text);
  return s;
}

// The document texts a response refers to, loaded once per request, for
// character offsets.
class DocumentTexts {
 public:
  explicit DocumentTexts(Store& store) : store_(store) {}
  // The index of `id`'s text, or null when the document cannot be read.
  const Utf16Index* Get(const std::string& id) {
    auto it = docs_.find(id);
    if (it == docs_.end()) {
      auto entry = std::make_unique<Entry>();
      StatusOr<DocumentRecord> doc = store_.GetDocument(id);
      if (doc.ok()) {
        entry->text = std::move(doc->text);
        entry->index = Utf16Index(entry->text);
        entry->ok = true;
      }
      it = docs_.emplace(id, std::move(entry)).first;
    }
    return it->second->ok ? &it->second->index : nullptr;
  }

 private:
  struct Entry {
    std::string text;  // Owned here; `index` points into it.
    Utf16Index index;
    bool ok = false;
  };
  Store& store_;
  std::map<std::string, std::unique_ptr<Entry>> docs_;
};

std::string Describe(const ApiContext& ctx, const std::string& code) {
  if (!ctx.coder) return "";
  const CameoCode* c = ctx.coder->Lookup(code);
  return c ? c->description : "";
}

Json EventsJson(ApiContext& ctx, const std::vector<EventRecord>& events) {
  DocumentTexts texts(ctx.store);
  Json out = Json::array();
  for (const EventRecord& e : events) {
    Json j = EventJson(e, texts.Get(e.document));
    j["description"] = Describe(ctx, e.code);
    out.push_back(std::move(j));
  }
  return out;
}

struct Paging {
  int64_t limit = kDefaultLimit;
  int64_t offset = 0;
};

StatusOr<Paging> ParsePaging(const QueryParams& p) {
  Paging paging;
  SERVER_ASSIGN(limit, p.Integer("limit", kDefaultLimit, 1, kMaxLimit));
  SERVER_ASSIGN(offset, p.Integer("offset", 0, 0, kMaxOffset));
  paging.limit = limit;
  paging.offset = offset;
  return paging;
}

struct DateRange {
  std::string from;
  std::string to;
};

StatusOr<DateRange> ParseDateRange(const QueryParams& p) {
  DateRange range;
  SERVER_ASSIGN(from, p.Date("from"));
  SERVER_ASSIGN(to, p.Date("to"));
  ENTENTE_RETURN_IF_ERROR(CheckDateRange(from, to));
  range.from = std::move(from);
  range.to = std::move(to);
  return range;
}

StatusOr<ActorSelector> ParseActorParam(const QueryParams& p,
                                        std::string_view name) {
  SERVER_ASSIGN(text, p.Text(name));
  return SelectActor(std::move(text));
}

StatusOr<EventFilter> ParseEventFilter(const QueryParams& p) {
  EventFilter f;
  SERVER_ASSIGN(actor, ParseActorParam(p, "actor"));
  SERVER_ASSIGN(source, ParseActorParam(p, "source"));
  SERVER_ASSIGN(target, ParseActorParam(p, "target"));
  f.actor = actor.text;
  f.actor_id = actor.id;
  f.source = source.text;
  f.source_id = source.id;
  f.target = target.text;
  f.target_id = target.id;
  SERVER_ASSIGN(country, p.ActorCode("country", 3));
  if (country.size() > 3) {
    return InvalidArgumentError(
        "parameter 'country': expected a 3-letter CAMEO country code, got '" +
        country + "'");
  }
  f.country = country;
  SERVER_ASSIGN(code, p.EventCode("code"));
  f.code = code;
  SERVER_ASSIGN(quad, p.Integer("quad", 0, 1, 4));
  f.quad_class = static_cast<int>(quad);
  SERVER_ASSIGN(range, ParseDateRange(p));
  f.from = range.from;
  f.to = range.to;
  SERVER_ASSIGN(text, p.Text("text"));
  f.text = text;
  SERVER_ASSIGN(min_sources, p.Integer("min_sources", 0, 0, 1000000));
  f.min_sources = static_cast<int>(min_sources);
  SERVER_ASSIGN(document, p.Text("document"));
  f.document = document;
  SERVER_ASSIGN(clusters, p.Flag("clusters"));
  f.one_per_cluster = clusters;
  SERVER_ASSIGN(paging, ParsePaging(p));
  f.limit = static_cast<size_t>(paging.limit);
  f.offset = static_cast<size_t>(paging.offset);
  return f;
}

// ---- graph views shared by /api/graph and /api/blocs ----

struct GraphNode {
  std::string id;  // "RUS" or "a12".
  std::string label;
  std::string code;
  std::string type;
  int64_t events = 0;
  bool named_by_state = false;  // The label is the state's own entity.
};

struct GraphEdgeView {
  int source = 0;  // Node indices.
  int target = 0;
  int64_t events = 0;
  double goldstein_sum = 0;
  int64_t cooperation = 0;
  int64_t conflict = 0;
};

struct GraphView {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdgeView> edges;
};

// The built-in country gazetteer, for names of countries no stored actor
// names; null if it cannot be read (labels then stay codes).
const Gazetteer* Countries() {
  static const Gazetteer* countries = [] {
    StatusOr<Gazetteer> g = Gazetteer::BuiltIn();
    return g.ok() ? new Gazetteer(std::move(g).value()) : nullptr;
  }();
  return countries;
}

// The node an actor belongs to: its country or organisation (the first three
// letters of its CAMEO code, so a president counts for the state) or itself;
// -1 for an uncoded actor at country level.
int NodeOf(const ActorRef& a, bool by_country, GraphView& view,
           std::map<std::string, int>& index) {
  std::string key;
  if (by_country) {
    if (a.code.size() < 3) return -1;
    key = a.code.substr(0, 3);
  } else {
    key = "a" + std::to_string(a.id);
  }
  auto [it, added] = index.emplace(key, static_cast<int>(view.nodes.size()));
  if (added) {
    GraphNode node;
    node.id = key;
    node.label = by_country ? key : a.name;
    node.code = by_country ? key : a.code;
    node.type = by_country ? (key == "IGO" ? "IGO" : "") : a.type;
    if (by_country && Countries()) {
      std::string_view country = Countries()->CountryName(key);
      if (!country.empty()) {
        node.label = std::string(country);
        node.type = "GPE";
      }
    }
    view.nodes.push_back(std::move(node));
  }
  GraphNode& node = view.nodes[it->second];
  if (by_country && !node.named_by_state) {
    // A node whose members belong to the country `key` is a state.
    if (node.type.empty() && a.country == key) node.type = "GPE";
    // The state's own entity ("Russia", GPE, code RUS) names it.
    if (a.code == key) {
      node.label = a.name;
      if (node.type.empty()) node.type = a.type;
      node.named_by_state = a.type == "GPE";
    }
  }
  return it->second;
}

// Merges interactions into nodes and directed edges; drops edges inside one
// node, edges with fewer than `min_events` events and nodes left without
// edges.
GraphView MakeGraphView(const std::vector<Interaction>& interactions,
                        bool by_country, int64_t min_events) {
  GraphView all;
  std::map<std::string, int> index;
  std::map<std::pair<int, int>, GraphEdgeView> edges;
  for (const Interaction& i : interactions) {
    int s = NodeOf(i.source, by_country, all, index);
    int t = NodeOf(i.target, by_country, all, index);
    if (s < 0 || t < 0 || s == t) continue;
    GraphEdgeView& e = edges[{s, t}];
    e.source = s;
    e.target = t;
    e.events += i.events;
    e.goldstein_sum += i.goldstein_sum;
    e.cooperation += i.cooperation;
    e.conflict += i.conflict;
  }
  GraphView view;
  std::vector<int> new_index(all.nodes.size(), -1);
  auto keep = [&](int node) {
    if (new_index[node] < 0) {
      new_index[node] = static_cast<int>(view.nodes.size());
      view.nodes.push_back(all.nodes[node]);
    }
    return new_index[node];
  };
  for (auto& [pair, e] : edges) {
    if (e.events < min_events) continue;
    GraphEdgeView kept = e;
    kept.source = keep(e.source);
    kept.target = keep(e.target);
    view.nodes[kept.source].events += e.events;
    view.nodes[kept.target].events += e.events;
    view.edges.push_back(kept);
  }
  return view;
}

Json NodeJson(const GraphNode& n) {
  return {{"id", n.id},
          {"label", n.label},
          {"code", n.code},
          {"type", n.type},
          {"events", n.events}};
}

struct GraphRequest {
  GraphFilter filter;
  bool by_country = true;
  int64_t min_events = 1;
};

StatusOr<GraphRequest> ParseGraphRequest(const QueryParams& p) {
  GraphRequest g;
  SERVER_ASSIGN(range, ParseDateRange(p));
  g.filter.from = range.from;
  g.filter.to = range.to;
  SERVER_ASSIGN(code, p.EventCode("code"));
  g.filter.code = code;
  SERVER_ASSIGN(level, p.Choice("level", "country", {"country", "actor"}));
  g.by_country = level == "country";
  SERVER_ASSIGN(min_events, p.Integer("min_events", 1, 1, 1000000));
  g.min_events = min_events;
  return g;
}

// ---- actor profiles ----

struct Tally {
  ActorRef actor;
  int64_t events = 0;
  double goldstein_sum = 0;
  int64_t cooperation = 0;
  int64_t conflict = 0;
};

Json TallyJson(const Tally& t) {
  return {{"actor", ActorRefJson(t.actor)},
          {"events", t.events},
          {"goldstein_sum", t.goldstein_sum},
          {"cooperation", t.cooperation},
          {"conflict", t.conflict}};
}

// Partners (net cooperation) and rivals (net conflict) of the `members`:
// every counterpart outside them, most events first.
std::pair<Json, Json> PartnersAndRivals(
    const std::vector<Interaction>& interactions,
    const std::set<int64_t>& members) {
  std::map<int64_t, Tally> by_actor;
  for (const Interaction& i : interactions) {
    bool from_member = members.count(i.source.id) > 0;
    bool to_member = members.count(i.target.id) > 0;
    if (from_member == to_member) continue;  // Internal, or not ours.
    const ActorRef& other = from_member ? i.target : i.source;
    Tally& t = by_actor[other.id];
    t.actor = other;
    t.events += i.events;
    t.goldstein_sum += i.goldstein_sum;
    t.cooperation += i.cooperation;
    t.conflict += i.conflict;
  }
  std::vector<Tally> partners, rivals;
  for (auto& [id, t] : by_actor) {
    if (t.goldstein_sum > 0) partners.push_back(t);
    if (t.goldstein_sum < 0) rivals.push_back(t);
  }
  auto order = [](const Tally& a, const Tally& b) {
    if (a.events != b.events) return a.events > b.events;
    return std::abs(a.goldstein_sum) > std::abs(b.goldstein_sum);
  };
  auto to_json = [&](std::vector<Tally>& ties) {
    std::stable_sort(ties.begin(), ties.end(), order);
    if (ties.size() > kProfileTies) ties.resize(kProfileTies);
    Json out = Json::array();
    for (const Tally& t : ties) out.push_back(TallyJson(t));
    return out;
  };
  return {to_json(partners), to_json(rivals)};
}

bool IsActorCode(std::string_view s) {
  if (s.size() < 3 || s.size() > 12) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::vector<std::string> MergedAliases(
    const std::vector<ActorRecord>& members) {
  std::vector<std::string> aliases;
  std::set<std::string> seen;
  for (const ActorRecord& m : members) {
    for (const std::string& a : m.aliases) {
      if (aliases.size() >= kProfileAliases) return aliases;
      if (seen.insert(a).second) aliases.push_back(a);
    }
  }
  return aliases;
}

// ---- dyads ----

StatusOr<ActorSelector> ParseDyadSide(const std::string& arg,
                                      std::string_view which) {
  ENTENTE_RETURN_IF_ERROR(CheckText("actor " + std::string(which), arg));
  if (arg.empty()) {
    return InvalidArgumentError("actor " + std::string(which) + " is empty");
  }
  return SelectActor(arg);
}

StatusOr<std::vector<TimelineBucket>> DyadTimeline(
    Store& store, const ActorSelector& from_actor,
    const ActorSelector& to_actor, const DateRange& range, TimelineUnit unit) {
  TimelineFilter f;
  f.source = from_actor.text;
  f.source_id = from_actor.id;
  f.target = to_actor.text;
  f.target_id = to_actor.id;
  f.from = range.from;
  f.to = range.to;
  f.unit = unit;
  return store.Timeline(f);
}

StatusOr<std::vector<EventRecord>> DyadEvents(Store& store,
                                              const ActorSelector& from_actor,
                                              const ActorSelector& to_actor,
                                              const DateRange& range) {
  EventFilter f;
  f.source = from_actor.text;
  f.source_id = from_actor.id;
  f.target = to_actor.text;
  f.target_id = to_actor.id;
  f.from = range.from;
  f.to = range.to;
  f.limit = kDyadEvents;
  return store.FindEvents(f);
}

Json BucketsJson(const std::vector<TimelineBucket>& buckets) {
  Json out = Json::array();
  for (const TimelineBucket& b : buckets) out.push_back(BucketJson(b));
  return out;
}

// ---- extraction ----

StatusOr<Document> DocumentFromBody(const ApiRequest& req) {
  Document doc;
  doc.id = "extract";
  doc.origin = "POST /api/extract";
  // The media type without parameters, lower-cased ("Text/Plain;
  // charset=UTF-8" is text/plain).
  std::string type = req.content_type.substr(0, req.content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(c));
  if (type == "application/json") {
    Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      return InvalidArgumentError("body: not a JSON object");
    }
    for (const auto& [key, value] : body.items()) {
      if (key != "text" && key != "title" && key != "date") {
        return InvalidArgumentError("body: unknown field '" + key +
                                    "'; expected text, title, date");
      }
      if (!value.is_string()) {
        return InvalidArgumentError("body: field '" + key +
                                    "' must be a string");
      }
    }
    if (!body.contains("text")) {
      return InvalidArgumentError("body: field 'text' is missing");
    }
    doc.text = body["text"].get<std::string>();
    if (body.contains("title")) doc.title = body["title"].get<std::string>();
    if (body.contains("date")) {
      std::multimap<std::string, std::string> date{
          {"date", body["date"].get<std::string>()}};
      SERVER_ASSIGN(params, QueryParams::Parse(date, {"date"}));
      SERVER_ASSIGN(value, params.Date("date"));
      doc.date = value;
    }
  } else if (type.empty() || type == "text/plain") {
    doc.text = req.body;
  } else {
    return InvalidArgumentError("body: Content-Type '" + type +
                                "' is not text/plain or application/json");
  }
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgumentError("body: the text is empty");
  }
  return doc;
}

}  // namespace

StatusOr<std::string> HandleHealth(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params, {}));
  SERVER_ASSIGN(counts, ctx.store.Counts());
  return Dump({{"status", "ok"},
               {"schema", kStoreSchemaVersion},
               {"documents", counts.documents},
               {"events", counts.events},
               {"actors", counts.actors}});
}

StatusOr<std::string> HandleEvents(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params,
                QueryParams::Parse(
                    req.params, {"actor", "source", "target", "country", "code",
                                 "quad", "from", "to", "text", "min_sources",
                                 "document", "clusters", "limit", "offset"}));
  SERVER_ASSIGN(filter, ParseEventFilter(params));
  SERVER_ASSIGN(events, ctx.store.FindEvents(filter));
  return Dump({{"events", EventsJson(ctx, events)},
               {"count", events.size()},
               {"limit", filter.limit},
               {"offset", filter.offset}});
}

StatusOr<std::string> HandleActors(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params,
                                           {"name", "type", "code", "country",
                                            "from", "to", "limit", "offset"}));
  ActorFilter f;
  SERVER_ASSIGN(name, params.Text("name"));
  f.name = name;
  SERVER_ASSIGN(type, params.Choice("type", "",
                                    {"PERSON", "ORG", "GPE", "LOC", "WEAPON"}));
  f.type = type;
  SERVER_ASSIGN(code, params.ActorCode("code"));
  f.code = code;
  SERVER_ASSIGN(country, params.ActorCode("country", 3));
  f.country = country;
  SERVER_ASSIGN(range, ParseDateRange(params));
  f.from = range.from;
  f.to = range.to;
  SERVER_ASSIGN(paging, ParsePaging(params));
  f.limit = static_cast<size_t>(paging.limit);
  f.offset = static_cast<size_t>(paging.offset);
  SERVER_ASSIGN(actors, ctx.store.FindActors(f));
  Json list = Json::array();
  for (const ActorRecord& a : actors) list.push_back(ActorJson(a));
  return Dump({{"actors", std::move(list)},
               {"count", actors.size()},
               {"limit", f.limit},
               {"offset", f.offset}});
}

StatusOr<std::string> HandleActorProfile(ApiContext& ctx,
                                         const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params, {}));
  const std::string& key = req.path_args.at(0);
  ENTENTE_RETURN_IF_ERROR(CheckText("actor key", key));
  int64_t id = ActorIdIn(key, /*bare_digits=*/true);
  if (id == 0) id = ActorIdIn(key, /*bare_digits=*/false);
  if (id == 0 && !IsActorCode(key)) {
    return InvalidArgumentError(
        "actor key '" + key +
        "': expected a numeric actor id (12, or a12) or a CAMEO actor code "
        "(3 to 12 upper-case letters or digits, e.g. RUS)");
  }
  ActorFilter members_filter;
  if (id > 0) {
    members_filter.id = id;
  } else {
    members_filter.code = key;
  }
  members_filter.limit = kProfileMembers;
  SERVER_ASSIGN(members, ctx.store.FindActors(members_filter));
  if (members.empty()) {
    return NotFoundError("no actor matches '" + key + "'");
  }
  // The profile is named by the actor itself, or by the state's own entity
  // for a code (members come most-documented first).
  const ActorRecord* head = &members.front();
  if (id == 0) {
    for (const ActorRecord& m : members) {
      if (m.actor.code == key) {
        head = &m;
        break;
      }
    }
  }
  bool exact = id > 0 || head->actor.code == key;
  std::set<int64_t> member_ids;
  Json member_list = Json::array();
  for (const ActorRecord& m : members) {
    member_ids.insert(m.actor.id);
    member_list.push_back(ActorJson(m));
  }

  GraphFilter ties_filter;
  TimelineFilter timeline_filter;
  QuoteFilter quote_filter;
  if (id > 0) {
    ties_filter.actor_id = timeline_filter.actor_id = id;
    quote_filter.speaker_id = id;
  } else {
    ties_filter.actor = timeline_filter.actor = quote_filter.speaker = key;
  }
  SERVER_ASSIGN(interactions, ctx.store.FindInteractions(ties_filter));
  auto [partners, rivals] = PartnersAndRivals(interactions, member_ids);
  timeline_filter.unit = TimelineUnit::kMonth;
  SERVER_ASSIGN(timeline, ctx.store.Timeline(timeline_filter));
  quote_filter.limit = kProfileQuotes;
  SERVER_ASSIGN(quotes, ctx.store.FindQuotes(quote_filter));
  DocumentTexts texts(ctx.store);
  Json quote_list = Json::array();
  for (const QuoteRecord& q : quotes) {
    quote_list.push_back(QuoteJson(q, texts.Get(q.document)));
  }
  return Dump({{"key", key},
               {"name", exact ? head->actor.name : key},
               {"code", id > 0 ? head->actor.code : key},
               {"type", exact ? head->actor.type : ""},
               {"country", exact ? head->actor.country : ""},
               {"members", std::move(member_list)},
               {"aliases", MergedAliases(members)},
               {"partners", std::move(partners)},
               {"rivals", std::move(rivals)},
               {"timeline", BucketsJson(timeline)},
               {"quotes", std::move(quote_list)}});
}

StatusOr<std::string> HandleDyad(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params, {"from", "to", "unit"}));
  SERVER_ASSIGN(a, ParseDyadSide(req.path_args.at(0), "a"));
  SERVER_ASSIGN(b, ParseDyadSide(req.path_args.at(1), "b"));
  SERVER_ASSIGN(range, ParseDateRange(params));
  SERVER_ASSIGN(unit_name,
                params.Choice("unit", "month", {"day", "week", "month"}));
  TimelineUnit unit = unit_name == "day"    ? TimelineUnit::kDay
                      : unit_name == "week" ? TimelineUnit::kWeek
                                            : TimelineUnit::kMonth;
  SERVER_ASSIGN(a_to_b, DyadTimeline(ctx.store, a, b, range, unit));
  SERVER_ASSIGN(b_to_a, DyadTimeline(ctx.store, b, a, range, unit));
  SERVER_ASSIGN(forward, DyadEvents(ctx.store, a, b, range));
  SERVER_ASSIGN(backward, DyadEvents(ctx.store, b, a, range));
  std::vector<EventRecord> events = std::move(forward);
  // An event can match both directions (a code prefix on both sides).
  std::set<int64_t> seen;
  for (const EventRecord& e : events) seen.insert(e.id);
  for (EventRecord& e : backward) {
    if (!seen.count(e.id)) events.push_back(std::move(e));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const EventRecord& x, const EventRecord& y) {
                     return std::tie(x.date, x.id) < std::tie(y.date, y.id);
                   });
  if (events.size() > kDyadEvents) events.resize(kDyadEvents);
  return Dump({{"a", req.path_args.at(0)},
               {"b", req.path_args.at(1)},
               {"a_to_b", BucketsJson(a_to_b)},
               {"b_to_a", BucketsJson(b_to_a)},
               {"events", EventsJson(ctx, events)}});
}

StatusOr<std::string> HandleGraph(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params,
                QueryParams::Parse(
                    req.params, {"from", "to", "code", "level", "min_events"}));
  SERVER_ASSIGN(g, ParseGraphRequest(params));
  SERVER_ASSIGN(interactions, ctx.store.FindInteractions(g.filter));
  GraphView view = MakeGraphView(interactions, g.by_country, g.min_events);
  Json nodes = Json::array(), edges = Json::array();
  for (const GraphNode& n : view.nodes) nodes.push_back(NodeJson(n));
  for (const GraphEdgeView& e : view.edges) {
    const std::string& s = view.nodes[e.source].id;
    const std::string& t = view.nodes[e.target].id;
    edges.push_back({{"id", s + ">" + t},
                     {"source", s},
                     {"target", t},
                     {"events", e.events},
                     {"goldstein_sum", e.goldstein_sum},
                     {"cooperation", e.cooperation},
                     {"conflict", e.conflict}});
  }
  return Dump({{"nodes", std::move(nodes)}, {"edges", std::move(edges)}});
}

StatusOr<std::string> HandleBlocs(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params,
                QueryParams::Parse(
                    req.params, {"from", "to", "code", "level", "min_events"}));
  SERVER_ASSIGN(g, ParseGraphRequest(params));
  SERVER_ASSIGN(interactions, ctx.store.FindInteractions(g.filter));
  GraphView view = MakeGraphView(interactions, g.by_country, g.min_events);
  std::vector<SignedEdge> edges;
  for (const GraphEdgeView& e : view.edges) {
    edges.push_back(
        {e.source, e.target, e.goldstein_sum, static_cast<int>(e.events)});
  }
  BlocAnalysis result = FindBlocs(static_cast<int>(view.nodes.size()), edges);
  Json blocs = Json::array();
  for (const std::vector<int>& members : result.blocs) {
    Json list = Json::array();
    for (int i : members) list.push_back(NodeJson(view.nodes[i]));
    blocs.push_back({{"id", blocs.size() + 1}, {"members", std::move(list)}});
  }
  return Dump({{"blocs", std::move(blocs)}, {"modularity", result.modularity}});
}

StatusOr<std::string> HandleDocument(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params, {}));
  const std::string& id = req.path_args.at(0);
  ENTENTE_RETURN_IF_ERROR(CheckText("document id", id));
  StatusOr<DocumentRecord> doc = ctx.store.GetDocument(id);
  if (!doc.ok()) {
    if (doc.status().code() == StatusCode::kNotFound) {
      return NotFoundError("no document '" + id + "'");
    }
    return doc.status();
  }
  Utf16Index index(doc->text);
  EventFilter ef;
  ef.document = id;
  SERVER_ASSIGN(events, ctx.store.FindEvents(ef));
  QuoteFilter qf;
  qf.document = id;
  SERVER_ASSIGN(quotes, ctx.store.FindQuotes(qf));
  Json event_list = Json::array();
  for (const EventRecord& e : events) {
    Json j = {{"id", e.id},
              {"local_id", e.local_id},
              {"code", e.code},
              {"description", Describe(ctx, e.code)},
              {"source_code", e.source_code},
              {"target_code", e.target_code}};
    AddSpan(j, e.evidence.start, e.evidence.end, &index);
    event_list.push_back(std::move(j));
  }
  Json quote_list = Json::array();
  for (const QuoteRecord& q : quotes) {
    Json j = {{"id", q.id}, {"speaker_name", q.speaker_name}};
    AddSpan(j, q.span.start, q.span.end, &index);
    quote_list.push_back(std::move(j));
  }
  return Dump({{"id", doc->id},
               {"title", doc->title},
               {"date", doc->date},
               {"source", doc->source},
               {"url", doc->url},
               {"text", doc->text},
               {"events", std::move(event_list)},
               {"quotes", std::move(quote_list)}});
}

StatusOr<std::string> HandleExtract(ApiContext& ctx, const ApiRequest& req) {
  SERVER_ASSIGN(params, QueryParams::Parse(req.params, {}));
  if (!ctx.pipeline) {
    return Status(StatusCode::kUnimplemented,
                  "extraction is not available on this server");
  }
  SERVER_ASSIGN(doc, DocumentFromBody(req));
  Analysis analysis = ctx.pipeline->Analyze(doc);
  return AnalysisToJson(doc, analysis, JsonOptions());
}

}  // namespace entente::server
