// `solen evaluate`: JSON Lines of households in, one decision per non-blank line out, streamed.
// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "options.hpp"
#include "solen/stream.hpp"

namespace solen::cli {
namespace {

/// Progress on stderr (count, rate, elapsed, ETA from the bytes read) when stderr is a terminal.
struct Progress {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::FILE* in = nullptr;
  long total_bytes = 0;  ///< 0 when unknown (a pipe)
  void operator()(std::size_t done) const {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double rate = s > 0 ? static_cast<double>(done) / s : 0.0;
    long pos = in ? std::ftell(in) : -1;
    if (total_bytes > 0 && pos > 0) {
      double eta = s * (static_cast<double>(total_bytes) / static_cast<double>(pos) - 1.0);
      std::fprintf(stderr, "\r%12zu households  %10.0f/s  %5.1f %%  ETA %6.1f s ", done, rate,
                   100.0 * static_cast<double>(pos) / static_cast<double>(total_bytes), eta < 0 ? 0.0 : eta);
    } else {
      std::fprintf(stderr, "\r%12zu households  %10.0f/s  %7.1f s ", done, rate, s);
    }
    std::fflush(stderr);
  }
};

}  // namespace

int evaluate(const std::vector<std::string>& args) {
  StreamOptions so;
  std::string rules, input = "-", output, value;
  bool summary = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--as-of") {
      if (!take_value(args, i, value)) return 2;
      auto d = Date::parse(value);
      if (!d) {
        std::fprintf(stderr, "solen: --as-of expects a date YYYY-MM-DD\n");
        return 2;
      }
      so.batch.eval.as_of = *d;
    } else if (a == "--rules") {
      if (!take_value(args, i, rules)) return 2;
    } else if (a == "--threads") {
      if (!take_value(args, i, value)) return 2;
      try {
        int n = std::stoi(value);
        if (n < 1 || n > 256) throw std::out_of_range("threads");
        so.batch.threads = static_cast<unsigned>(n);
      } catch (const std::exception&) {
        std::fprintf(stderr, "solen: --threads expects a number from 1 to 256\n");
        return 2;
      }
    } else if (a == "--no-reasons") {
      so.batch.eval.reasons = false;
    } else if (a == "--summary") {
      summary = true;
    } else if (a == "-o" || a == "--output") {
      if (!take_value(args, i, output)) return 2;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "solen evaluate: unknown option %s\n", a.c_str());
      return 2;
    } else {
      input = a;
    }
  }
  auto engine = load_engine(rules);
  if (!engine) return 1;
  if (!so.batch.eval.as_of) so.batch.eval.as_of = detail::today();
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "solen: cannot read %s\n", input.c_str());
    return 1;
  }
  std::FILE* out = output.empty() || output == "-" ? stdout : std::fopen(output.c_str(), "wb");
  if (!out) {
    std::fprintf(stderr, "solen: cannot write %s\n", output.c_str());
    return 1;
  }
  Summary sum;
  if (summary) so.summary = &sum;
  Progress progress;
  progress.in = in;
  if (in != stdin && std::fseek(in, 0, SEEK_END) == 0) {
    progress.total_bytes = std::ftell(in);
    std::rewind(in);
  }
  if (isatty(STDERR_FILENO)) so.batch.progress = progress;
  StreamResult r = evaluate_stream(*engine, in, out, so);
  if (so.batch.progress) std::fputc('\n', stderr);
  if (in != stdin) std::fclose(in);
  bool write_failed = r.write_error || std::fflush(out) != 0;
  if (out != stdout) write_failed = std::fclose(out) != 0 || write_failed;
  if (r.read_error || write_failed) {
    std::fprintf(stderr, "solen: %s error after %llu decisions\n", r.read_error ? "read" : "write",
                 static_cast<unsigned long long>(r.lines));
    return 1;
  }
  if (summary) std::fputs(sum.to_text().c_str(), stderr);
  return 0;
}

}  // namespace solen::cli
