#include "server/guarded_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace entente::server {
namespace {

using Clock = std::chrono::steady_clock;

// Waits up to `ms` for `events` on `sock`; true when they came.
bool WaitFor(socket_t sock, short events, int ms) {
  pollfd pfd{sock, events, 0};
  int n;
  do {
    n = poll(&pfd, 1, std::max(ms, 0));
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

int Millis(time_t sec, time_t usec) {
  return static_cast<int>(sec * 1000 + usec / 1000);
}

void AddressOf(socket_t sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int rc = peer ? getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len)
                : getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char host[NI_MAXHOST];
  char serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host,
                  serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

// A socket stream like httplib's SocketStream (buffered reads, timeouts
// per read and per write) whose reads fail past the current request's
// deadline or byte budget. A request starts at the first read after a
// response was written (or on a new connection).
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, int read_ms, int write_ms, double request_s,
                size_t request_bytes)
      : sock_(sock),
        read_ms_(read_ms),
        write_ms_(write_ms),
        request_s_(request_s),
        request_bytes_(request_bytes) {}

  bool is_readable() const override {
    return buffered() > 0 || WaitFor(sock_, POLLIN, ReadWaitMs());
  }
  bool is_writable() const override {
    return WaitFor(sock_, POLLOUT, write_ms_);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (!in_request_) {
      in_request_ = true;
      request_start_ = Clock::now();
      request_read_ = 0;
    }
    // Once over, for good: httplib answers a request whose headers failed
    // with a 400 and would otherwise read the next one on this connection.
    if (request_read_ >= request_bytes_ || ReadWaitMs() <= 0) over_ = true;
    if (over_) return -1;
    size = std::min(size, request_bytes_ - request_read_);
    if (buffered() == 0) {
      if (!WaitFor(sock_, POLLIN, ReadWaitMs())) {
        over_ = true;  // The read timeout, or the deadline, passed.
        return -1;
      }
      ssize_t n;
      do {
        n = recv(sock_, buf_, sizeof buf_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, buffered());
    std::copy(buf_ + begin_, buf_ + begin_ + n, ptr);
    begin_ += n;
    request_read_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    in_request_ = false;
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, false, ip, port);
  }
  socket_t socket() const override { return sock_; }

  // Whether a request ran out of time or bytes, or a read timed out.
  bool over() const { return over_; }
  // Whether bytes of a next request are already buffered (pipelining).
  size_t buffered() const { return end_ - begin_; }

 private:
  // The read timeout, cut short by the request's deadline (0 or less once
  // it has passed).
  int ReadWaitMs() const {
    if (!in_request_) return read_ms_;
    double left =
        request_s_ -
        std::chrono::duration<double>(Clock::now() - request_start_).count();
    return static_cast<int>(std::min<double>(read_ms_, left * 1000));
  }

  socket_t sock_;
  int read_ms_;
  int write_ms_;
  double request_s_;
  size_t request_bytes_;
  bool in_request_ = false;
  bool over_ = false;
  Clock::time_point request_start_;
  size_t request_read_ = 0;
  char buf_[4096];
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace

bool GuardedServer::process_and_close_socket(socket_t sock) {
  GuardedStream stream(sock, Millis(read_timeout_sec_, read_timeout_usec_),
                       Millis(write_timeout_sec_, write_timeout_usec_),
                       request_seconds_, request_bytes_);
  int keep_alive_ms = Millis(keep_alive_timeout_sec_, 0);
  bool ok = false;
  for (size_t count = keep_alive_max_count_;
       count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
    if (stream.buffered() == 0 && !WaitFor(sock, POLLIN, keep_alive_ms)) {
      break;
    }
    bool connection_closed = false;
    ok = process_request(stream, count == 1, connection_closed, nullptr);
    if (!ok || connection_closed || stream.over()) break;
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

}  // namespace entente::server
