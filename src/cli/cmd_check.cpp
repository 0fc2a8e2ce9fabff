// `solen check PACK.json`: validates a rule pack; lists every problem with its JSON path.
// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "solen/rulepack_loader.hpp"

namespace solen::cli {

int check(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: solen check PACK.json\n");
    return 2;
  }
  std::ifstream in(args[0], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "solen: cannot read %s\n", args[0].c_str());
    return 1;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::vector<Issue> issues = check_rulepack(ss.str());
  if (issues.empty()) {
    auto pack = load_rulepack(ss.str());
    std::size_t rules = 0;
    for (const Table& t : pack->tables)
      for (const TableVersion& v : t.versions) rules += v.rules.size();
    std::printf("%s: valid rule pack %s %s (%zu tables, %zu rules, sha256 %s)\n", args[0].c_str(),
                pack->id.c_str(), pack->version.c_str(), pack->tables.size(), rules, pack->sha256.c_str());
    return 0;
  }
  std::printf("%s: %zu problem%s\n", args[0].c_str(), issues.size(), issues.size() == 1 ? "" : "s");
  for (const Issue& i : issues)
    std::printf("  %s: %s [%s]\n", i.path.empty() ? "/" : i.path.c_str(), i.message.c_str(), i.code.c_str());
  return 1;
}

}  // namespace solen::cli
