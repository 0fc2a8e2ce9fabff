// C++ benchmarks: the engine's batch API against a hand-written function of the same decisions,
// over generated Household structs (no JSON), reasons off, on 1 and 2 threads; plus the speed
// of the caseload generator and the agreement of the hand-written answers with the engine's.
//
//   bench_cpp [--households N] [--chunk C] [--piece P] [--year Y] [--profile national|lille] [--seed S]
//             [--as-of YYYY-MM-DD] [--threads 1,2] [--repeat R] [--verify K] [--tsv]
//
// Households are generated in chunks of C (default 1,000,000) so that caseloads larger than
// memory allows (6 million) are measured with flat memory; only evaluation is timed.
// SPDX-License-Identifier: Apache-2.0
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "generator.hpp"
#include "handwritten.hpp"
#include "solen/engine.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using solen::Date;
using solen::Decision;
using solen::Household;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

/// Runs fn(begin, end, thread) on `threads` contiguous ranges.
template <class Fn>
void on_threads(std::size_t n, unsigned threads, Fn&& fn) {
  if (threads <= 1) {
    fn(std::size_t{0}, n, 0u);
    return;
  }
  std::vector<std::thread> pool;
  const std::size_t step = (n + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] { fn(std::min(n, t * step), std::min(n, (t + 1) * step), t); });
  fn(0, std::min(n, step), 0u);
  for (auto& th : pool) th.join();
}

// ---- agreement of the hand-written function with the engine

struct Agreement {
  static constexpr int fields = 14;
  const char* names[fields] = {"status",          "cheque status+amount", "tpn status+amount",
                               "tss status+amount", "exceptional",        "winter truce",
                               "cut allowed",     "power reduction",      "notice days",
                               "schedule (kind, months, regular, last)", "existing plan status",
                               "route",           "urgency",              "measures"};
  std::uint64_t same[fields] = {};
  std::uint64_t total = 0, all_same = 0;
  std::vector<std::string> examples;
};

std::int64_t cents(const std::optional<solen::Money>& m) { return m ? m->cents() : -1; }
solen::bench::Tri tri(const std::optional<bool>& b) {
  return b ? (*b ? solen::bench::yes : solen::bench::no) : solen::bench::unknown;
}

void compare(const Household& h, const Decision& e, const solen::bench::NativeDecision& n, Agreement& a) {
  bool eq[Agreement::fields];
  eq[0] = static_cast<int>(e.status) == n.status;
  if (e.status == solen::DecisionStatus::excluded) {
    for (bool& x : eq) x = eq[0];
  } else {
    eq[1] = static_cast<int>(e.cheque_energie.status) == n.cheque_status && cents(e.cheque_energie.amount) == n.cheque_amount;
    eq[2] = static_cast<int>(e.tpn.status) == n.tpn_status && cents(e.tpn.amount) == n.tpn_amount;
    eq[3] = static_cast<int>(e.tss.status) == n.tss_status && cents(e.tss.amount) == n.tss_amount;
    std::int64_t total = 0;
    for (const auto& x : e.exceptional) total += x.amount ? x.amount->cents() : 0;
    eq[4] = static_cast<int>(e.exceptional.size()) == n.exceptional_count && total == n.exceptional_total;
    eq[5] = tri(e.protections.winter_truce) == n.truce;
    eq[6] = tri(e.protections.cut_allowed) == n.cut;
    eq[7] = tri(e.protections.power_reduction_allowed) == n.power_reduction;
    eq[8] = e.protections.notice_days.value_or(-1) == n.notice_days &&
            e.protections.reduced_power_min_kva.value_or(-1) == n.min_kva &&
            e.protections.days_at_1kva_before_cut.value_or(-1) == n.days_at_1kva;
    const auto& s = e.schedule;
    eq[9] = s.present == n.schedule &&
            (!s.present || (static_cast<int>(s.kind) == n.schedule_kind && s.plan.months == n.months &&
                            s.plan.regular.cents() == n.regular && s.plan.last.cents() == n.last &&
                            tri(s.affordable) == n.affordable));
    const int plan = e.existing_plan.present ? 1 + static_cast<int>(e.existing_plan.assessment.status) : 0;
    eq[10] = plan == n.plan_status;
    eq[11] = static_cast<int>(e.orientation.route) == n.route;
    eq[12] = static_cast<int>(e.orientation.urgency) == n.urgency;
    unsigned bits = 0;
    for (const auto& m : e.orientation.measures) bits |= 1u << static_cast<unsigned>(m.code);
    eq[13] = bits == n.measures;
  }
  bool all = true;
  for (int i = 0; i < Agreement::fields; ++i) {
    a.same[i] += eq[i];
    all = all && eq[i];
    if (!eq[i] && a.examples.size() < 12) a.examples.push_back(h.id + ": " + a.names[i]);
  }
  ++a.total;
  a.all_same += all;
}

// ---- options

struct Args {
  std::uint64_t households = 1'000'000;
  std::uint64_t chunk = 1'000'000;
  std::size_t piece = 256;  ///< evaluate_batch: households per piece (the API's default)
  solen::gen::Options gen;
  std::optional<Date> as_of;
  std::vector<unsigned> threads{1, 2};
  int repeat = 3;
  std::uint64_t verify = 200'000;
  bool tsv = false;
  unsigned modes = 7;  ///< bits: 1 evaluate_batch, 2 evaluate_into loop, 4 hand-written
};

bool parse_args(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_cpp: %s needs a value\n", k.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (k == "--households") a.households = std::stoull(val());
    else if (k == "--chunk") a.chunk = std::stoull(val());
    else if (k == "--piece") a.piece = static_cast<std::size_t>(std::stoull(val()));
    else if (k == "--year") a.gen.year = std::stoi(val());
    else if (k == "--seed") a.gen.seed = std::stoull(val());
    else if (k == "--profile") a.gen.profile = val() == "lille" ? solen::gen::Profile::lille : solen::gen::Profile::national;
    else if (k == "--as-of") {
      a.as_of = Date::parse(val());
      if (!a.as_of) return false;
    } else if (k == "--threads") {
      a.threads.clear();
      std::string v = val();
      for (std::size_t p = 0; p < v.size();) {
        std::size_t c = v.find(',', p);
        if (c == std::string::npos) c = v.size();
        a.threads.push_back(static_cast<unsigned>(std::stoul(v.substr(p, c - p))));
        p = c + 1;
      }
    } else if (k == "--repeat") a.repeat = std::stoi(val());
    else if (k == "--verify") a.verify = std::stoull(val());
    else if (k == "--tsv") a.tsv = true;
    else if (k == "--modes") {
      std::string v = val();
      a.modes = (v.find("batch") != std::string::npos ? 1u : 0u) | (v.find("loop") != std::string::npos ? 2u : 0u) |
                (v.find("native") != std::string::npos ? 4u : 0u);
    }
    else return false;
  }
  if (a.chunk == 0 || a.repeat < 1) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: bench_cpp [--households N] [--chunk C] [--piece P] [--year Y] [--profile national|lille]\n"
                 "                 [--seed S] [--as-of YYYY-MM-DD] [--threads 1,2] [--repeat R]\n"
                 "                 [--verify K] [--modes batch,loop,native] [--tsv]\n");
    return 2;
  }
  const Date as_of = args.as_of.value_or(solen::gen::reference_date(args.gen.year));
  const solen::Engine engine = solen::Engine::embedded();
  const solen::gen::Generator gen(args.gen);
  solen::EvalOptions eo;
  eo.reasons = false;
  eo.as_of = as_of;

  const std::size_t chunk = static_cast<std::size_t>(std::min(args.chunk, args.households));
  std::vector<Household> hs(chunk);
  const unsigned max_threads = *std::max_element(args.threads.begin(), args.threads.end());

  enum Mode { batch, loop, native, modes };
  const char* mode_names[modes] = {"engine evaluate_batch", "engine evaluate_into loop", "hand-written function"};
  std::vector<std::vector<double>> best(modes, std::vector<double>(args.threads.size(), 0.0));
  std::vector<std::vector<double>> best_cpu(modes, std::vector<double>(args.threads.size(), 0.0));
  double gen_seconds = 0;
  Agreement agree;

  for (std::uint64_t start = 0; start < args.households; start += chunk) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, args.households - start));
    hs.resize(n);
    auto t0 = Clock::now();
    on_threads(n, max_threads, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t i = b; i < e; ++i) gen.household(start + i, hs[i]);
    });
    gen_seconds += seconds_since(t0);

    // Agreement on the first `verify` households.
    if (start < args.verify) {
      Decision d;
      solen::bench::NativeDecision nd;
      const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, args.verify - start));
      for (std::size_t i = 0; i < k; ++i) {
        engine.evaluate_into(hs[i], hs[i].as_of.value_or(as_of), d, eo);
        solen::bench::decide(hs[i], as_of, nd);
        compare(hs[i], d, nd, agree);
      }
    }

    for (std::size_t ti = 0; ti < args.threads.size(); ++ti) {
      const unsigned threads = args.threads[ti];
      for (int m = 0; m < modes; ++m) {
        if (!((args.modes >> m) & 1u)) continue;
        // Repeats only when the whole caseload is one chunk; otherwise times add up per chunk.
        const int reps = n == args.households ? args.repeat : 1;
        double fastest = 1e300, fastest_cpu = 0;
        std::uint64_t sink = 0;
        for (int r = 0; r < reps; ++r) {
          auto t1 = Clock::now();
          const double c1 = cpu_seconds();
          auto done = [&] {
            const double w = seconds_since(t1);
            if (w < fastest) fastest = w, fastest_cpu = cpu_seconds() - c1;
          };
          if (m == batch) {
            solen::BatchOptions bo;
            bo.eval = eo;
            bo.threads = threads;
            // The streaming batch: decisions handed over in input order from a ring of reused pieces.
            engine.evaluate_batch(hs.data(), hs.size(), as_of,
                                  [&](std::size_t, const Decision* ds, std::size_t k) {
                                    for (std::size_t i = 0; i < k; ++i)
                                      sink += static_cast<std::uint64_t>(ds[i].orientation.route) +
                                              static_cast<std::uint64_t>(ds[i].cheque_energie.amount ? ds[i].cheque_energie.amount->cents() : 0);
                                  },
                                  bo, args.piece);
            done();
          } else {
            std::vector<std::uint64_t> sinks(threads, 0);
            on_threads(n, threads, [&](std::size_t b, std::size_t e, unsigned t) {
              if (m == loop) {
                Decision d;
                for (std::size_t i = b; i < e; ++i) {
                  engine.evaluate_into(hs[i], hs[i].as_of.value_or(as_of), d, eo);
                  sinks[t] += static_cast<std::uint64_t>(d.orientation.route) +
                              static_cast<std::uint64_t>(d.cheque_energie.amount ? d.cheque_energie.amount->cents() : 0);
                }
              } else {
                solen::bench::NativeDecision d;
                for (std::size_t i = b; i < e; ++i) {
                  solen::bench::decide(hs[i], as_of, d);
                  sinks[t] += d.route + static_cast<std::uint64_t>(d.cheque_amount);
                }
              }
            });
            done();
            for (auto s : sinks) sink += s;
          }
        }
        if (sink == 42) std::fputs("", stderr);  // keeps the work observable
        best[static_cast<std::size_t>(m)][ti] += fastest;
        best_cpu[static_cast<std::size_t>(m)][ti] += fastest_cpu;
      }
    }
  }

  const double n = static_cast<double>(args.households);
  const char* profile = args.gen.profile == solen::gen::Profile::lille ? "lille" : "national";
  if (args.tsv) {
    for (int m = 0; m < modes; ++m)
      for (std::size_t ti = 0; ti < args.threads.size(); ++ti)
        if ((args.modes >> m) & 1u) std::printf("cpp\t%s\t%s\t%d\t%llu\t%u\t%.3f\t%.0f\t%ld\t%.3f\n", mode_names[m], profile, args.gen.year,
                    static_cast<unsigned long long>(args.households), args.threads[ti],
                    best[static_cast<std::size_t>(m)][ti], n / best[static_cast<std::size_t>(m)][ti], peak_rss_kb() / 1024,
                    best_cpu[static_cast<std::size_t>(m)][ti]);
    std::printf("gen\tgenerator (Household structs)\t%s\t%d\t%llu\t%u\t%.3f\t%.0f\t%ld\t\n", profile, args.gen.year,
                static_cast<unsigned long long>(args.households), max_threads, gen_seconds, n / gen_seconds,
                peak_rss_kb() / 1024);
  } else {
    std::printf("C++ batch benchmark: %llu households (%s profile, year %d, as of %s, chunks of %zu), reasons off\n",
                static_cast<unsigned long long>(args.households), profile, args.gen.year, as_of.to_string().c_str(), chunk);
    std::printf("  generation: %.2f s (%.0f households/s on %u threads)\n", gen_seconds, n / gen_seconds, max_threads);
    std::printf("  %-28s %8s %10s %10s %16s\n", "mode", "threads", "seconds", "CPU s", "households/s");
    for (int m = 0; m < modes; ++m)
      for (std::size_t ti = 0; ti < args.threads.size(); ++ti)
        if ((args.modes >> m) & 1u) std::printf("  %-28s %8u %10.3f %10.3f %16.0f\n", mode_names[m], args.threads[ti],
                    best[static_cast<std::size_t>(m)][ti], best_cpu[static_cast<std::size_t>(m)][ti],
                    n / best[static_cast<std::size_t>(m)][ti]);
    for (std::size_t ti = 0; ti < args.threads.size() && (args.modes & 6u) == 6u; ++ti)
      std::printf("  engine loop / hand-written on %u thread(s): %.2fx slower\n", args.threads[ti],
                  best[loop][ti] / best[native][ti]);
    std::printf("  peak RSS: %ld MB (includes the %zu households in memory)\n",
                peak_rss_kb() / 1024, chunk);
  }
  std::FILE* ao = args.tsv ? stderr : stdout;
  std::fprintf(ao, "agreement of the hand-written function with the engine on %llu households: %.4f %% identical\n",
               static_cast<unsigned long long>(agree.total),
               agree.total ? 100.0 * static_cast<double>(agree.all_same) / static_cast<double>(agree.total) : 0.0);
  for (int i = 0; i < Agreement::fields; ++i)
    std::fprintf(ao, "  %-40s %8.4f %%\n", agree.names[i],
                 agree.total ? 100.0 * static_cast<double>(agree.same[i]) / static_cast<double>(agree.total) : 0.0);
  for (const std::string& e : agree.examples) std::fprintf(ao, "  differs: %s\n", e.c_str());
  return agree.total && agree.all_same != agree.total ? 3 : 0;
}
