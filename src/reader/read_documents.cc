// ReadDocuments: resolves paths (files, directories, "-") and dispatches
// each input to the reader for its format.
//
// Directory walks take, recursively and in sorted order, files ending in
// .txt, .text, .md (plain text), .jsonl, .ndjson, .json (JSON Lines) and
// .html, .htm, .xhtml (HTML), case-insensitively; hidden files and hidden
// directories (".git") are skipped, as is everything else (images, PDFs,
// editor backups), silently. A file named explicitly is always read: an
// unknown extension means the format is sniffed from the content.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "entente/reader.h"
#include "reader/reader_internal.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

constexpr size_t kHeadBytes = 1024;
constexpr size_t kChunkBytes = 64 * 1024;

class Reader {
 public:
  Reader(const ReaderOptions& options, const DocumentSink& sink)
      : options_(options), sink_(sink) {}

  void ReadPath(const std::string& path);
  const Status& first_error() const { return first_error_; }

 private:
  void Report(Status status) {
    if (first_error_.ok()) first_error_ = status;
    sink_(std::move(status));
  }
  void Emit(StatusOr<Document> doc) {
    if (!doc.ok()) {
      Report(doc.status());
    } else {
      sink_(std::move(doc));
    }
  }
  void ReadDirectory(const fs::path& dir);
  void ReadFile(const fs::path& path);
  // Reads one input from `in`; `name` is used for ids and messages,
  // `by_extension` is the format the file name implies (kAuto if none).
  void ReadStream(std::istream& in, const std::string& name,
                  InputFormat by_extension);

  const ReaderOptions& options_;
  const DocumentSink& sink_;
  Status first_error_;
};

std::string ErrnoMessage(int error) {
  return error != 0 ? std::strerror(error) : "unknown error";
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

void Reader::ReadPath(const std::string& path) {
  try {
    if (path == "-") {
      ReadStream(std::cin, "stdin", InputFormat::kAuto);
      return;
    }
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      bool missing = !ec || ec == std::errc::no_such_file_or_directory ||
                     ec == std::errc::not_a_directory;
      std::string detail = missing ? "no such file or directory" : ec.message();
      Report(missing ? NotFoundError(path + ": " + detail)
                     : IoError(path + ": " + detail));
      return;
    }
    if (fs::is_directory(status)) {
      ReadDirectory(path);
    } else {
      ReadFile(path);
    }
  } catch (const std::exception& e) {
    // Allocation failures and filesystem surprises: one input lost, the
    // batch goes on.
    Report(InternalError(path + ": " + e.what()));
  }
}

void Reader::ReadDirectory(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    if (IsHidden(entry.path())) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      ec.clear();
      continue;
    }
    std::error_code type_ec;
    if (!entry.is_regular_file(type_ec)) continue;
    if (FormatFromExtension(entry.path().string()) == InputFormat::kAuto) {
      continue;
    }
    files.push_back(entry.path());
  }
  if (ec) {
    Report(IoError(dir.string() + ": cannot list directory: " + ec.message()));
  }
  if (files.empty()) {
    if (!ec) {
      Report(InvalidArgumentError(
          dir.string() +
          ": no readable files (.txt, .text, .md, .jsonl, .ndjson, .json, "
          ".html, .htm) in directory"));
    }
    return;
  }
  // Component-wise order (std::filesystem::path's), so a directory's files
  // stay together: "a/b.txt" sorts before "a.txt" and "a0.txt".
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) ReadFile(file);
}

void Reader::ReadFile(const fs::path& path) {
  const std::string name = path.string();
  std::ifstream in;
  errno = 0;
  in.open(path, std::ios::binary);
  if (!in.is_open()) {
    int error = errno;
    if (error == ENOENT) {
      Report(NotFoundError(name + ": no such file or directory"));
    } else {
      Report(IoError(name + ": cannot open: " + ErrnoMessage(error)));
    }
    return;
  }
  InputFormat format = FormatFromExtension(name);
  // Reject oversized documents before reading them; JSON Lines files are
  // streamed, only their lines are limited.
  std::error_code ec;
  if (format != InputFormat::kJsonl && options_.format != InputFormat::kJsonl &&
      fs::is_regular_file(path, ec)) {
    uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > options_.max_document_bytes) {
      Report(ResourceExhaustedError(
          name + ": document is " + std::to_string(size) +
          " bytes, more than max_document_bytes (" +
          std::to_string(options_.max_document_bytes) + ")"));
      return;
    }
  }
  ReadStream(in, name, format);
}

void Reader::ReadStream(std::istream& in, const std::string& name,
                        InputFormat by_extension) {
  std::string content(kHeadBytes, '\0');
  in.read(content.data(), static_cast<std::streamsize>(kHeadBytes));
  content.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) {
    Report(IoError(name + ": read error"));
    return;
  }
  if (LooksBinary(content)) {
    Report(InvalidArgumentError(name + ": binary file"));
    return;
  }

  InputFormat format = options_.format;
  if (format == InputFormat::kAuto) format = by_extension;
  if (format == InputFormat::kAuto) format = SniffFormat(content);
  // Saved pages often end in .txt; the doctype is unambiguous.
  if (format == InputFormat::kText && options_.format == InputFormat::kAuto &&
      LooksLikeHtmlPage(content)) {
    format = InputFormat::kHtml;
  }

  if (format == InputFormat::kJsonl) {
    Status status =
        ReadJsonLines(in, std::move(content), name, options_, sink_);
    if (!status.ok() && first_error_.ok()) first_error_ = status;
    return;
  }

  // Whole documents: read the rest, but never more than the limit allows
  // (stdin and pipes have no size to check beforehand).
  const size_t limit = options_.max_document_bytes;
  while (in && content.size() <= limit) {
    size_t old_size = content.size();
    size_t want = std::min(kChunkBytes, limit + 1 - old_size);
    content.resize(old_size + want);
    in.read(content.data() + old_size, static_cast<std::streamsize>(want));
    content.resize(old_size + static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    Report(IoError(name + ": read error"));
    return;
  }
  if (content.size() > limit) {
    Report(ResourceExhaustedError(
        name + ": document is larger than max_document_bytes (" +
        std::to_string(limit) + ")"));
    return;
  }
  if (format == InputFormat::kHtml) {
    Emit(ParseHtml(name, content, options_));
  } else {
    Emit(ParsePlainText(name, std::move(content), options_));
  }
}

}  // namespace

Status ReadDocuments(const std::vector<std::string>& paths,
                     const ReaderOptions& options, const DocumentSink& sink) {
  Reader reader(options, sink);
  for (const std::string& path : paths) reader.ReadPath(path);
  return reader.first_error();
}

}  // namespace entente
