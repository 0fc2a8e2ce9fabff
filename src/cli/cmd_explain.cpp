// `solen explain [--as-of D] [--rules PACK] HOUSEHOLD.json`: one decision as French prose.
// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "options.hpp"
#include "solen/explain.hpp"

namespace solen::cli {

int explain(const std::vector<std::string>& args) {
  std::string rules, file, value;
  std::optional<Date> as_of;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--as-of") {
      if (!take_value(args, i, value)) return 2;
      as_of = Date::parse(value);
      if (!as_of) {
        std::fprintf(stderr, "solen: --as-of expects a date YYYY-MM-DD\n");
        return 2;
      }
    } else if (args[i] == "--rules") {
      if (!take_value(args, i, rules)) return 2;
    } else if (file.empty()) {
      file = args[i];
    } else {
      std::fprintf(stderr, "usage: solen explain [--as-of D] [--rules PACK.json] HOUSEHOLD.json\n");
      return 2;
    }
  }
  if (file.empty()) {
    std::fprintf(stderr, "usage: solen explain [--as-of D] [--rules PACK.json] HOUSEHOLD.json\n");
    return 2;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in && file != "-") {
    std::fprintf(stderr, "solen: cannot read %s\n", file.c_str());
    return 1;
  }
  std::ostringstream ss;
  ss << (file == "-" ? std::cin.rdbuf() : in.rdbuf());
  std::string text = ss.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  auto engine = load_engine(rules);
  if (!engine) return 1;
  Household h;
  ParseOutcome outcome;
  Decision d;
  if (!parse_household(text, h, outcome)) {
    d.status = DecisionStatus::error;
    d.error = outcome.error;
  } else {
    Date date = h.as_of ? *h.as_of : as_of ? *as_of : detail::today();
    engine->evaluate_into(h, date, d, EvalOptions{});
    for (Issue& w : outcome.warnings) d.warnings.push_back(std::move(w));
  }
  std::fputs(solen::explain(d, engine->compiled()).c_str(), stdout);
  return d.status == DecisionStatus::error ? 1 : 0;
}

}  // namespace solen::cli
