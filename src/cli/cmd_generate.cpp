// `solen generate N`: a seeded synthetic caseload as JSON Lines (format 1), for demos and
// benchmarks. Household i of a seed is always the same, whatever N and the thread count.
// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "generator.hpp"
#include "options.hpp"

namespace solen::cli {
namespace {

const char* const generate_usage =
    "usage: solen generate N [--seed S] [--year YYYY] [--profile national|lille] [-o OUT]\n"
    "  N             number of households (JSON Lines, one per line)\n"
    "  --seed S      seed of the generator (default 1); the same seed gives the same caseload\n"
    "  --year YYYY   year of the caseload, 2005 to 2099 (default 2024); households without their\n"
    "                own as_of are anchored on 15 June of that year (evaluate with\n"
    "                --as-of YYYY-06-15)\n"
    "  --profile P   national: every département incl. overseas (default);\n"
    "                lille: a Lille signal list (département 59, commune 59350, all in debt)\n"
    "  -o OUT        write to OUT instead of stdout\n";

bool parse_uint(const std::string& s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = v;
  return true;
}

}  // namespace

int generate(const std::vector<std::string>& args) {
  gen::Options opt;
  std::string output, value;
  std::uint64_t count = 0;
  bool have_count = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::uint64_t v = 0;
    if (a == "--seed") {
      if (!take_value(args, i, value)) return 2;
      if (!parse_uint(value, v)) {
        std::fprintf(stderr, "solen generate: --seed expects a whole number\n");
        return 2;
      }
      opt.seed = v;
    } else if (a == "--year") {
      if (!take_value(args, i, value)) return 2;
      if (!parse_uint(value, v) || v < 2005 || v > 2099) {
        std::fprintf(stderr, "solen generate: --year expects a year from 2005 to 2099\n");
        return 2;
      }
      opt.year = static_cast<int>(v);
    } else if (a == "--profile") {
      if (!take_value(args, i, value)) return 2;
      if (value == "lille") opt.profile = gen::Profile::lille;
      else if (value == "national") opt.profile = gen::Profile::national;
      else {
        std::fprintf(stderr, "solen generate: --profile expects national or lille\n");
        return 2;
      }
    } else if (a == "-o" || a == "--output") {
      if (!take_value(args, i, output)) return 2;
    } else if (a == "-h" || a == "--help") {
      std::fputs(generate_usage, stdout);
      return 0;
    } else if (!have_count && parse_uint(a, v)) {
      count = v;
      have_count = true;
    } else {
      std::fprintf(stderr, "solen generate: unexpected argument '%s'\n%s", a.c_str(), generate_usage);
      return 2;
    }
  }
  if (!have_count) {
    std::fputs(generate_usage, stderr);
    return 2;
  }
  std::FILE* out = output.empty() || output == "-" ? stdout : std::fopen(output.c_str(), "wb");
  if (!out) {
    std::fprintf(stderr, "solen: cannot write %s\n", output.c_str());
    return 1;
  }

  // Blocks of households generated on two threads, written in order.
  const gen::Generator g(opt);
  constexpr std::uint64_t block = 8192;
  const unsigned threads = count >= 4 * block ? 2u : 1u;
  std::vector<std::string> bufs(threads);
  bool failed = false;
  for (std::uint64_t start = 0; start < count && !failed; start += block * threads) {
    auto fill = [&](unsigned t) {
      std::string& b = bufs[t];
      b.clear();
      const std::uint64_t from = start + t * block;
      const std::uint64_t to = from + block < count ? from + block : count;
      for (std::uint64_t i = from; i < to; ++i) g.json_line(i, b);
    };
    if (threads == 1) {
      fill(0);
    } else {
      std::thread helper(fill, 1u);
      fill(0);
      helper.join();
    }
    for (const std::string& b : bufs)
      if (!b.empty() && std::fwrite(b.data(), 1, b.size(), out) != b.size()) failed = true;
  }
  if (std::fflush(out) != 0) failed = true;
  if (out != stdout && std::fclose(out) != 0) failed = true;
  if (failed) {
    std::fprintf(stderr, "solen: write error on %s\n", output.empty() ? "stdout" : output.c_str());
    return 1;
  }
  return 0;
}

}  // namespace solen::cli
