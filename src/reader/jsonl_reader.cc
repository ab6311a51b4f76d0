// JSON Lines: one {id, date, source, url, title, text} object per line. The
// file is streamed; a bad line is reported and skipped, never fatal.
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "entente/reader.h"
#include "reader/reader_internal.h"

namespace entente {
namespace {

// Datelines sit above the story, possibly under a headline and a byline.
constexpr int kDatelineLines = 3;

// simdjson parses a line several times faster than a DOM library that
// allocates per node, which matters because reading is part of the
// throughput budget. One parser per thread: it owns reusable buffers.
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
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
std::string StringField(simdjson::dom::object record, const char* key) {
  std::string_view value;
  if (record[key].get_string().get(value)) return {};
  return std::string(value);
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
  simdjson::padded_string padded(line);
  simdjson::dom::element root;
  if (auto error = ThreadParser().parse(padded).get(root)) {
    // Say "not UTF-8" plainly: "syntax error" would send people looking for
    // a missing brace.
    if (error == simdjson::UTF8_ERROR || !IsValidUtf8(line)) {
      return InvalidArgumentError(
          origin + ": line is not valid UTF-8 (JSON text must be UTF-8)");
    }
    if (error == simdjson::NUMBER_ERROR) {
      // Valid JSON can hold numbers no machine type holds ("1e999", a
      // 30-digit id); say which limit the record broke.
      return InvalidArgumentError(
          origin +
          ": line has a number out of range (integers must fit in 64 bits, "
          "reals in a double): " +
          simdjson::error_message(error));
    }
    return InvalidArgumentError(
        origin + ": line is not JSON: " + simdjson::error_message(error));
  }
  simdjson::dom::object record;
  if (root.get_object().get(record)) {
    return InvalidArgumentError(origin + ": JSON record is not an object");
  }
  std::string_view text;
  if (record["text"].get_string().get(text)) {
    return InvalidArgumentError(origin +
                                ": record has no string \"text\" field");
  }
  Document doc;
  doc.text = std::string(text);
  if (IsBlank(doc.text)) {
    return InvalidArgumentError(origin + ": empty document");
  }
  simdjson::dom::element id;
  if (!record["id"].get(id)) {
    if (id.is_string()) {
      doc.id = std::string(id.get_string().value_unsafe());
    } else if (id.is_number()) {
      doc.id = simdjson::minify(id);
    }
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
