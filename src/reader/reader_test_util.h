// Test helpers for the readers: scratch files and a collecting sink.
#ifndef ENTENTE_READER_READER_TEST_UTIL_H_
#define ENTENTE_READER_READER_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/reader.h"

namespace entente::testing {

// A fresh directory under the test temp dir, removed at destruction.
class ScratchDir {
 public:
  ScratchDir() {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("entente_reader_" + std::string(info->test_suite_name()) + "_" +
             info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `relative` (creating parent directories) and returns
  // the full path.
  std::string Write(const std::string& relative, std::string_view content) {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// Everything a ReadDocuments call produced, in order.
struct ReadResult {
  Status status;
  std::vector<Document> docs;
  std::vector<Status> errors;
  std::string sequence;  // One letter per item: 'D' document, 'E' error.
};

inline ReadResult ReadAll(const std::vector<std::string>& paths,
                          const ReaderOptions& options = {}) {
  ReadResult result;
  result.status = ReadDocuments(paths, options, [&](StatusOr<Document> doc) {
    if (doc.ok()) {
      result.docs.push_back(std::move(doc).value());
      result.sequence += 'D';
    } else {
      result.errors.push_back(doc.status());
      result.sequence += 'E';
    }
  });
  return result;
}

}  // namespace entente::testing

#endif  // ENTENTE_READER_READER_TEST_UTIL_H_
