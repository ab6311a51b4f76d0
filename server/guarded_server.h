// httplib's server with a deadline and a byte budget per request, against
// clients that send a request slowly enough to hold a worker thread forever.
#ifndef ENTENTE_SERVER_GUARDED_SERVER_H_
#define ENTENTE_SERVER_GUARDED_SERVER_H_

#include <httplib.h>

#include <cstddef>

namespace entente::server {

// httplib 0.11 times out each read (5 s by default) but not a request: a
// client dripping a byte every few seconds keeps a worker thread, and a few
// such clients stall the server. GuardedServer reads each request through a
// stream that fails once the request has taken longer than
// `request_seconds` to arrive, or more than `request_bytes` bytes (request
// line, headers and body), counted from its first byte; the connection is
// then closed. Everything else is httplib's: the keep-alive loop below is
// its own, re-written because httplib keeps it private.
class GuardedServer : public httplib::Server {
 public:
  void set_request_limits(double request_seconds, size_t request_bytes) {
    request_seconds_ = request_seconds;
    request_bytes_ = request_bytes;
  }

 private:
  bool process_and_close_socket(socket_t sock) override;

  double request_seconds_ = 30;
  size_t request_bytes_ = 2 << 20;
};

}  // namespace entente::server

#endif  // ENTENTE_SERVER_GUARDED_SERVER_H_
