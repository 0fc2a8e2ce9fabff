// The caseload generator: JSON Lines speed and a round-trip check (generated JSON, parsed by the
// engine's household parser and written again, gives the same text: no fact is lost or altered).
//
//   bench_generate [--households N] [--year Y] [--profile national|lille] [--seed S] [--verify K]
// SPDX-License-Identifier: Apache-2.0
#include <chrono>
#include <cstdio>
#include <string>

#include "generator.hpp"
#include "solen/household_parser.hpp"

int main(int argc, char** argv) {
  std::uint64_t n = 1'000'000, verify = 100'000;
  solen::gen::Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--households") n = std::stoull(v);
    else if (k == "--year") o.year = std::stoi(v);
    else if (k == "--seed") o.seed = std::stoull(v);
    else if (k == "--profile") o.profile = v == "lille" ? solen::gen::Profile::lille : solen::gen::Profile::national;
    else if (k == "--verify") verify = std::stoull(v);
    else {
      std::fprintf(stderr, "usage: bench_generate [--households N] [--year Y] [--profile P] [--seed S] [--verify K]\n");
      return 2;
    }
  }
  const solen::gen::Generator g(o);
  std::string buf;
  std::uint64_t bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < n; ++i) {
    g.json_line(i, buf);
    if (buf.size() > (1u << 20)) bytes += buf.size(), buf.clear();
  }
  bytes += buf.size();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("generator: %llu households as JSON Lines on 1 thread in %.2f s: %.0f households/s, %.1f MB/s, %.0f bytes/line\n",
              static_cast<unsigned long long>(n), s, static_cast<double>(n) / s,
              static_cast<double>(bytes) / s / 1e6, static_cast<double>(bytes) / static_cast<double>(n));

  std::uint64_t bad = 0;
  solen::Household h;
  solen::ParseOutcome outcome;
  std::string line, again;
  for (std::uint64_t i = 0; i < verify; ++i) {
    line.clear();
    again.clear();
    g.json_line(i, line);
    line.pop_back();
    if (!solen::parse_household(line, h, outcome) || !outcome.warnings.empty()) {
      if (++bad <= 5) std::printf("  line %llu does not parse: %s %s\n", static_cast<unsigned long long>(i),
                                  outcome.error.code.c_str(), outcome.error.message.c_str());
      continue;
    }
    g.append_json(h, again);
    if (again != line && ++bad <= 5)
      std::printf("  line %llu changes on a round trip:\n    %s\n    %s\n", static_cast<unsigned long long>(i),
                  line.c_str(), again.c_str());
  }
  std::printf("round trip (generate -> parse -> write) on %llu households: %llu differences\n",
              static_cast<unsigned long long>(verify), static_cast<unsigned long long>(bad));
  return bad ? 1 : 0;
}
