// Small helpers shared by the CLI commands: argument scanning and engine loading.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "solen/engine.hpp"

namespace solen::cli {

/// Takes the value following `flag` at args[i] (advancing i); prints a usage error if absent.
inline bool take_value(const std::vector<std::string>& args, std::size_t& i, std::string& out) {
  if (i + 1 >= args.size()) {
    std::fprintf(stderr, "solen: %s needs a value\n", args[i].c_str());
    return false;
  }
  out = args[++i];
  return true;
}

/// Engine from --rules or the embedded pack; prints the problems and returns nullopt if invalid.
inline std::optional<Engine> load_engine(const std::string& rules) {
  try {
    return rules.empty() ? Engine::embedded() : Engine::from_file(rules);
  } catch (const Error& e) {
    std::fprintf(stderr, "solen: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "solen: cannot load the rule pack: %s\n", e.what());
  }
  return std::nullopt;
}

}  // namespace solen::cli
