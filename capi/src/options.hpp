// Reads the options JSON text of solen_evaluate_ex / solen_evaluate_batch_ex into C++ options.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "solen/date.hpp"
#include "solen/engine.hpp"
#include "solen/error.hpp"

namespace solen::capi {

inline constexpr unsigned max_threads = 1024;

/// JSON pointer token for an object key (RFC 6901: "~" -> "~0", "/" -> "~1").
inline std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

[[noreturn]] inline void bad_option(const std::string& path, const std::string& message) {
  throw Error(ErrorKind::invalid_argument, "invalid_options", path, message);
}

/// A positive integer option no larger than `max`.
template <class T>
T positive_option(const nlohmann::json& v, const std::string& path, std::uint64_t max) {
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0 || v.get<std::uint64_t>() > max) {
    bad_option(path, "option " + path + " must be an integer between 1 and " + std::to_string(max));
  }
  return static_cast<T>(v.get<std::uint64_t>());
}

inline void read_limits(const nlohmann::json& v, ParseLimits& limits) {
  if (!v.is_object()) bad_option("/limits", "option /limits must be an object");
  constexpr auto int_max = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
  for (const auto& [key, value] : v.items()) {
    std::string path = "/limits/" + pointer_token(key);
    if (key == "max_bytes") {
      limits.max_bytes = positive_option<std::size_t>(value, path, std::uint64_t{1} << 40);
    } else if (key == "max_depth") {
      limits.max_depth = positive_option<int>(value, path, int_max);
    } else if (key == "max_members") {
      limits.max_members = positive_option<int>(value, path, int_max);
    } else if (key == "max_list_items") {
      limits.max_list_items = positive_option<int>(value, path, int_max);
    } else {
      bad_option(path, "unknown option " + path);
    }
  }
}

/// Parses `{"as_of":"YYYY-MM-DD","reasons":false,"threads":2,"limits":{...}}`. NULL or empty
/// text keeps the defaults. Throws solen::Error (kind invalid_argument) on any problem.
inline BatchOptions read_options(const char* text, std::size_t len) {
  BatchOptions o;
  if (text == nullptr || len == 0) return o;
  nlohmann::json j = nlohmann::json::parse(text, text + len, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) bad_option("", "the options are not valid JSON");
  if (!j.is_object()) bad_option("", "the options must be a JSON object");
  for (const auto& [key, value] : j.items()) {
    std::string path = "/" + pointer_token(key);
    if (key == "as_of") {
      if (value.is_null()) continue;
      if (!value.is_string()) bad_option(path, "option /as_of must be a \"YYYY-MM-DD\" string");
      auto d = Date::parse(value.get_ref<const std::string&>());
      if (!d) bad_option(path, "option /as_of is not a valid date (YYYY-MM-DD, 1900-2199)");
      o.eval.as_of = *d;
    } else if (key == "reasons") {
      if (!value.is_boolean()) bad_option(path, "option /reasons must be true or false");
      o.eval.reasons = value.get<bool>();
    } else if (key == "threads") {
      if (!value.is_number_unsigned() || value.get<std::uint64_t>() > max_threads) {
        bad_option(path, "option /threads must be an integer between 0 and " +
                             std::to_string(max_threads));
      }
      o.threads = static_cast<unsigned>(value.get<std::uint64_t>());
    } else if (key == "limits") {
      read_limits(value, o.eval.limits);
    } else {
      bad_option(path, "unknown option " + path);
    }
  }
  return o;
}

}  // namespace solen::capi
