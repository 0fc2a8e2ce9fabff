// Consumer of the installed header-only C++ core (solen::core): one evaluation.
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <solen/solen.hpp>
#include <string>

int main() {
  const std::string household =
      R"({"id":"T1","as_of":"2019-05-01","members":[{"role":"declarant","age":40}],)"
      R"("income":{"rfr":"7800","rfr_year":2017}})";
  std::string decision;
  solen::DecisionError error;
  const bool ok = solen::Engine::embedded().evaluate_json(household, decision, error) &&
                  decision.find("\"48.00\"") != std::string::npos;
  std::cout << "consumer " << (ok ? "ok: 48.00" : "FAILED: " + error.message) << '\n';
  return ok ? 0 : 1;
}
