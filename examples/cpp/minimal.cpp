// Minimal C++ host of the header-only core: solen::Engine::embedded().evaluate_json(...).
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <string>

#include "solen/engine.hpp"
#include "solen/error.hpp"

int main() {
  const std::string household =
      R"({"id":"T1","as_of":"2019-05-01","members":[{"role":"declarant","age":40}],)"
      R"("income":{"rfr":"7800","rfr_year":2017}})";
  try {
    const solen::Engine engine = solen::Engine::embedded();  // immutable, share it freely
    std::string decision;
    solen::DecisionError error;
    if (!engine.evaluate_json(household, decision, error)) {
      std::cerr << "household: " << error.code << " at '" << error.path << "': " << error.message
                << '\n';
      return 2;
    }
    std::cout << "rule pack " << engine.pack().id << ' ' << engine.pack().version << '\n'
              << decision << '\n';
  } catch (const solen::Error& e) {  // rule pack problems (kind rules), I/O...
    std::cerr << "engine: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
