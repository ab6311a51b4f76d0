// Query-string parameters of one request, validated: every parse function
// fails with InvalidArgument naming the parameter and what it expects, which
// the server turns into a 400.
#ifndef ENTENTE_SERVER_PARAMS_H_
#define ENTENTE_SERVER_PARAMS_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "entente/status.h"

namespace entente::server {

// Longest accepted text parameter, in bytes.
inline constexpr size_t kMaxParamBytes = 200;

class QueryParams {
 public:
  // Fails for a name not in `allowed` (so typos are caught) and for a name
  // given twice.
  static StatusOr<QueryParams> Parse(
      const std::multimap<std::string, std::string>& given,
      std::initializer_list<std::string_view> allowed);

  bool Has(std::string_view name) const { return values_.count(name) > 0; }

  // Free text ("" when absent): valid UTF-8, no control characters, at most
  // kMaxParamBytes bytes.
  StatusOr<std::string> Text(std::string_view name) const;
  // A "YYYY-MM-DD" calendar date, or "" when absent.
  StatusOr<std::string> Date(std::string_view name) const;
  // A decimal integer in [min, max]; `fallback` when absent.
  StatusOr<int64_t> Integer(std::string_view name, int64_t fallback,
                            int64_t min, int64_t max) const;
  // "0"/"1"/"false"/"true"; false when absent.
  StatusOr<bool> Flag(std::string_view name) const;
  // One of `choices`; `fallback` when absent.
  StatusOr<std::string> Choice(
      std::string_view name, std::string_view fallback,
      std::initializer_list<std::string_view> choices) const;
  // Upper-case letters and digits (a CAMEO actor code or prefix) of
  // `min_size`..12 characters, or "" when absent.
  StatusOr<std::string> ActorCode(std::string_view name,
                                  size_t min_size = 1) const;
  // Digits (a CAMEO event code or prefix), 1 to 4 of them, or "" when absent.
  StatusOr<std::string> EventCode(std::string_view name) const;

 private:
  const std::string* Find(std::string_view name) const;
  std::map<std::string, std::string, std::less<>> values_;
};

// Checks a "from"/"to" pair: from must not be after to.
Status CheckDateRange(const std::string& from, const std::string& to);

// Free-text validation shared with path segments: valid UTF-8, no control
// characters, at most kMaxParamBytes bytes. `what` names the value.
Status CheckText(std::string_view what, std::string_view value);

}  // namespace entente::server

#endif  // ENTENTE_SERVER_PARAMS_H_
