// Entry point of the `solen` command-line tool: dispatches to the sub-commands.
// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"
#include "solen/version.hpp"

namespace {
const char* const usage =
    "usage: solen <command> [options]\n"
    "  evaluate [--as-of YYYY-MM-DD] [--rules PACK.json] [--threads N] [--no-reasons]\n"
    "           [--summary] [-o OUT] [INPUT]      JSON Lines in, one decision per line out\n"
    "  check PACK.json                           validate a rule pack\n"
    "  explain [--as-of D] [--rules PACK.json] HOUSEHOLD.json   the decision in French prose\n"
    "  summary DECISIONS.jsonl                   caseload summary of evaluated decisions\n"
    "  generate N [--seed S] [--year YYYY] [--profile national|lille] [-o OUT]   synthetic caseload\n"
    "  --version\n";
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(usage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (cmd == "--version" || cmd == "version") {
    std::printf("solen %s\n", SOLEN_ENGINE_VERSION);
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(usage, stdout);
    return 0;
  }
  if (cmd == "evaluate") return solen::cli::evaluate(args);
  if (cmd == "check") return solen::cli::check(args);
  if (cmd == "explain") return solen::cli::explain(args);
  if (cmd == "summary") return solen::cli::summary(args);
  if (cmd == "generate") return solen::cli::generate(args);
  std::fprintf(stderr, "solen: unknown command '%s'\n%s", cmd.c_str(), usage);
  return 2;
}
