#include "server/params.h"

#include <charconv>

#include "entente/text.h"
#include "store/civil_date.h"

namespace entente::server {
namespace {

Status Bad(std::string_view name, std::string_view expected,
           std::string_view got) {
  std::string shown(got.substr(0, 60));
  if (got.size() > 60) shown += "...";
  return InvalidArgumentError("parameter '" + std::string(name) +
                              "': expected " + std::string(expected) +
                              ", got '" + shown + "'");
}

bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || IsDigit(c); }

}  // namespace

Status CheckText(std::string_view what, std::string_view value) {
  if (value.size() > kMaxParamBytes) {
    return InvalidArgumentError(std::string(what) + ": at most " +
                                std::to_string(kMaxParamBytes) +
                                " bytes, got " + std::to_string(value.size()));
  }
  if (!FindInvalidUtf8(value).empty()) {
    return InvalidArgumentError(std::string(what) + ": not valid UTF-8");
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidArgumentError(std::string(what) +
                                  ": control characters are not allowed");
    }
  }
  return Status::Ok();
}

StatusOr<QueryParams> QueryParams::Parse(
    const std::multimap<std::string, std::string>& given,
    std::initializer_list<std::string_view> allowed) {
  QueryParams params;
  for (const auto& [name, value] : given) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) {
        list += list.empty() ? "" : ", ";
        list += a;
      }
      std::string shown = name.substr(0, 40);
      for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
      }
      return InvalidArgumentError(
          "unknown parameter '" + shown + "'" +
          (list.empty() ? std::string("; this endpoint takes none")
                        : "; expected one of: " + list));
    }
    if (!params.values_.emplace(name, value).second) {
      return InvalidArgumentError("parameter '" + name + "' given twice");
    }
  }
  return params;
}

const std::string* QueryParams::Find(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

StatusOr<std::string> QueryParams::Text(std::string_view name) const {
  const std::string* v = Find(name);
  if (!v) return std::string();
  Status ok = CheckText("parameter '" + std::string(name) + "'", *v);
  if (!ok.ok()) return ok;
  return *v;
}

StatusOr<std::string> QueryParams::Date(std::string_view name) const {
  const std::string* v = Find(name);
  if (!v || v->empty()) return std::string();
  bool shape = v->size() == 10 && (*v)[4] == '-' && (*v)[7] == '-' &&
               AllOf(std::string_view(*v).substr(0, 4), IsDigit) &&
               AllOf(std::string_view(*v).substr(5, 2), IsDigit) &&
               AllOf(std::string_view(*v).substr(8, 2), IsDigit);
  if (!shape || !store::DayNumber(*v)) {
    return Bad(name, "a date YYYY-MM-DD", *v);
  }
  return *v;
}

StatusOr<int64_t> QueryParams::Integer(std::string_view name, int64_t fallback,
                                       int64_t min, int64_t max) const {
  const std::string* v = Find(name);
  if (!v) return fallback;
  std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || end != v->data() + v->size() ||
      n < min || n > max) {
    return Bad(name, expected, *v);
  }
  return n;
}

StatusOr<bool> QueryParams::Flag(std::string_view name) const {
  const std::string* v = Find(name);
  if (!v) return false;
  if (*v == "1" || *v == "true") return true;
  if (*v == "0" || *v == "false") return false;
  return Bad(name, "0 or 1", *v);
}

StatusOr<std::string> QueryParams::Choice(
    std::string_view name, std::string_view fallback,
    std::initializer_list<std::string_view> choices) const {
  const std::string* v = Find(name);
  if (!v) return std::string(fallback);
  std::string list;
  for (std::string_view c : choices) {
    if (c == *v) return *v;
    list += list.empty() ? "" : "|";
    list += c;
  }
  return Bad(name, "one of " + list, *v);
}

StatusOr<std::string> QueryParams::ActorCode(std::string_view name,
                                             size_t min_size) const {
  const std::string* v = Find(name);
  if (!v || v->empty()) return std::string();
  if (v->size() < min_size || v->size() > 12 || !AllOf(*v, IsUpperOrDigit)) {
    return Bad(name,
               "a CAMEO actor code (" + std::to_string(min_size) +
                   " to 12 upper-case letters or digits)",
               *v);
  }
  return *v;
}

StatusOr<std::string> QueryParams::EventCode(std::string_view name) const {
  const std::string* v = Find(name);
  if (!v || v->empty()) return std::string();
  if (v->size() > 4 || !AllOf(*v, IsDigit)) {
    return Bad(name, "a CAMEO event code prefix (1 to 4 digits)", *v);
  }
  return *v;
}

Status CheckDateRange(const std::string& from, const std::string& to) {
  if (!from.empty() && !to.empty() && from > to) {
    return InvalidArgumentError("parameters 'from' and 'to': from (" + from +
                                ") is after to (" + to + ")");
  }
  return Status::Ok();
}

}  // namespace entente::server
