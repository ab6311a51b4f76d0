#include "server/rate_limiter.h"

#include <algorithm>

namespace entente::server {
namespace {

// Past this many clients, refilled buckets are dropped, so that many
// addresses cannot grow the table without bound.
constexpr size_t kPruneAbove = 4096;

}  // namespace

bool RateLimiter::Allow(const std::string& client, Clock::time_point now) {
  if (rate_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > kPruneAbove) Prune(now);
  auto [it, added] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!added) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * rate_);
    b.last = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

void RateLimiter::Prune(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& b = entry.second;
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    return b.tokens + elapsed * rate_ >= burst_;
  });
}

}  // namespace entente::server
