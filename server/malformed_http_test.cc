// Malformed HTTP sent over raw TCP sockets to a server on a free port: every
// request gets a 4xx or a closed connection, never a crash or a thread held
// forever, and the server answers /healthz after each.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "entente/store.h"
#include "server/server.h"

namespace entente::server {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Reply {
  std::string bytes;    // Everything the server sent.
  bool closed = false;  // The server closed the connection.
  double seconds = 0;   // From the end of sending to the close or timeout.
};

// Whether `bytes` hold a status line, headers and as many body bytes as
// their Content-Length says (error answers always carry one).
bool HasWholeResponse(const std::string& bytes) {
  size_t end = bytes.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  size_t at = bytes.find("Content-Length: ");
  if (at == std::string::npos || at > end) return true;
  size_t length = std::strtoul(bytes.c_str() + at + 16, nullptr, 10);
  return bytes.size() >= end + 4 + length;
}

class RawSocket {
 public:
  explicit RawSocket(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawSocket() { close(fd_); }

  bool connected() const { return connected_; }

  // Sends all of `data`; false once the server has closed the connection.
  bool Send(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n =
          send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  void CloseWrite() { shutdown(fd_, SHUT_WR); }

  // Reads until the server closes the connection, or until `timeout_s`
  // passes without it doing so.
  Reply Receive(double timeout_s) {
    Reply reply;
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration<double>(timeout_s);
    char buf[4096];
    while (Clock::now() < deadline) {
      timeval tv{0, 100 * 1000};
      setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        reply.bytes.append(buf, static_cast<size_t>(n));
        if (HasWholeResponse(reply.bytes)) break;
      } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
        reply.closed = true;  // EOF, or a reset.
        break;
      }
    }
    reply.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return reply;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// The status code of the first response in `bytes`, or 0 if there is none.
int StatusOf(const std::string& bytes) {
  if (bytes.rfind("HTTP/1.", 0) != 0 || bytes.size() < 12) return 0;
  return std::atoi(bytes.substr(9, 3).c_str());
}

class MalformedHttpTest : public ::testing::Test {
 protected:
  static constexpr int kReadTimeoutSeconds = 1;
  static constexpr int kRequestTimeoutSeconds = 2;

  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("entente-malformed-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::string db = (*dir_ / "empty.db").string();
    ASSERT_TRUE(Store::OpenSqlite(db).ok());  // Creates the schema.
    ServerOptions options;
    options.db_path = db;
    options.port = 0;
    options.threads = 2;
    options.max_body = 4096;
    options.rate_limit = 0;
    options.read_timeout_seconds = kReadTimeoutSeconds;
    options.request_timeout_seconds = kRequestTimeoutSeconds;
    auto server = Server::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = server->release();
    thread_ = new std::thread([] { EXPECT_TRUE(server_->Run().ok()); });
    for (int i = 0; i < 500 && !server_->running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  static void TearDownTestSuite() {
    if (server_) {
      server_->Stop();
      thread_->join();
      delete thread_;
      delete server_;
    }
    fs::remove_all(*dir_);
    delete dir_;
  }

  // Sends `request` on a new connection, half-closes it when `close_write`
  // and reads the answer. (httplib drops the answer when it sees the
  // half-close before writing it, so only requests that should fail use it.)
  static Reply Exchange(const std::string& request, bool close_write = false,
                        double timeout_s = 5) {
    RawSocket sock(server_->port());
    EXPECT_TRUE(sock.connected());
    sock.Send(request);  // The server may close before reading it all.
    if (close_write) sock.CloseWrite();
    return sock.Receive(timeout_s);
  }

  // A 4xx answer or a closed connection without one, then a healthy server.
  static void ExpectRejected(const std::string& what,
                             const std::string& request,
                             bool close_write = false) {
    Reply reply = Exchange(request, close_write);
    int status = StatusOf(reply.bytes);
    if (status == 0) {
      EXPECT_TRUE(reply.closed) << what << ": neither an answer nor a close";
      EXPECT_TRUE(reply.bytes.empty()) << what << ": " << reply.bytes;
    } else {
      EXPECT_GE(status, 400) << what << ": " << reply.bytes;
      EXPECT_LT(status, 500) << what << ": " << reply.bytes;
    }
    ExpectHealthy(what);
  }

  static void ExpectHealthy(const std::string& after) {
    Reply reply = Exchange(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(StatusOf(reply.bytes), 200)
        << "after " << after << ": " << reply.bytes;
  }

  static inline fs::path* dir_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
};

TEST_F(MalformedHttpTest, HealthyToBeginWith) { ExpectHealthy("nothing"); }

TEST_F(MalformedHttpTest, GarbageAndBrokenRequestLines) {
  ExpectRejected(
      "a TLS hello",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) +
          "\r\n\r\n");
  ExpectRejected("random bytes", std::string("\xff\xfe\x00\x01zz\r\n\r\n", 10));
  ExpectRejected("no version", "GET /healthz\r\nHost: x\r\n\r\n");
  ExpectRejected("no path", "GET\r\n\r\n");
  ExpectRejected("unknown version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
  ExpectRejected("only line feeds", std::string(20000, '\n'));
}

TEST_F(MalformedHttpTest, OversizedAndCountlessHeaders) {
  ExpectRejected("a 70 KiB header", "GET /healthz HTTP/1.1\r\nX-Big: " +
                                        std::string(70 * 1024, 'a') +
                                        "\r\n\r\n");
  std::string many = "GET /healthz HTTP/1.1\r\n";
  for (int i = 0; i < 10000; ++i) {
    many += "X-H" + std::to_string(i) + ": v\r\n";
  }
  ExpectRejected("10000 headers", many + "\r\n");
  Reply reply = Exchange(many + "\r\n");
  EXPECT_EQ(StatusOf(reply.bytes), 431) << reply.bytes;
  ExpectRejected(
      "a request line over the URI limit",
      "GET /api/events?text=" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n");
}

TEST_F(MalformedHttpTest, BadContentLengthsAndChunks) {
  for (const char* length :
       {"-1", "abc", "18446744073709551616", "1e9", "", "25, 25", "+25"}) {
    ExpectRejected(std::string("Content-Length: ") + length,
                   std::string("POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                               "Content-Type: text/plain\r\n"
                               "Content-Length: ") +
                       length + "\r\n\r\nRussia condemned Ukraine.");
  }
  ExpectRejected("two Content-Lengths",
                 "POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                 "Content-Length: 5\r\nContent-Length: 25\r\n\r\n"
                 "Russia condemned Ukraine.");
  ExpectRejected("Content-Length on a GET",
                 "GET /healthz HTTP/1.1\r\nContent-Length: x\r\n\r\n");
  ExpectRejected("a body shorter than its Content-Length, then a close",
                 "POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                 "Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                 "Russia condemned Ukraine.",
                 /*close_write=*/true);
  ExpectRejected("a bad chunk size",
                 "POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
  ExpectRejected("a chunk larger than the body limit",
                 "POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nabc\r\n");
  ExpectRejected("a chunk size that never ends",
                 "POST /api/extract HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n" +
                     std::string(20000, '1'));
}

TEST_F(MalformedHttpTest, HostilePaths) {
  ExpectRejected("a NUL byte in the path",
                 std::string("GET /heal\0thz HTTP/1.1\r\nHost: x\r\n\r\n", 36));
  ExpectRejected("a NUL byte in a document id",
                 std::string("GET /api/documents/a\0b HTTP/1.1\r\n\r\n", 35));
  ExpectRejected("%00 in an asset path",
                 "GET /index.html%00.js HTTP/1.1\r\n\r\n");
  ExpectRejected("%00 in a document id",
                 "GET /api/documents/%00 HTTP/1.1\r\n\r\n");
  ExpectRejected("%00 in an actor key",
                 "GET /api/actors/RUS%00 HTTP/1.1\r\n\r\n");
  ExpectRejected("a non-UTF-8 query value",
                 "GET /api/events?limit=%FF%FE HTTP/1.1\r\n\r\n");
  ExpectRejected("raw non-UTF-8 bytes in the query",
                 "GET /api/events?from=\xff\xc0\xaf HTTP/1.1\r\n\r\n");
  ExpectRejected("overlong UTF-8 for /..",
                 "GET /%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd HTTP/1.1\r\n\r\n");
  ExpectRejected(
      "raw overlong UTF-8 for /..",
      "GET /\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/etc/passwd HTTP/1.1\r\n\r\n");
  ExpectRejected("overlong UTF-8 for /",
                 "GET /..%C0%AF..%C0%AFetc%C0%AFpasswd HTTP/1.1\r\n\r\n");
}

TEST_F(MalformedHttpTest, NonUtf8InAnErrorMessageStaysValidJson) {
  Reply reply = Exchange(
      "GET /api/events?limit=%FF HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(reply.bytes), 400) << reply.bytes;
  EXPECT_NE(reply.bytes.find("parameter 'limit'"), std::string::npos)
      << reply.bytes;
  // nlohmann's replacement character, not the raw byte.
  EXPECT_EQ(reply.bytes.find('\xff'), std::string::npos);
}

TEST_F(MalformedHttpTest, HalfRequestTimesOutAndFreesItsThread) {
  // Both worker threads taken by requests that never finish their headers.
  RawSocket first(server_->port());
  RawSocket second(server_->port());
  ASSERT_TRUE(first.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  ASSERT_TRUE(second.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow"));
  for (RawSocket* sock : {&first, &second}) {
    // A 400 once the read times out, then a close.
    Reply reply = sock->Receive(kReadTimeoutSeconds + 5);
    int status = StatusOf(reply.bytes);
    EXPECT_TRUE(reply.closed || (status >= 400 && status < 500)) << reply.bytes;
    EXPECT_LT(reply.seconds, kReadTimeoutSeconds + 3)
        << "a half request held its thread";
  }
  ExpectHealthy("two half requests");
}

TEST_F(MalformedHttpTest, DrippedRequestHitsItsDeadline) {
  // A byte every 0.3 s never trips the 1-s read timeout.
  RawSocket sock(server_->port());
  ASSERT_TRUE(sock.Send("GET /healthz HTTP/1.1\r\n"));
  auto start = Clock::now();
  bool open = true;
  while (open && Clock::now() - start < std::chrono::seconds(8)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    open = sock.Send("X");
    if (open && sock.Receive(0.01).closed) open = false;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_FALSE(open) << "a dripped request held its thread for " << seconds
                     << " s";
  EXPECT_LT(seconds, kRequestTimeoutSeconds + 2);
  ExpectHealthy("a dripped request");
}

TEST_F(MalformedHttpTest, EndlessHeadersHitTheByteBudget) {
  // 4 KiB of body allowed + 1 MiB: a stream of short header lines is cut
  // off there, not read into memory for ever.
  RawSocket sock(server_->port());
  ASSERT_TRUE(sock.Send("GET /healthz HTTP/1.1\r\n"));
  std::string lines;
  for (int i = 0; i < 1000; ++i) lines += "X-Endless: 1234567890\r\n";
  size_t sent = 0;
  while (sent < (8u << 20) && sock.Send(lines)) sent += lines.size();
  EXPECT_LT(sent, 8u << 20) << "the server read 8 MiB of headers";
  ExpectHealthy("endless headers");
}

TEST_F(MalformedHttpTest, ConnectionClosedMidRequest) {
  for (size_t cut : {1, 5, 14, 30}) {
    std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    RawSocket sock(server_->port());
    sock.Send(request.substr(0, cut));
  }  // Each socket closes here, mid-request.
  ExpectHealthy("connections closed mid-request");
}

}  // namespace
}  // namespace entente::server
