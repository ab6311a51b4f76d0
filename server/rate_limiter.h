// A token bucket per client: `rate` requests per second on average, bursts
// of up to `burst`. Thread-safe.
#ifndef ENTENTE_SERVER_RATE_LIMITER_H_
#define ENTENTE_SERVER_RATE_LIMITER_H_

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace entente::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // rate <= 0 allows everything.
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  // Takes one token from `client`'s bucket; false when it is empty.
  bool Allow(const std::string& client, Clock::time_point now);
  bool Allow(const std::string& client) { return Allow(client, Clock::now()); }

  // Clients currently remembered.
  size_t clients() {
    std::lock_guard<std::mutex> lock(mu_);
    return buckets_.size();
  }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  // Forgets clients whose buckets have refilled (they are as if new).
  void Prune(Clock::time_point now);

  double rate_;
  double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace entente::server

#endif  // ENTENTE_SERVER_RATE_LIMITER_H_
