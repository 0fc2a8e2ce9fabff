// libFuzzer target: the rule-pack loader on arbitrary bytes (check_rulepack, Engine::from_json).
// Invariants: check_rulepack never throws; Engine::from_json throws only solen::Error (kind
// rules), exactly when check_rulepack reports a problem; every problem has a code, a message
// and a JSON-pointer path; an engine that loads evaluates a few households to strict JSON.
// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "rulepack_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::check_pack(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
