// `entente serve`: the JSON API over a read-only store, and the embedded web
// explorer (docs/http_api.md).
#ifndef ENTENTE_SERVER_SERVER_H_
#define ENTENTE_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "entente/status.h"

namespace entente {
class Pipeline;
}

namespace entente::server {

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (see Server::port()).
  // Worker threads, each with its own store connection while it answers. An
  // open keep-alive connection holds a thread, and browsers open up to six
  // per server, so fewer than about eight makes pages wait.
  int threads = 8;
  size_t max_body = 1 << 20;  // Larger request bodies get a 413.
  // A connection that sends nothing for this long in the middle of a
  // request is closed, so that half-sent requests give their thread back.
  int read_timeout_seconds = 5;
  // A request (line, headers and body) that takes longer than this to
  // arrive, however steadily its bytes trickle in, is dropped with its
  // connection; so is one over max_body + 1 MiB.
  double request_timeout_seconds = 30;
  // Requests per second per client address (a token bucket holding two
  // seconds' worth); 0 turns the limit off.
  double rate_limit = 50;
  // Development only: serve the web page from this directory (files not in
  // it fall back to the embedded ones) instead of the embedded copy.
  std::string web_dir;
  // For POST /api/extract; null answers it with a 503. Not owned; must
  // outlive the server.
  const Pipeline* pipeline = nullptr;
};

class Server {
 public:
  // Opens the store read-only (to check it) and binds the address. Fails
  // with the store's error, or IoError when the address cannot be bound.
  static StatusOr<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();

  // The bound port (the chosen one when options.port was 0).
  int port() const;
  // Serves until Stop(); returns an error if the server failed.
  Status Run();
  // True once Run() accepts connections.
  bool running() const;
  // Makes Run() return (or return at once if it has not started yet); safe
  // from any thread.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::server

#endif  // ENTENTE_SERVER_SERVER_H_
