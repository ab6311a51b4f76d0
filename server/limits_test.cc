// Unit tests of the server's small parts: the rate limiter, the UTF-16
// offset index and parameter parsing.
#include <gtest/gtest.h>

#include <string>

#include "server/json_writers.h"
#include "server/params.h"
#include "server/rate_limiter.h"

namespace entente::server {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, TokenBucketPerClient) {
  RateLimiter limiter(/*rate=*/2, /*burst=*/4);
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.Allow("a", t0)) << i;
  EXPECT_FALSE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0));  // Another client has its own bucket.
  EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(400)));
  EXPECT_TRUE(limiter.Allow("a", t0 + milliseconds(500)));  // One token back.
  EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(600)));
  // Refills up to the burst, not beyond.
  auto later = t0 + std::chrono::seconds(60);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.Allow("a", later)) << i;
  EXPECT_FALSE(limiter.Allow("a", later));
}

TEST(RateLimiterTest, ZeroRateIsUnlimited) {
  RateLimiter limiter(0, 0);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.Allow("a"));
}

TEST(RateLimiterTest, ManyClientsAreForgottenOnceRefilled) {
  RateLimiter limiter(10, 20);
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 10000; ++i) {
    EXPECT_TRUE(
        limiter.Allow("client" + std::to_string(i), t0 + milliseconds(i * 10)));
  }
  // Buckets that refilled were dropped: the table stays bounded.
  EXPECT_LE(limiter.clients(), 4097u);
  EXPECT_GE(limiter.clients(), 1u);
  // A forgotten client starts over with a full bucket.
  auto t1 = t0 + std::chrono::seconds(200);
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.Allow("client0", t1));
  EXPECT_FALSE(limiter.Allow("client0", t1));
}

TEST(Utf16IndexTest, CountsCodeUnits) {
  // a (1 byte, 1 unit), é (2, 1), — (3, 1), 🌍 (4, 2), b.
  std::string text =
      "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x8C\x8D"
      "b";
  Utf16Index index(text);
  EXPECT_EQ(index.At(0), 0u);
  EXPECT_EQ(index.At(1), 1u);
  EXPECT_EQ(index.At(3), 2u);
  EXPECT_EQ(index.At(6), 3u);
  EXPECT_EQ(index.At(10), 5u);
  EXPECT_EQ(index.At(11), 6u);
  EXPECT_EQ(index.At(999), 6u);  // Clamped to the end.
  // Across the 64-byte blocks of the index.
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "\xF0\x9F\x8C\x8D x";
  Utf16Index long_index(long_text);
  for (uint32_t i = 0; i <= 100; ++i) {
    EXPECT_EQ(long_index.At(i * 6), i * 4) << i;
  }
}

TEST(QueryParamsTest, ParsesAndNamesBadValues) {
  auto params = QueryParams::Parse(
      {{"limit", "20"}, {"from", "2024-02-29"}, {"flag", "true"}},
      {"limit", "from", "flag", "to"});
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(*params->Integer("limit", 100, 1, 1000), 20);
  EXPECT_EQ(*params->Integer("offset", 7, 0, 10), 7);
  EXPECT_EQ(*params->Date("from"), "2024-02-29");
  EXPECT_EQ(*params->Date("to"), "");
  EXPECT_TRUE(*params->Flag("flag"));
  EXPECT_FALSE(params->Integer("limit", 100, 1, 10).ok());

  auto unknown = QueryParams::Parse({{"lmit", "1"}}, {"limit"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("'lmit'"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("limit"), std::string::npos);
  EXPECT_FALSE(QueryParams::Parse({{"x", "1"}}, {}).ok());

  auto bad = QueryParams::Parse({{"from", "2024-02-30"},
                                 {"code", "0a"},
                                 {"c", "rus"},
                                 {"t", std::string("a\x01", 2)},
                                 {"u", "\xFF"}},
                                {"from", "code", "c", "t", "u"});
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->Date("from").ok());
  EXPECT_FALSE(bad->EventCode("code").ok());
  EXPECT_FALSE(bad->ActorCode("c").ok());
  EXPECT_FALSE(bad->Text("t").ok());
  EXPECT_FALSE(bad->Text("u").ok());
  EXPECT_TRUE(CheckDateRange("2024-01-01", "2024-01-01").ok());
  EXPECT_FALSE(CheckDateRange("2024-01-02", "2024-01-01").ok());
}

}  // namespace
}  // namespace entente::server
