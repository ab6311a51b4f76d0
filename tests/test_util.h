// Helpers shared by the tests.
#ifndef ENTENTE_TESTS_TEST_UTIL_H_
#define ENTENTE_TESTS_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace entente::testing {

// The project's source tree (for examples/ and golden files).
inline std::filesystem::path SourceDir() { return ENTENTE_SOURCE_DIR; }

// The data directory beside the project ("../shared"), or ENTENTE_SHARED_DIR
// when set. Returns an empty path when it is absent: tests that need it call
// GTEST_SKIP() with a message then (see ENTENTE_REQUIRE_SHARED).
inline std::filesystem::path SharedDir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("ENTENTE_SHARED_DIR"); env && *env) {
    dir = env;
  } else {
    dir = SourceDir().parent_path() / "shared";
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return {};
  return dir;
}

}  // namespace entente::testing

// Skips the current test when ../shared (or the given file in it) is absent.
#define ENTENTE_REQUIRE_SHARED(relative)                               \
  do {                                                                 \
    if (::entente::testing::SharedDir().empty() ||                     \
        !std::filesystem::exists(::entente::testing::SharedDir() /     \
                                 (relative))) {                        \
      GTEST_SKIP() << "../shared/" << (relative)                       \
                   << " is absent; skipping (set ENTENTE_SHARED_DIR)"; \
    }                                                                  \
  } while (0)

#endif  // ENTENTE_TESTS_TEST_UTIL_H_
