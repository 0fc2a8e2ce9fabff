// Shared helpers of the unit tests: the embedded engine and JSON-in/JSON-out evaluation.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "solen/engine.hpp"

namespace test {
using nlohmann::json;

inline const solen::Engine& engine() {
  static const solen::Engine e = solen::Engine::embedded();
  return e;
}

/// Evaluates `household` (a JSON object) and returns the decision as JSON.
inline json decide(const json& household, const solen::Engine& e = engine()) {
  std::string out;
  solen::Issue err;
  e.evaluate_json(household.dump(), out, err);
  return json::parse(out);
}

/// The default pack as JSON, for tests that derive broken or local variants from it.
inline json default_pack() {
  std::ifstream in(SOLEN_SOURCE_DIR "/rules/fr-lille.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

/// A single adult at `date` with RFR `rfr` (string) and rfr_year N-2.
inline json single(const std::string& date, const std::string& rfr) {
  int year = std::stoi(date.substr(0, 4));
  return json{{"id", "T"}, {"as_of", date}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
              {"income", {{"rfr", rfr}, {"rfr_year", year - 2}}}};
}

inline bool has_measure(const json& d, const std::string& code) {
  for (const json& m : d["orientation"]["measures"])
    if (m["code"] == code) return true;
  return false;
}
}  // namespace test
