// JSON Lines: one {id, date, source, url, title, text} object per line. The
// file is streamed; a bad line is reported and skipped, never fatal.
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "entente/reader.h"
#include "reader/reader_internal.h"

namespace entente {
namespace {

using nlohmann::json;

constexpr size_t kMaxErrorDetail = 200;
// Datelines sit above the story, possibly under a headline and a byline.
constexpr int kDatelineLines = 3;

// nlohmann prefixes messages with "[json.exception.parse_error.101] "; the
// reader's own prefix already says what failed.
std::string ExceptionDetail(const std::exception& e) {
  std::string what = e.what();
  if (!what.empty() && what.front() == '[') {
    size_t close = what.find("] ");
    if (close != std::string::npos) what.erase(0, close + 2);
  }
  if (what.size() > kMaxErrorDetail) {
    what.resize(kMaxErrorDetail);
    what += "...";
  }
  return what;
}

// "dir/feed.jsonl:12" -> "feed-12": ids must be unique across a batch, and
// the line number makes them stable.
std::string IdFromOrigin(std::string_view origin) {
  size_t colon = origin.rfind(':');
  if (colon == std::string_view::npos) return FileStem(origin);
  return FileStem(origin.substr(0, colon)) + "-" +
         std::string(origin.substr(colon + 1));
}

// Returns the string value of `key`, or "" when absent, null or not a
// string (metadata is optional; a wrongly typed field is not worth losing
// the text for).
std::string StringField(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

StatusOr<Document> ParseJsonRecord(std::string_view line, std::string origin,
                                   const ReaderOptions& options) {
  if (line.size() > options.max_document_bytes) {
    return ResourceExhaustedError(
        origin + ": line is " + std::to_string(line.size()) +
        " bytes, more than max_document_bytes (" +
        std::to_string(options.max_document_bytes) + ")");
  }
  line = StripBom(line);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  json record;
  try {
    record = json::parse(line);
  } catch (const std::exception& e) {
    // nlohmann rejects invalid UTF-8 inside strings; say so plainly, since
    // "syntax error" would send people looking for a missing brace.
    if (!IsValidUtf8(line)) {
      return InvalidArgumentError(
          origin + ": line is not valid UTF-8 (JSON text must be UTF-8)");
    }
    return InvalidArgumentError(origin +
                                ": line is not JSON: " + ExceptionDetail(e));
  }
  if (!record.is_object()) {
    return InvalidArgumentError(origin + ": JSON record is not an object");
  }
  try {
    auto text = record.find("text");
    if (text == record.end() || !text->is_string()) {
      return InvalidArgumentError(origin +
                                  ": record has no string \"text\" field");
    }
    Document doc;
    doc.text = text->get<std::string>();
    if (IsBlank(doc.text)) {
      return InvalidArgumentError(origin + ": empty document");
    }
    if (auto id = record.find("id"); id != record.end() && id->is_string()) {
      doc.id = id->get<std::string>();
    } else if (id != record.end() && id->is_number()) {
      doc.id = id->dump();
    }
    if (doc.id.empty()) doc.id = IdFromOrigin(origin);
    doc.source = StringField(record, "source");
    doc.url = StringField(record, "url");
    doc.title = StringField(record, "title");
    // A date we cannot read is treated as absent rather than passed on: the
    // contract downstream is ISO or empty.
    if (auto date = NormalizeDate(StringField(record, "date"))) {
      doc.date = *std::move(date);
    } else if (auto dateline = FindDateline(doc.text, kDatelineLines,
                                            YearOfDate(options.default_date))) {
      doc.date = *std::move(dateline);
    } else {
      doc.date = options.default_date;
    }
    doc.origin = std::move(origin);
    return doc;
  } catch (const std::exception& e) {
    return InternalError(origin + ": " + ExceptionDetail(e));
  }
}

Status ReadJsonLines(std::istream& in, std::string head, std::string_view name,
                     const ReaderOptions& options, const DocumentSink& sink) {
  LineReader reader(in, std::move(head), options.max_document_bytes);
  Status first_error;
  auto report = [&](Status status) {
    if (first_error.ok()) first_error = status;
    sink(std::move(status));
  };
  std::string line;
  uint64_t too_long = 0;
  size_t records = 0;
  while (true) {
    LineReader::Result result = reader.Next(&line, &too_long);
    if (result == LineReader::Result::kEnd) break;
    std::string origin =
        std::string(name) + ":" + std::to_string(reader.line_number());
    if (result == LineReader::Result::kError) {
      report(IoError(origin + ": read error"));
      break;
    }
    if (result == LineReader::Result::kTooLong) {
      ++records;
      report(ResourceExhaustedError(
          origin + ": line is " + std::to_string(too_long) +
          " bytes, more than max_document_bytes (" +
          std::to_string(options.max_document_bytes) + "); skipped"));
      continue;
    }
    if (IsBlank(StripBom(line))) continue;
    ++records;
    StatusOr<Document> doc = ParseJsonRecord(line, std::move(origin), options);
    if (!doc.ok()) {
      report(doc.status());
    } else {
      sink(std::move(doc));
    }
  }
  if (records == 0 && first_error.ok()) {
    report(InvalidArgumentError(std::string(name) +
                                ": empty document (no JSON records)"));
  }
  return first_error;
}

}  // namespace entente
