// libFuzzer target: the strict household parser (parse_household) and the JSON entry point
// (Engine::evaluate_json) on arbitrary bytes. Invariants: never crash, never throw; an error
// has a code, a JSON-pointer path and a message; the decision is strict JSON (valid UTF-8);
// a parsed household evaluates the same with reasons on and off.
// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "solen/household_parser.hpp"

using namespace solen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Engine& e = fuzz::engine();

  // 1. The parser alone, with the default limits and with tiny ones.
  Household h;
  ParseOutcome o;
  const bool ok = parse_household(text, h, o);
  FUZZ_ASSERT(ok == o.ok, "outcome.ok");
  if (!ok) {
    FUZZ_ASSERT(!o.error.code.empty() && !o.error.message.empty(), "error without code or message");
    FUZZ_ASSERT(o.error.path.empty() || o.error.path[0] == '/', "path " + o.error.path);
  } else {
    FUZZ_ASSERT(!h.id.empty() && !h.members.empty(), "a valid household has an id and members");
  }
  ParseLimits tiny;
  tiny.max_bytes = 200;
  tiny.max_depth = 3;
  tiny.max_members = 2;
  tiny.max_list_items = 2;
  Household h2;
  ParseOutcome o2;
  if (parse_household(text, h2, o2, tiny)) FUZZ_ASSERT(ok, "accepted with tighter limits only");

  // 2. The JSON entry point: reasons on, then off; a date derived from the input.
  EvalOptions on;
  std::uint32_t hash = 2166136261u;
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 16777619u;
  on.as_of = Date(2005, 1, 1).plus_days(static_cast<int>(hash % 8400));  // 2005..2027
  EvalOptions off = on;
  off.reasons = false;
  std::string out_on, out_off;
  DecisionError err;
  const bool ok_on = e.evaluate_json(text, out_on, err, on);
  const bool ok_off = e.evaluate_json(text, out_off, err, off);
  FUZZ_ASSERT(ok_on == ok && ok_off == ok, "evaluate_json disagrees with parse_household");
  nlohmann::json d_on = fuzz::check_decision_text(out_on);
  nlohmann::json d_off = fuzz::check_decision_text(out_off);
  if (!ok) {
    FUZZ_ASSERT(d_on["error"]["code"] == o.error.code && d_on["error"]["path"] == o.error.path,
                "decision error differs from the parser's");
    FUZZ_ASSERT(d_on == d_off, "error decisions differ with reasons off");
    return 0;
  }
  FUZZ_ASSERT(d_on["id"] == h.id, "decision id differs from the household id");
  // The answers never depend on the reasons flag: strip every "reasons" list and compare.
  auto strip = [](nlohmann::json& j, auto& self) -> void {
    if (j.is_object()) {
      j.erase("reasons");
      for (auto& [k, v] : j.items()) self(v, self);
    } else if (j.is_array()) {
      for (auto& v : j) self(v, self);
    }
  };
  strip(d_on, strip);
  strip(d_off, strip);
  FUZZ_ASSERT(d_on == d_off, "answers differ with reasons off: " + d_on.dump().substr(0, 500));
  return 0;
}
