// Shared pieces of the libFuzzer targets: the engine, output checks and a failure macro.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "solen/engine.hpp"

namespace fuzz {

/// Aborts (a finding for libFuzzer) with a message.
#define FUZZ_ASSERT(cond, what)                                                              \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "FUZZ ASSERTION FAILED %s:%d: %s: %s\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                               \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

inline const solen::Engine& engine() {
  static const solen::Engine e = solen::Engine::embedded();
  return e;
}

/// A decision line must be strict JSON (valid UTF-8 too) and a well-formed decision.
inline nlohmann::json check_decision_text(std::string_view text) {
  nlohmann::json d;
  try {
    d = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    FUZZ_ASSERT(false, std::string("decision is not valid JSON: ") + e.what() + " in " +
                           std::string(text.substr(0, 300)));
  }
  FUZZ_ASSERT(d.is_object(), "decision is not an object");
  FUZZ_ASSERT(d.contains("id") && (d["id"].is_string() || d["id"].is_null()), "decision id");
  const std::string status = d.value("status", "");
  FUZZ_ASSERT(status == "ok" || status == "error" || status == "excluded", "status " + status);
  if (status == "error") {
    const auto& e = d["error"];
    FUZZ_ASSERT(e.is_object() && e["code"].is_string() && e["path"].is_string() &&
                    e["message"].is_string(),
                "error object");
    const std::string path = e["path"].get<std::string>();
    FUZZ_ASSERT(path.empty() || path[0] == '/', "path is a JSON pointer: " + path);
    FUZZ_ASSERT(!e["code"].get<std::string>().empty(), "empty error code");
    FUZZ_ASSERT(!e["message"].get<std::string>().empty(), "empty error message");
  }
  if (status == "excluded") FUZZ_ASSERT(d.size() == 3, "excluded decision holds more than id/status/reason");
  return d;
}

/// Number of non-blank lines (blank: only spaces, tabs and CR), as the engine counts them.
inline std::size_t non_blank_lines(std::string_view in) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < in.size();) {
    std::size_t nl = in.find('\n', pos);
    if (nl == std::string_view::npos) nl = in.size();
    bool blank = true;
    for (std::size_t i = pos; i < nl && blank; ++i) blank = in[i] == ' ' || in[i] == '\t' || in[i] == '\r';
    n += blank ? 0 : 1;
    pos = nl + 1;
  }
  return n;
}

}  // namespace fuzz
