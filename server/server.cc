#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <exception>
#include <functional>
#include <mutex>
#include <string_view>
#include <vector>

#include "entente/pipeline.h"
#include "entente/store.h"
#include "server/assets.h"
#include "server/guarded_server.h"
#include "server/handlers.h"
#include "server/json_writers.h"
#include "server/rate_limiter.h"

namespace entente::server {
namespace {

constexpr char kJsonType[] = "application/json; charset=utf-8";

// Requests with more header fields get a 431. httplib 0.11 reads any number
// (each line up to 8 KiB) and adds four of its own (REMOTE_ADDR...);
// browsers send about fifteen.
constexpr size_t kMaxHeaders = 100;

using Handler = StatusOr<std::string> (*)(ApiContext&, const ApiRequest&);

// A route is a fixed path, or a prefix followed by path arguments: one
// non-empty segment per argument, or (kRest) everything after the prefix.
// Matched by hand rather than by std::regex, whose recursive matcher is
// not safe on long request paths.
constexpr int kRest = -1;

struct Route {
  std::string_view method;
  std::string_view path;  // Ends with "/" when it takes arguments.
  int args;
  Handler handler;
};

constexpr Route kRoutes[] = {
    {"GET", "/healthz", 0, &HandleHealth},
    {"GET", "/api/events", 0, &HandleEvents},
    {"GET", "/api/actors", 0, &HandleActors},
    {"GET", "/api/actors/", 1, &HandleActorProfile},
    {"GET", "/api/dyads/", 2, &HandleDyad},
    {"GET", "/api/graph", 0, &HandleGraph},
    {"GET", "/api/blocs", 0, &HandleBlocs},
    // Document ids may contain "/" (they often come from file paths).
    {"GET", "/api/documents/", kRest, &HandleDocument},
    {"POST", "/api/extract", 0, &HandleExtract},
};

// Whether `path` matches `route`, filling `args` with the arguments.
bool Matches(const Route& route, std::string_view path,
             std::vector<std::string>* args) {
  if (path.substr(0, route.path.size()) != route.path) return false;
  std::string_view rest = path.substr(route.path.size());
  std::vector<std::string> found;
  if (route.args == 0) {
    if (!rest.empty()) return false;
  } else if (route.args == kRest) {
    if (rest.empty()) return false;
    found.emplace_back(rest);
  } else {
    for (int i = 0; i < route.args; ++i) {
      size_t slash = rest.find('/');
      bool last = i + 1 == route.args;
      if (last != (slash == std::string_view::npos)) return false;
      std::string_view segment = rest.substr(0, slash);
      if (segment.empty()) return false;
      found.emplace_back(segment);
      rest = last ? std::string_view() : rest.substr(slash + 1);
    }
  }
  if (args) *args = std::move(found);
  return true;
}

// Debian's cpp-httplib compresses every text/* response with brotli at
// its highest quality when the client accepts "br" (browsers do): 2.4 s for
// cytoscape.min.js, on every request. gzip at its default level takes 20 ms
// for the same file, so the server offers gzip only. httplib hands the
// pre-routing handler a const view of its own, non-const request.
void OfferGzipOnly(httplib::Request& req) {
  auto range = req.headers.equal_range("Accept-Encoding");
  bool gzip = false;
  for (auto it = range.first; it != range.second; ++it) {
    gzip = gzip || it->second.find("gzip") != std::string::npos;
  }
  if (range.first == range.second) return;
  req.headers.erase(range.first, range.second);
  if (gzip) req.headers.emplace("Accept-Encoding", "gzip");
}

// httplib reads Content-Length with strtoull, so "-1" is a huge length,
// "abc" is 0 and "1e9" is 1, and it takes the first of several: anything
// but one plain decimal number is refused before a body is read (two
// lengths are how requests get smuggled past proxies).
std::string ContentLengthProblem(const httplib::Request& req) {
  size_t count = req.get_header_value_count("Content-Length");
  if (count == 0) return "";
  if (count > 1) return "more than one Content-Length header";
  std::string value = req.get_header_value("Content-Length");
  bool digits = !value.empty() && value.size() <= 19 &&
                value.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    return "Content-Length must be a decimal number of bytes, got '" + value +
           "'";
  }
  return "";
}

bool MethodFits(std::string_view method, const Route& route) {
  return method == route.method || (method == "HEAD" && route.method == "GET");
}

void SetError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(Dump({{"error", message}}), kJsonType);
}

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kUnimplemented:
      return 503;
    default:
      return 500;
  }
}

// The default message of an error response httplib produced by itself.
std::string DefaultMessage(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    case 416:
      return "range not satisfiable";
    default:
      return "error " + std::to_string(status);
  }
}

// Store connections for the worker threads: each request borrows one, so
// that no two threads share a connection.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}

  StatusOr<std::unique_ptr<Store>> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Store> store = std::move(idle_.back());
        idle_.pop_back();
        return store;
      }
    }
    StoreOptions options;
    options.read_only = true;
    return Store::OpenSqlite(path_, options);
  }

  void Release(std::unique_ptr<Store> store) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(store));
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerOptions& o)
      : options(o), pool(o.db_path), limiter(o.rate_limit, 2 * o.rate_limit) {}

  // Every request starts here, before its body is read: rate limit, then
  // routing. Requests without a body are answered here; POST /api/extract
  // continues to Extract once httplib has read (and size-checked) its body.
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req,
                                            httplib::Response& res);
  void Extract(const httplib::Request& req, httplib::Response& res);
  // Runs `route`'s handler, catching exceptions.
  void Run(const Route& route, std::vector<std::string> args,
           const httplib::Request& req, httplib::Response& res);
  void ServeAsset(const httplib::Request& req, httplib::Response& res);
  // The route matching `path`, preferring one for `method`; null if none.
  static const Route* FindRoute(std::string_view method, std::string_view path,
                                std::vector<std::string>* args);

  ServerOptions options;
  StorePool pool;
  RateLimiter limiter;
  GuardedServer http;
  int port = 0;
  std::atomic<bool> stop_requested{false};
};

const Route* Server::Impl::FindRoute(std::string_view method,
                                     std::string_view path,
                                     std::vector<std::string>* args) {
  const Route* other_method = nullptr;
  for (const Route& route : kRoutes) {
    if (!Matches(route, path, nullptr)) continue;
    if (MethodFits(method, route)) {
      Matches(route, path, args);
      return &route;
    }
    if (!other_method) other_method = &route;
  }
  return other_method;
}

httplib::Server::HandlerResponse Server::Impl::PreRoute(
    const httplib::Request& req, httplib::Response& res) {
  constexpr auto Handled = httplib::Server::HandlerResponse::Handled;
  OfferGzipOnly(const_cast<httplib::Request&>(req));
  if (req.headers.size() > kMaxHeaders) {
    SetError(res, 431,
             "too many header fields (" + std::to_string(req.headers.size()) +
                 "; at most " + std::to_string(kMaxHeaders) + ")");
    res.set_header("Connection", "close");
    return Handled;
  }
  if (std::string problem = ContentLengthProblem(req); !problem.empty()) {
    SetError(res, 400, problem);
    res.set_header("Connection", "close");
    return Handled;
  }
  if (!limiter.Allow(req.remote_addr)) {
    res.set_header("Retry-After", "1");
    SetError(res, 429,
             "too many requests from " + req.remote_addr + " (limit " +
                 std::to_string(static_cast<int>(options.rate_limit)) +
                 " per second); retry later");
    return Handled;
  }
  std::vector<std::string> args;
  const Route* route = FindRoute(req.method, req.path, &args);
  bool is_get = req.method == "GET" || req.method == "HEAD";
  std::string allowed;
  if (route && !MethodFits(req.method, *route)) {
    allowed = route->method;
  } else if (!route && !is_get && FindEmbeddedAsset(req.path)) {
    allowed = "GET";
  }
  if (!allowed.empty()) {
    res.set_header("Allow", allowed);
    SetError(res, 405,
             req.method + " " + req.path + " is not allowed; use " + allowed);
    return Handled;
  }
  if (!route) {
    if (is_get) {
      ServeAsset(req, res);
    } else {
      SetError(res, 404, "no such endpoint: " + req.method + " " + req.path);
    }
    return Handled;
  }
  if (route->method == "POST") {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  Run(*route, std::move(args), req, res);
  return Handled;
}

void Server::Impl::Extract(const httplib::Request& req,
                           httplib::Response& res) {
  std::vector<std::string> args;
  const Route* route = FindRoute(req.method, req.path, &args);
  if (!route) {
    SetError(res, 404, "no such endpoint: " + req.method + " " + req.path);
    return;
  }
  Run(*route, std::move(args), req, res);
}

void Server::Impl::Run(const Route& route, std::vector<std::string> args,
                       const httplib::Request& req, httplib::Response& res) {
  ApiRequest api;
  for (const auto& [name, value] : req.params) api.params.emplace(name, value);
  api.path_args = std::move(args);
  api.body = req.body;
  api.content_type = req.get_header_value("Content-Type");
  StatusOr<std::unique_ptr<Store>> store = pool.Acquire();
  if (!store.ok()) {
    std::fprintf(stderr, "entente serve: %s\n",
                 store.status().ToString().c_str());
    SetError(res, 500, store.status().message());
    return;
  }
  ApiContext ctx{**store, options.pipeline,
                 options.pipeline ? options.pipeline->event_coder() : nullptr};
  StatusOr<std::string> body = InternalError("not run");
  try {
    body = route.handler(ctx, api);
  } catch (const std::exception& e) {
    body = InternalError(std::string("internal error: ") + e.what());
  }
  pool.Release(std::move(store).value());
  if (!body.ok()) {
    int status = HttpStatusOf(body.status());
    if (status == 500) {
      std::fprintf(stderr, "entente serve: %s %s: %s\n", req.method.c_str(),
                   req.path.c_str(), body.status().ToString().c_str());
    }
    SetError(res, status, body.status().message());
    return;
  }
  res.set_content(std::move(body).value(), kJsonType);
}

void Server::Impl::ServeAsset(const httplib::Request& req,
                              httplib::Response& res) {
  if (!options.web_dir.empty()) {
    if (auto asset = ReadAssetUnder(options.web_dir, req.path)) {
      res.set_content(std::move(asset->data), asset->content_type);
      res.set_header("Cache-Control", "no-store");
      return;
    }
  }
  if (const Asset* asset = FindEmbeddedAsset(req.path)) {
    res.set_content(asset->data.data(), asset->data.size(),
                    std::string(asset->content_type).c_str());
    return;
  }
  if (req.path == "/" || req.path == "/index.html") {
    SetError(res, 404,
             "no web assets were built into this entente (web/public was "
             "absent at build time); the JSON API is under /api/");
    return;
  }
  SetError(res, 404, "not found: " + req.path);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

StatusOr<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  // Fail now, not on the first request, for a missing or foreign database.
  StatusOr<std::unique_ptr<Store>> store = impl->pool.Acquire();
  if (!store.ok()) return store.status();
  impl->pool.Release(std::move(store).value());

  GuardedServer& http = impl->http;
  Impl* self = impl.get();
  int threads = options.threads > 0 ? options.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body);
  // Headers and body go out in separate writes; without this, Nagle's
  // algorithm holds the body until the client's delayed ACK (40 ms).
  http.set_tcp_nodelay(true);
  // An idle keep-alive connection gives its thread back after 2 s (the
  // library's default is 5 s), so that a browser's spare connections do not
  // starve other clients.
  http.set_keep_alive_timeout(2);
  http.set_read_timeout(
      options.read_timeout_seconds > 0 ? options.read_timeout_seconds : 1);
  http.set_request_limits(options.request_timeout_seconds > 0
                              ? options.request_timeout_seconds
                              : 30,
                          options.max_body + (1 << 20));
  // httplib's default sets SO_REUSEPORT, which lets a second server bind
  // the same port and silently take half of the connections; SO_REUSEADDR
  // alone still allows a restart while old connections linger.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_pre_routing_handler(
      [self](const httplib::Request& req, httplib::Response& res) {
        return self->PreRoute(req, res);
      });
  http.Post("/api/extract",
            [self](const httplib::Request& req, httplib::Response& res) {
              self->Extract(req, res);
            });
  size_t max_body = options.max_body;
  httplib::Server::HandlerWithResponse on_error =
      [max_body](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
          std::string message = DefaultMessage(res.status);
          if (res.status == 413) {
            message += " (limit " + std::to_string(max_body) + " bytes)";
          }
          SetError(res, res.status, message);
        }
        return httplib::Server::HandlerResponse::Handled;
      };
  http.set_error_handler(std::move(on_error));
  http.set_exception_handler([](const httplib::Request& req,
                                httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "entente serve: %s %s: internal error: %s\n",
                 req.method.c_str(), req.path.c_str(), what.c_str());
    SetError(res, 500, "internal error: " + what);
  });

  if (options.port == 0) {
    impl->port = http.bind_to_any_port(options.host);
    if (impl->port < 0) impl->port = 0;
  } else if (http.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  }
  if (impl->port <= 0) {
    return IoError("cannot listen on " + options.host + ":" +
                   std::to_string(options.port) +
                   " (address in use, or not an address of this machine)");
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  if (impl_->stop_requested) return Status::Ok();
  if (!impl_->http.listen_after_bind()) {
    return IoError("the server on port " + std::to_string(impl_->port) +
                   " stopped with an error");
  }
  return Status::Ok();
}

bool Server::running() const { return impl_->http.is_running(); }

void Server::Stop() {
  impl_->stop_requested = true;
  impl_->http.stop();
}

}  // namespace entente::server
