// The HTTP API end to end: a server on a free port over a small database
// built by the pipeline from sentences written for these tests, called with
// httplib::Client.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "entente/pipeline.h"
#include "entente/store.h"
#include "server/assets.h"

namespace entente::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// 30 bytes but 25 UTF-16 units before "Russia": é (2 bytes, 1 unit), the
// dash (3 bytes, 1 unit) and the globe (4 bytes, 2 units).
constexpr char kRussiaText[] =
    "Caf\xC3\xA9 talks \xE2\x80\x94 \xF0\x9F\x8C\x8D update.\n\n"
    "Russia condemned Ukraine on Monday. The Kremlin accused Kyiv of "
    "sabotage. Russian President Vladimir Putin said: \"We will respond.\"";

// Every byte but letters and digits as %XX, for path segments.
std::string PercentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::vector<Document> TestDocuments() {
  std::vector<Document> docs(3);
  docs[0].id = "doc-ru-ua";
  docs[0].date = "2024-03-04";
  docs[0].source = "Test Wire";
  docs[0].url = "https://example.test/ru-ua";
  docs[0].title = "Russia condemns Ukraine";
  docs[0].text = kRussiaText;
  docs[1].id = "doc-jp-cn";
  docs[1].date = "2024-04-10";
  docs[1].source = "Other Paper";
  docs[1].title = "Japan praises China";
  docs[1].text =
      "Japan praised China for its help. Japan and China signed a trade "
      "agreement on Tuesday.";
  // An id with a slash, as ids taken from file paths have.
  docs[2].id = "dir/doc-tr";
  docs[2].date = "2024-05-02";
  docs[2].source = "Test Wire";
  docs[2].title = "Minister in Ankara";
  docs[2].text = "Ukraine's foreign minister met Turkey's president in Ankara.";
  return docs;
}

class ServerApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("entente-server-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "public");
    std::ofstream(*dir_ / "public" / "dev.html") << "<p>dev copy</p>";
    std::ofstream(*dir_ / "secret.txt") << "root:x:0:0 secret";
    db_path_ = new std::string((*dir_ / "test.db").string());

    auto pipeline = Pipeline::Create(PipelineOptions());
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    pipeline_ = std::move(pipeline).value().release();
    {
      auto store = Store::OpenSqlite(*db_path_);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      for (const Document& doc : TestDocuments()) {
        auto put = (*store)->PutDocument(doc, pipeline_->Analyze(doc));
        ASSERT_TRUE(put.ok()) << put.status().ToString();
      }
    }
    ServerOptions options;
    options.db_path = *db_path_;
    options.port = 0;
    options.threads = 2;
    options.max_body = 4096;
    options.rate_limit = 0;
    options.pipeline = pipeline_;
    server_ = StartServer(options, &thread_);
  }

  static void TearDownTestSuite() {
    StopServer(server_, thread_);
    delete pipeline_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_path_;
  }

  static Server* StartServer(const ServerOptions& options,
                             std::thread** thread) {
    auto server = Server::Create(options);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (!server.ok()) return nullptr;
    Server* s = server->release();
    EXPECT_GT(s->port(), 0);
    *thread = new std::thread([s] { EXPECT_TRUE(s->Run().ok()); });
    for (int i = 0; i < 500 && !s->running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return s;
  }

  static void StopServer(Server* server, std::thread* thread) {
    if (!server) return;
    server->Stop();
    thread->join();
    delete thread;
    delete server;
  }

  static httplib::Client Client(Server* server = nullptr) {
    httplib::Client client("127.0.0.1", (server ? server : server_)->port());
    client.set_url_encode(false);  // Paths are sent as written.
    return client;
  }

  // GET `path` (with `params`, URL-encoded), expecting `status` and a JSON
  // body.
  static Json Get(const std::string& path, int status,
                  const httplib::Params& params = {}) {
    httplib::Client client = Client();
    auto res = client.Get(path, params, httplib::Headers());
    EXPECT_TRUE(res) << path;
    if (!res) return Json();
    EXPECT_EQ(res->status, status) << path << " -> " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "application/json; charset=utf-8")
        << path;
    Json body = Json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << path << " -> " << res->body;
    if (status >= 400) {
      EXPECT_TRUE(body.contains("error")) << res->body;
    }
    return body;
  }

  static std::string ErrorOf(const std::string& path,
                             const httplib::Params& params = {}) {
    Json body = Get(path, 400, params);
    return body.value("error", "");
  }

  static int64_t ActorIdNamed(const std::string& name) {
    Json actors = Get("/api/actors", 200, {{"name", name}, {"type", "GPE"}});
    for (const Json& a : actors["actors"]) {
      if (a["name"] == name) return a["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no actor " << name;
    return 0;
  }

  static inline fs::path* dir_ = nullptr;
  static inline std::string* db_path_ = nullptr;
  static inline const Pipeline* pipeline_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
};

TEST_F(ServerApiTest, Health) {
  Json h = Get("/healthz", 200);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["schema"], kStoreSchemaVersion);
  EXPECT_EQ(h["documents"], 3);
  EXPECT_GE(h["events"].get<int>(), 4);
  EXPECT_GE(h["actors"].get<int>(), 6);
  EXPECT_NE(ErrorOf("/healthz", {{"verbose", "1"}}).find("verbose"),
            std::string::npos);
}

TEST_F(ServerApiTest, EventsFilteredWithByteAndCharacterOffsets) {
  Json all = Get("/api/events", 200);
  EXPECT_EQ(all["limit"], 100);
  EXPECT_EQ(all["offset"], 0);
  EXPECT_EQ(all["count"], all["events"].size());
  ASSERT_GE(all["events"].size(), 4u);

  Json condemn = Get("/api/events", 200, {{"source", "Russia"}});
  ASSERT_EQ(condemn["events"].size(), 1u) << condemn.dump();
  const Json& e = condemn["events"][0];
  EXPECT_EQ(e["code"], "111");
  EXPECT_EQ(e["document"], "doc-ru-ua");
  EXPECT_EQ(e["title"], "Russia condemns Ukraine");
  EXPECT_EQ(e["publisher"], "Test Wire");
  EXPECT_EQ(e["date"], "2024-03-04");
  EXPECT_EQ(e["source"]["code"], "RUS");
  EXPECT_EQ(e["target"]["name"], "Ukraine");
  EXPECT_EQ(e["quad_class"], 3);
  EXPECT_FALSE(e["description"].get<std::string>().empty());
  EXPECT_EQ(e["evidence"]["text"], "Russia condemned Ukraine");
  EXPECT_EQ(e["evidence"]["start"], 30);
  EXPECT_EQ(e["evidence"]["end"], 54);
  EXPECT_EQ(e["evidence"]["char_start"], 25);
  EXPECT_EQ(e["evidence"]["char_end"], 49);
  EXPECT_GE(e["cluster"]["mentions"].get<int>(), 1);

  // The same actor by graph node id.
  int64_t russia = e["source"]["id"].get<int64_t>();
  Json by_id =
      Get("/api/events", 200, {{"source", "a" + std::to_string(russia)}});
  EXPECT_EQ(by_id["events"].size(), 1u);

  EXPECT_EQ(Get("/api/events", 200, {{"code", "05"}})["events"].size(), 3u);
  EXPECT_EQ(Get("/api/events", 200, {{"text", "sabotage"}})["events"].size(),
            1u);
  EXPECT_EQ(Get("/api/events", 200, {{"quad", "3"}})["events"].size(), 2u);
  EXPECT_EQ(Get("/api/events", 200, {{"country", "JPN"}})["events"].size(), 3u);
  Json april =
      Get("/api/events", 200, {{"from", "2024-04-01"}, {"to", "2024-04-30"}});
  for (const Json& ev : april["events"]) EXPECT_EQ(ev["document"], "doc-jp-cn");
  EXPECT_EQ(
      Get("/api/events", 200, {{"document", "dir/doc-tr"}})["events"].size(),
      2u);
  EXPECT_LE(Get("/api/events", 200, {{"clusters", "1"}})["events"].size(),
            all["events"].size());
  Json page = Get("/api/events", 200, {{"limit", "1"}, {"offset", "1"}});
  ASSERT_EQ(page["events"].size(), 1u);
  EXPECT_EQ(page["events"][0]["id"], all["events"][1]["id"]);
  EXPECT_TRUE(
      Get("/api/events", 200, {{"actor", "Atlantis"}})["events"].empty());
}

TEST_F(ServerApiTest, EventsRejectBadParametersByName) {
  struct Case {
    const char* name;
    const char* value;
  };
  for (const Case& c : std::vector<Case>{{"limit", "abc"},
                                         {"limit", "0"},
                                         {"limit", "1001"},
                                         {"limit", "10.5"},
                                         {"offset", "-1"},
                                         {"from", "2024-13-01"},
                                         {"from", "2023-02-29"},
                                         {"from", "yesterday"},
                                         {"to", "2024-1-1"},
                                         {"quad", "5"},
                                         {"min_sources", "many"},
                                         {"clusters", "maybe"},
                                         {"code", "ab"},
                                         {"code", "12345"},
                                         {"country", "russia"},
                                         {"country", "RUSGOV"}}) {
    std::string error = ErrorOf("/api/events", {{c.name, c.value}});
    EXPECT_NE(error.find(std::string("'") + c.name + "'"), std::string::npos)
        << c.name << "=" << c.value << ": " << error;
  }
  EXPECT_NE(
      ErrorOf("/api/events", {{"from", "2024-05-01"}, {"to", "2024-04-01"}})
          .find("after"),
      std::string::npos);
  EXPECT_NE(ErrorOf("/api/events", {{"sorce", "RUS"}}).find("'sorce'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("/api/events?limit=1&limit=2").find("twice"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf("/api/events", {{"text", std::string(300, 'x')}}).find("at most"),
      std::string::npos);
}

TEST_F(ServerApiTest, ActorsList) {
  Json japan = Get("/api/actors", 200, {{"name", "japan"}});
  ASSERT_FALSE(japan["actors"].empty());
  const Json& a = japan["actors"][0];
  EXPECT_EQ(a["name"], "Japan");
  EXPECT_EQ(a["code"], "JPN");
  EXPECT_EQ(a["first_seen"], "2024-04-10");
  EXPECT_GE(a["events"].get<int>(), 3);
  EXPECT_TRUE(a["aliases"].is_array());
  Json places = Get("/api/actors", 200, {{"type", "GPE"}});
  ASSERT_FALSE(places["actors"].empty());
  for (const Json& g : places["actors"]) {
    EXPECT_EQ(g["type"], "GPE");
  }
  Json page = Get("/api/actors", 200, {{"limit", "2"}, {"offset", "1"}});
  EXPECT_EQ(page["actors"].size(), 2u);
  EXPECT_NE(ErrorOf("/api/actors", {{"type", "ALIEN"}}).find("'type'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("/api/actors", {{"code", "rus"}}).find("'code'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("/api/actors", {{"to", "2024-02-30"}}).find("'to'"),
            std::string::npos);
}

TEST_F(ServerApiTest, ActorProfileByCodeAndById) {
  Json rus = Get("/api/actors/RUS", 200);
  EXPECT_EQ(rus["key"], "RUS");
  EXPECT_EQ(rus["name"], "Russia");
  EXPECT_EQ(rus["type"], "GPE");
  bool putin = false;
  for (const Json& m : rus["members"]) {
    EXPECT_EQ(m["code"].get<std::string>().substr(0, 3), "RUS");
    putin = putin || m["name"] == "Vladimir Putin";
  }
  EXPECT_TRUE(putin) << rus["members"].dump();
  ASSERT_FALSE(rus["rivals"].empty()) << rus.dump();
  EXPECT_EQ(rus["rivals"][0]["actor"]["code"].get<std::string>().substr(0, 3),
            "UKR");
  EXPECT_LT(rus["rivals"][0]["goldstein_sum"].get<double>(), 0);
  EXPECT_TRUE(rus["partners"].empty());
  ASSERT_EQ(rus["timeline"].size(), 1u);
  EXPECT_EQ(rus["timeline"][0]["period"], "2024-03");
  EXPECT_EQ(rus["timeline"][0]["conflict"], 2);
  ASSERT_EQ(rus["quotes"].size(), 1u);
  const Json& q = rus["quotes"][0];
  EXPECT_EQ(q["text"], "We will respond.");
  std::string text = kRussiaText;
  size_t at = text.find("We will");
  EXPECT_EQ(q["start"], at);
  EXPECT_EQ(q["char_start"], at - 5);  // 5 fewer UTF-16 units than bytes.

  int64_t japan = ActorIdNamed("Japan");
  for (const std::string& key :
       {std::to_string(japan), "a" + std::to_string(japan)}) {
    Json j = Get("/api/actors/" + key, 200);
    EXPECT_EQ(j["name"], "Japan");
    ASSERT_EQ(j["members"].size(), 1u);
    ASSERT_FALSE(j["partners"].empty());
    EXPECT_EQ(j["partners"][0]["actor"]["name"], "China");
    EXPECT_EQ(j["partners"][0]["events"], 3);
  }
  EXPECT_NE(
      Get("/api/actors/999999", 404)["error"].get<std::string>().find("999999"),
      std::string::npos);
  Get("/api/actors/ZZZ", 404);
  EXPECT_NE(ErrorOf("/api/actors/Putin").find("actor key"), std::string::npos);
  ErrorOf("/api/actors/RUS", {{"from", "2024-01-01"}});
}

TEST_F(ServerApiTest, Dyads) {
  Json d = Get("/api/dyads/RUS/UKR", 200);
  EXPECT_EQ(d["a"], "RUS");
  EXPECT_EQ(d["b"], "UKR");
  ASSERT_EQ(d["a_to_b"].size(), 1u);
  EXPECT_EQ(d["a_to_b"][0]["period"], "2024-03");
  EXPECT_EQ(d["a_to_b"][0]["events"], 2);
  EXPECT_TRUE(d["b_to_a"].empty());
  ASSERT_EQ(d["events"].size(), 2u);
  EXPECT_EQ(d["events"][0]["evidence"]["char_start"], 25);

  // "on Tuesday" dates the agreement the day before the article.
  Json jc = Get("/api/dyads/JPN/CHN", 200, {{"unit", "day"}});
  ASSERT_EQ(jc["a_to_b"].size(), 2u);
  EXPECT_EQ(jc["a_to_b"][0]["period"], "2024-04-09");
  EXPECT_EQ(jc["a_to_b"][1]["period"], "2024-04-10");
  EXPECT_EQ(jc["b_to_a"][0]["events"], 1);
  EXPECT_EQ(jc["events"].size(), 3u);
  int64_t japan = ActorIdNamed("Japan");
  Json by_id = Get("/api/dyads/a" + std::to_string(japan) + "/China", 200,
                   {{"unit", "week"}});
  ASSERT_EQ(by_id["a_to_b"].size(), 1u);
  EXPECT_EQ(by_id["a_to_b"][0]["period"], "2024-W15");
  EXPECT_EQ(by_id["a_to_b"][0]["events"], 2);
  EXPECT_TRUE(Get("/api/dyads/RUS/UKR", 200, {{"from", "2024-04-01"}})["events"]
                  .empty());
  EXPECT_NE(ErrorOf("/api/dyads/RUS/UKR", {{"unit", "year"}}).find("'unit'"),
            std::string::npos);
  Get("/api/dyads/RUS", 404);
  Get("/api/dyads/RUS/UKR/JPN", 404);
}

TEST_F(ServerApiTest, GraphAtCountryAndActorLevel) {
  Json g = Get("/api/graph", 200);
  std::map<std::string, Json> nodes, edges;
  for (const Json& n : g["nodes"]) nodes[n["id"]] = n;
  for (const Json& e : g["edges"]) edges[e["id"]] = e;
  for (const char* id : {"RUS", "UKR", "JPN", "CHN", "TUR"}) {
    EXPECT_TRUE(nodes.count(id)) << id << " in " << g.dump();
  }
  EXPECT_EQ(nodes["RUS"]["label"], "Russia");
  EXPECT_EQ(nodes["JPN"]["events"], 3);
  ASSERT_TRUE(edges.count("RUS>UKR"));
  EXPECT_EQ(edges["RUS>UKR"]["source"], "RUS");
  EXPECT_EQ(edges["RUS>UKR"]["events"], 2);
  EXPECT_EQ(edges["RUS>UKR"]["conflict"], 2);
  EXPECT_EQ(edges["JPN>CHN"]["cooperation"], 2);
  EXPECT_GT(edges["JPN>CHN"]["goldstein_sum"].get<double>(), 0);

  Json coop = Get("/api/graph", 200, {{"code", "05"}});
  for (const Json& e : coop["edges"]) {
    EXPECT_NE(e["id"], "RUS>UKR");
  }
  Json strong = Get("/api/graph", 200, {{"min_events", "2"}});
  for (const Json& e : strong["edges"]) {
    EXPECT_GE(e["events"].get<int>(), 2);
  }
  EXPECT_LT(strong["edges"].size(), g["edges"].size());
  Json actors = Get("/api/graph", 200, {{"level", "actor"}});
  ASSERT_FALSE(actors["nodes"].empty());
  for (const Json& n : actors["nodes"]) {
    EXPECT_EQ(n["id"].get<std::string>()[0], 'a');
  }
  EXPECT_TRUE(
      Get("/api/graph", 200, {{"from", "2030-01-01"}})["nodes"].empty());
  EXPECT_NE(ErrorOf("/api/graph", {{"level", "planet"}}).find("'level'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("/api/graph", {{"min_events", "0"}}).find("'min_events'"),
            std::string::npos);
}

TEST_F(ServerApiTest, Blocs) {
  Json b = Get("/api/blocs", 200);
  ASSERT_FALSE(b["blocs"].empty());
  EXPECT_TRUE(b["modularity"].is_number());
  std::map<std::string, int> bloc_of;
  for (const Json& bloc : b["blocs"]) {
    for (const Json& m : bloc["members"]) {
      bloc_of[m["id"]] = bloc["id"].get<int>();
    }
  }
  // Cooperating Japan and China together, apart from conflicting Russia
  // and Ukraine.
  EXPECT_EQ(bloc_of["JPN"], bloc_of["CHN"]);
  EXPECT_NE(bloc_of["RUS"], bloc_of["UKR"]);
  EXPECT_FALSE(Get("/api/blocs", 200, {{"level", "actor"}})["blocs"].empty());
  ErrorOf("/api/blocs", {{"level", "x"}});
  ErrorOf("/api/blocs", {{"from", "2024"}});
}

TEST_F(ServerApiTest, DocumentsWithEvidenceSpans) {
  Json d = Get("/api/documents/doc-ru-ua", 200);
  EXPECT_EQ(d["id"], "doc-ru-ua");
  EXPECT_EQ(d["title"], "Russia condemns Ukraine");
  EXPECT_EQ(d["source"], "Test Wire");
  EXPECT_EQ(d["url"], "https://example.test/ru-ua");
  EXPECT_EQ(d["text"], kRussiaText);
  ASSERT_EQ(d["events"].size(), 2u);
  EXPECT_EQ(d["events"][0]["start"], 30);
  EXPECT_EQ(d["events"][0]["char_start"], 25);
  EXPECT_EQ(d["events"][0]["char_end"], 49);
  ASSERT_EQ(d["quotes"].size(), 1u);
  EXPECT_EQ(d["quotes"][0]["speaker_name"], "Vladimir Putin");

  EXPECT_EQ(Get("/api/documents/dir/doc-tr", 200)["id"], "dir/doc-tr");
  EXPECT_EQ(Get("/api/documents/dir%2Fdoc-tr", 200)["id"], "dir/doc-tr");
  Get("/api/documents/nope", 404);
  Get("/api/documents/..%2F..%2Fetc%2Fpasswd", 404);
  ErrorOf("/api/documents/doc-ru-ua", {{"format", "xml"}});
}

TEST_F(ServerApiTest, ExtractAnswersLikeTheCommandLine) {
  httplib::Client client = Client();
  auto res = client.Post("/api/extract",
                         R"({"text":"Russia condemned Ukraine.",)"
                         R"("title":"T","date":"2024-03-04"})",
                         "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json j = Json::parse(res->body);
  EXPECT_EQ(j["title"], "T");
  EXPECT_EQ(j["date"], "2024-03-04");
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["code"], "111");
  // The same object as `entente extract` prints for the same document.
  Document doc;
  doc.id = "extract";
  doc.title = "T";
  doc.date = "2024-03-04";
  doc.text = "Russia condemned Ukraine.";
  EXPECT_EQ(res->body,
            AnalysisToJson(doc, pipeline_->Analyze(doc), JsonOptions()));

  res = client.Post("/api/extract", "Japan praised China.",
                    "Text/Plain; charset=UTF-8");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Json::parse(res->body)["events"][0]["code"], "051");

  struct Bad {
    const char* body;
    const char* type;
    const char* says;
  };
  for (const Bad& b : std::vector<Bad>{
           {"{not json", "application/json", "JSON"},
           {R"({"title":"x"})", "application/json", "'text'"},
           {R"({"text":42})", "application/json", "'text'"},
           {R"({"text":"x","lang":"en"})", "application/json", "'lang'"},
           {R"({"text":"x","date":"March 4"})", "application/json", "date"},
           {"   \n", "text/plain", "empty"},
           {"<p>x</p>", "text/html", "Content-Type"}}) {
    res = client.Post("/api/extract", b.body, b.type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << b.body;
    EXPECT_NE(res->body.find(b.says), std::string::npos) << res->body;
  }
  res = client.Post("/api/extract", std::string(5000, 'a'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find("4096"), std::string::npos) << res->body;
}

TEST_F(ServerApiTest, WrongMethodsAndUnknownRoutes) {
  httplib::Client client = Client();
  auto res = client.Post("/api/events", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET");
  res = client.Get("/api/extract");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "POST");
  res = client.Delete("/api/actors/RUS");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  res = client.Put("/api/graph", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  res = client.Put("/no/such/thing", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  Get("/api/nope", 404);
  Get("/api/", 404);
}

TEST_F(ServerApiTest, NoFileOutsideTheEmbeddedAssets) {
  httplib::Client client = Client();
  for (const std::string& path :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd", "/vendor/../../CMakeLists.txt",
        "/%2e%2e%2fsecret.txt", "/etc/passwd", "/CMakeLists.txt",
        "/web/public/index.html", "/.git/config"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("[core]"), std::string::npos) << path;
  }
  // A long path neither crashes the matcher nor is served.
  auto res = client.Get("/api/documents/" + std::string(6000, 'a'));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 400 || res->status == 404 || res->status == 414)
      << res->status;
  res = client.Get("/");
  ASSERT_TRUE(res);
  if (FindEmbeddedAsset("/index.html")) {
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "text/html; charset=utf-8");
  } else {
    EXPECT_EQ(res->status, 404);
    EXPECT_NE(res->body.find("no web assets"), std::string::npos);
  }
}

// Brotli at httplib's quality costs seconds per large file; gzip is offered
// instead.
TEST_F(ServerApiTest, AssetsAreNeverBrotliCompressed) {
  const Asset* biggest = nullptr;
  for (const Asset& a : EmbeddedAssets()) {
    if (!biggest || a.data.size() > biggest->data.size()) biggest = &a;
  }
  std::string path = biggest ? std::string(biggest->path) : "/";
  httplib::Client client = Client();
  client.set_decompress(false);
  auto res = client.Get(path, {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "") << path;
  if (biggest) EXPECT_EQ(res->body, biggest->data);
  res = client.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Content-Encoding"), "br");
}

// Strings meant to break out of a quoted SQL value or a LIKE pattern, in
// every parameter of every endpoint: a 400 or a normal (empty) answer, never
// a 500, never anything from the schema, and the data is intact afterwards.
TEST_F(ServerApiTest, SqlInjectionIsOnlyEverAValue) {
  const std::vector<std::string> attacks = {
      "' OR '1'='1",
      "\" OR 1=1 --",
      "1; DROP TABLE events; --",
      "RUS') UNION SELECT sql FROM sqlite_master --",
      "%' OR doc_key LIKE '%",
      "a1 OR 1=1",
      "\\'; ATTACH DATABASE '/tmp/x.db' AS x; --"};
  const std::vector<std::pair<std::string, std::vector<std::string>>>
      endpoints = {
          {"/api/events",
           {"actor", "source", "target", "country", "code", "quad", "from",
            "to", "text", "min_sources", "document", "clusters", "limit",
            "offset"}},
          {"/api/actors",
           {"name", "type", "code", "country", "from", "to", "limit",
            "offset"}},
          {"/api/graph", {"from", "to", "code", "level", "min_events"}},
          {"/api/blocs", {"from", "to", "code", "level", "min_events"}},
          {"/api/dyads/RUS/UKR", {"from", "to", "unit"}},
      };
  Json before = Get("/healthz", 200);
  httplib::Client client = Client();
  auto check = [&](const std::string& what, const httplib::Result& res) {
    ASSERT_TRUE(res) << what;
    EXPECT_TRUE(res->status == 200 || res->status == 400 || res->status == 404)
        << what << " -> " << res->status << " " << res->body;
    EXPECT_EQ(res->body.find("CREATE TABLE"), std::string::npos) << what;
    EXPECT_EQ(res->body.find("content_hash"), std::string::npos) << what;
  };
  for (const std::string& attack : attacks) {
    for (const auto& [path, names] : endpoints) {
      for (const std::string& name : names) {
        auto res = client.Get(path, httplib::Params{{name, attack}},
                              httplib::Headers());
        check(path + "?" + name + "=" + attack, res);
        if (res && res->status == 200) {
          Json body = Json::parse(res->body);
          if (body.contains("events") && name != "limit") {
            EXPECT_LE(body["events"].size(), before["events"].get<size_t>());
          }
        }
      }
    }
    std::string encoded = PercentEncode(attack);
    for (const std::string& path :
         {"/api/actors/" + encoded, "/api/dyads/" + encoded + "/UKR",
          "/api/dyads/RUS/" + encoded, "/api/documents/" + encoded}) {
      check(path, client.Get(path));
    }
  }
  // Names matching nothing give nothing, not everything.
  EXPECT_TRUE(
      Get("/api/events", 200, {{"actor", "' OR '1'='1"}})["events"].empty());
  EXPECT_TRUE(Get("/api/events", 200, {{"document", "x' OR '1'='1"}})["events"]
                  .empty());
  EXPECT_EQ(Get("/healthz", 200), before);
}

TEST_F(ServerApiTest, RateLimitAndDevelopmentWebDirectory) {
  ServerOptions options;
  options.db_path = *db_path_;
  options.port = 0;
  options.rate_limit = 2;  // Bursts of 4.
  options.web_dir = (*dir_ / "public").string();
  std::thread* thread = nullptr;
  Server* server = StartServer(options, &thread);
  ASSERT_NE(server, nullptr);
  httplib::Client client = Client(server);
  auto res = client.Get("/dev.html");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<p>dev copy</p>");
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt"}) {
    res = client.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
  }
  int limited = 0;
  for (int i = 0; i < 10; ++i) {
    res = client.Get("/healthz");
    ASSERT_TRUE(res);
    if (res->status == 429) {
      ++limited;
      EXPECT_EQ(res->get_header_value("Retry-After"), "1");
      EXPECT_NE(res->body.find("too many requests"), std::string::npos);
    }
  }
  EXPECT_GE(limited, 5);
  // POST /api/extract without a pipeline: unavailable, not an error.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  res = client.Post("/api/extract", "Japan praised China.", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  StopServer(server, thread);
}

TEST_F(ServerApiTest, PortInUseIsAnError) {
  ServerOptions options;
  options.db_path = *db_path_;
  options.port = server_->port();
  auto second = Server::Create(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kIoError);
  EXPECT_NE(second.status().message().find(std::to_string(options.port)),
            std::string::npos);
}

TEST(ServerCreateTest, FailsForMissingDatabase) {
  ServerOptions options;
  options.db_path = "/nonexistent/entente.db";
  options.port = 0;
  auto server = Server::Create(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace entente::server
