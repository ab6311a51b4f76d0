#include "store/export.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace entente::store {
namespace {

std::string Clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out = Clean(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Digits(std::string_view iso) {
  std::string out;
  for (char c : iso) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// Actor columns 1-10 of a side: Code, Name, CountryCode, KnownGroupCode,
// EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void AddActor(std::vector<std::string>& f, const ActorRef& actor,
              const std::string& code) {
  f.push_back(Clean(code));
  f.push_back(Upper(actor.name));
  std::string country = actor.country;
  if (country.empty() && code.size() >= 3) country = code.substr(0, 3);
  f.push_back(Clean(country));
  f.insert(f.end(), 4, "");  // Known group, ethnic, two religions.
  std::string role = actor.role;
  if (role.empty() && code.size() >= 6) role = code.substr(3, 3);
  f.push_back(Clean(role));
  f.insert(f.end(), 2, "");
}

std::string Json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status Check(std::ostream& out) {
  if (!out) return IoError("writing the export failed");
  return Status::Ok();
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 forbids most control characters.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' &&
            c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::vector<std::string> GdeltFields(const EventRecord& e) {
  std::vector<std::string> f;
  f.reserve(kGdeltColumns.size());
  f.push_back(std::to_string(e.cluster));
  std::string date = Digits(e.date);  // YYYYMMDD when the date is known.
  f.push_back(date);
  f.push_back(date.size() >= 6 ? date.substr(0, 6) : "");
  f.push_back(date.size() >= 4 ? date.substr(0, 4) : "");
  if (date.size() == 8) {
    // GDELT's own approximation: YEAR + (MONTH * 30 + DAY) / 365.
    int year = std::stoi(date.substr(0, 4));
    int month = std::stoi(date.substr(4, 2));
    int day = std::stoi(date.substr(6, 2));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", year + (month * 30 + day) / 365.0);
    f.push_back(buf);
  } else {
    f.push_back("");
  }
  AddActor(f, e.source, e.source_code);
  AddActor(f, e.target, e.target_code);
  f.push_back(e.sentence == 0 ? "1" : "0");  // IsRootEvent: the lead.
  f.push_back(Clean(e.code));
  f.push_back(Clean(e.code.substr(0, 3)));
  f.push_back(Clean(e.root));
  f.push_back(e.quad_class > 0 ? std::to_string(e.quad_class) : "");
  char goldstein[32];
  std::snprintf(goldstein, sizeof goldstein, "%.1f", e.goldstein);
  f.push_back(goldstein);
  f.push_back(std::to_string(e.num_mentions));
  f.push_back(std::to_string(e.num_sources));
  f.push_back(std::to_string(e.num_articles));
  f.push_back("");            // AvgTone.
  f.insert(f.end(), 24, "");  // Actor1, Actor2 and Action geography.
  f.push_back(Digits(e.ingested_at).substr(0, 14));  // DATEADDED.
  f.push_back(Clean(e.url));
  return f;
}

std::string_view PloverType(std::string_view root) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"02", "REQUEST"}, {"03", "AGREE"},     {"04", "CONSULT"},
      {"05", "SUPPORT"}, {"06", "COOPERATE"}, {"07", "AID"},
      {"08", "CONCEDE"}, {"09", "ACCUSE"},    {"10", "REQUEST"},
      {"11", "ACCUSE"},  {"12", "REJECT"},    {"13", "THREATEN"},
      {"14", "PROTEST"}, {"15", "MOBILIZE"},  {"16", "SANCTION"},
      {"17", "COERCE"},  {"18", "ASSAULT"},   {"19", "ASSAULT"},
      {"20", "ASSAULT"}};
  for (const auto& [cameo, plover] : kTypes) {
    if (cameo == root) return plover;
  }
  return {};
}

std::string PloverJson(const EventRecord& e) {
  nlohmann::ordered_json j;
  j["id"] = "entente-" + std::to_string(e.cluster);
  j["event_date"] = e.date;
  j["event_type"] = std::string(PloverType(e.root));
  j["mode"] = e.modality;
  j["negated"] = e.negated;
  auto side = [](const ActorRef& a, const std::string& code) {
    nlohmann::ordered_json s;
    s["name"] = a.name;
    s["code"] = code;
    s["country"] =
        a.country.empty() && code.size() >= 3 ? code.substr(0, 3) : a.country;
    s["role"] = a.role;
    s["type"] = a.type;
    return s;
  };
  j["actor"] = side(e.source, e.source_code);
  j["recipient"] = side(e.target, e.target_code);
  j["cameo"] = {{"code", e.code},
                {"root", e.root},
                {"quad_class", e.quad_class},
                {"goldstein", e.goldstein}};
  j["num_mentions"] = e.num_mentions;
  j["num_sources"] = e.num_sources;
  j["num_articles"] = e.num_articles;
  j["source"] = {{"document", e.document},
                 {"publisher", e.publisher},
                 {"url", e.url},
                 {"sentence", e.sentence_text},
                 {"evidence", e.evidence.text}};
  return Json(j);
}

Status WriteGdelt(Store& store, const EventFilter& filter, bool header,
                  std::ostream& out) {
  EventFilter f = filter;
  f.one_per_cluster = true;
  auto events = store.FindEvents(f);
  if (!events.ok()) return events.status();
  if (header) {
    for (size_t i = 0; i < kGdeltColumns.size(); ++i) {
      out << (i ? "\t" : "") << kGdeltColumns[i];
    }
    out << '\n';
  }
  for (const EventRecord& e : *events) {
    std::vector<std::string> fields = GdeltFields(e);
    for (size_t i = 0; i < fields.size(); ++i) {
      out << (i ? "\t" : "") << fields[i];
    }
    out << '\n';
  }
  return Check(out);
}

Status WritePlover(Store& store, const EventFilter& filter, std::ostream& out) {
  EventFilter f = filter;
  f.one_per_cluster = true;
  auto events = store.FindEvents(f);
  if (!events.ok()) return events.status();
  for (const EventRecord& e : *events) out << PloverJson(e) << '\n';
  return Check(out);
}

Status WriteGraphMl(const ActorGraph& graph, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  const char* node_keys[][2] = {
      {"label", "string"},   {"type", "string"},       {"code", "string"},
      {"country", "string"}, {"role", "string"},       {"documents", "long"},
      {"mentions", "long"},  {"first_seen", "string"}, {"last_seen", "string"}};
  for (auto& [name, type] : node_keys) {
    out << "  <key id=\"" << name << "\" for=\"node\" attr.name=\"" << name
        << "\" attr.type=\"" << type << "\"/>\n";
  }
  const char* edge_keys[][2] = {{"weight", "long"},
                                {"goldstein_sum", "double"},
                                {"cooperation", "long"},
                                {"conflict", "long"}};
  for (auto& [name, type] : edge_keys) {
    out << "  <key id=\"" << name << "\" for=\"edge\" attr.name=\"" << name
        << "\" attr.type=\"" << type << "\"/>\n";
  }
  out << "  <graph id=\"actors\" edgedefault=\"directed\">\n";
  for (const ActorRecord& n : graph.nodes) {
    const ActorRef& a = n.actor;
    out << "    <node id=\"a" << a.id << "\">"
        << "<data key=\"label\">" << XmlEscape(a.name) << "</data>"
        << "<data key=\"type\">" << XmlEscape(a.type) << "</data>"
        << "<data key=\"code\">" << XmlEscape(a.code) << "</data>"
        << "<data key=\"country\">" << XmlEscape(a.country) << "</data>"
        << "<data key=\"role\">" << XmlEscape(a.role) << "</data>"
        << "<data key=\"documents\">" << n.documents << "</data>"
        << "<data key=\"mentions\">" << n.mentions << "</data>"
        << "<data key=\"first_seen\">" << n.first_seen << "</data>"
        << "<data key=\"last_seen\">" << n.last_seen << "</data></node>\n";
  }
  for (const GraphEdge& e : graph.edges) {
    out << "    <edge source=\"a" << e.source << "\" target=\"a" << e.target
        << "\"><data key=\"weight\">" << e.events << "</data>"
        << "<data key=\"goldstein_sum\">" << Number(e.goldstein_sum)
        << "</data><data key=\"cooperation\">" << e.cooperation
        << "</data><data key=\"conflict\">" << e.conflict << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return Check(out);
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Status WriteGraphNodesCsv(const ActorGraph& graph, std::ostream& out) {
  // Gephi's and Neo4j's importers recognise Id and Label.
  out << "Id,Label,type,code,country,role,documents,mentions,first_seen,"
         "last_seen\n";
  for (const ActorRecord& n : graph.nodes) {
    const ActorRef& a = n.actor;
    out << a.id << ',' << CsvField(a.name) << ',' << CsvField(a.type) << ','
        << CsvField(a.code) << ',' << CsvField(a.country) << ','
        << CsvField(a.role) << ',' << n.documents << ',' << n.mentions << ','
        << n.first_seen << ',' << n.last_seen << '\n';
  }
  return Check(out);
}

Status WriteGraphEdgesCsv(const ActorGraph& graph, std::ostream& out) {
  out << "Source,Target,Type,Weight,goldstein_sum,cooperation,conflict\n";
  for (const GraphEdge& e : graph.edges) {
    out << e.source << ',' << e.target << ",Directed," << e.events << ','
        << Number(e.goldstein_sum) << ',' << e.cooperation << ',' << e.conflict
        << '\n';
  }
  return Check(out);
}

}  // namespace entente::store
