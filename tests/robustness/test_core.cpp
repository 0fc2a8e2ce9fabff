// Robustness of the C++ API: the bad-household corpus through parse_household, evaluate_json and
// evaluate_jsonl; broken rule packs through check_rulepack and Engine::from_json; a shared
// engine under many threads (run it under TSan too), and byte-identical output whatever the
// thread count.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "rob_common.hpp"
#include "solen/detail/piece_ring.hpp"
#include "solen/engine.hpp"
#include "solen/household_parser.hpp"
#include "solen/rulepack_loader.hpp"

using namespace solen;

namespace {

const Engine& engine() {
  static const Engine e = Engine::embedded();
  return e;
}

EvalOptions eval_options() {
  EvalOptions o;
  o.as_of = Date::parse("2020-01-15");
  return o;
}

BatchOptions batch_options(unsigned threads) {
  BatchOptions b;
  b.eval = eval_options();
  b.threads = threads;
  return b;
}

std::vector<std::pair<std::string, std::string>> pairs(const std::vector<Issue>& issues) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Issue& i : issues) out.emplace_back(i.code, i.path);
  return out;
}

std::string listing(const std::vector<Issue>& issues) {
  std::string s;
  for (const Issue& i : issues) s += "\n  " + i.path + ": " + i.message + " [" + i.code + "]";
  return s;
}

const std::string& caseload() {
  static const std::string text = rob::read_file(rob::fixtures + "/caseload.jsonl");
  return text;
}

}  // namespace

TEST_CASE("corpus: parse_household reports the expected code and path but never the value") {
  Household h;
  ParseOutcome o;
  for (const rob::Expectation& e : rob::corpus().expected) {
    CAPTURE(rob::describe(e));
    const bool ok = parse_household(rob::household_of(e), h, o);
    CHECK(ok == o.ok);
    if (e.status == "error") {
      CHECK_FALSE(ok);
      CHECK(o.error.code == e.code);
      CHECK(o.error.path == e.path);
      CHECK_FALSE(o.error.message.empty());
      CHECK_FALSE(rob::has_sentinel(o.error.message));
      CHECK(o.id_known == e.id.is_string());
      if (o.id_known && e.id.is_string()) CHECK(h.id == e.id.get<std::string>());
    } else {
      CHECK(ok);
      CHECK(h.id == e.id.get<std::string>());
      CHECK(h.objection == (e.status == "excluded"));
    }
    for (const Issue& w : o.warnings) CHECK_FALSE(rob::has_sentinel(w.message));
  }
}

TEST_CASE("corpus: Engine::evaluate_json one household at a time") {
  std::string out;
  for (const rob::Expectation& e : rob::corpus().expected) {
    CAPTURE(rob::describe(e));
    DecisionError err;
    const bool ok = engine().evaluate_json(rob::household_of(e), out, err, eval_options());
    CHECK(ok == (e.status != "error"));
    CHECK(rob::check_decision(e, out) == "");
    if (!ok) {
      CHECK(err.code == e.code);
      CHECK(err.path == e.path);
    }
  }
}

TEST_CASE("corpus: Engine::evaluate_jsonl keeps one decision per line in order at any thread count") {
  std::string one, four, eight;
  engine().evaluate_jsonl(rob::corpus().text, one, batch_options(1));
  engine().evaluate_jsonl(rob::corpus().text, four, batch_options(4));
  engine().evaluate_jsonl(rob::corpus().text, eight, batch_options(8));
  for (const std::string& problem : rob::check_output(one)) FAIL_CHECK(problem);
  const bool same4 = one == four, same8 = one == eight;
  CHECK(same4);
  CHECK(same8);
  // Appends: a second call adds the same lines after the first ones.
  std::string twice = one;
  engine().evaluate_jsonl(rob::corpus().text, twice, batch_options(2));
  const bool appended = twice == one + one;
  CHECK(appended);
}

TEST_CASE("corpus: the batch gives each line the decision it gets alone") {
  std::string batch;
  engine().evaluate_jsonl(rob::corpus().text, batch, batch_options(2));
  const std::vector<std::string> lines = rob::split_lines(batch);
  REQUIRE(lines.size() == rob::corpus().expected.size());
  std::string alone;
  DecisionError err;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const rob::Expectation& e = rob::corpus().expected[i];
    CAPTURE(rob::describe(e));
    engine().evaluate_json(rob::household_of(e), alone, err, eval_options());
    CHECK(alone == lines[i]);
  }
}

TEST_CASE("corpus: tighter limits turn valid lines into errors of their own") {
  BatchOptions b = batch_options(1);
  b.eval.limits.max_members = 2;
  b.eval.limits.max_list_items = 3;
  b.eval.limits.max_depth = 4;
  b.eval.limits.max_bytes = 200;
  const std::string in =
      R"({"id":"L1","members":[{"role":"declarant"},{"role":"spouse"},{"role":"child"}]})" "\n"
      R"({"id":"L2","members":[{"role":"declarant"}],"benefits":["rsa","acs","css","aah"]})" "\n"
      R"({"id":"L3","members":[{"role":"declarant"}],"x":[[[[1]]]]})" "\n"  // 5 levels
      R"({"id":"L4","members":[{"role":"declarant"}],"x":")" + std::string(200, 'y') + "\"}\n"
      R"({"id":"L5","members":[{"role":"declarant"}]})" "\n";
  std::string out;
  engine().evaluate_jsonl(in, out, b);
  const std::vector<std::string> lines = rob::split_lines(out);
  REQUIRE(lines.size() == 5);
  const char* const codes[] = {"too_many_members", "too_many_items", "too_deep", "line_too_long"};
  for (int i = 0; i < 4; ++i) {
    const auto d = rob::json::parse(lines[static_cast<std::size_t>(i)]);
    CHECK(d.value("status", "") == "error");
    CHECK(d.value("error", rob::json::object()).value("code", "") == codes[i]);
  }
  CHECK(rob::json::parse(lines[4])["status"] == "ok");
}

// ---- rule packs ------------------------------------------------------------------------------

TEST_CASE("packs: check_rulepack lists each problem with its JSON path") {
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    std::vector<Issue> issues;
    try {
      issues = check_rulepack(p.text());
    } catch (const std::exception& x) {  // `solen check` would die of it
      FAIL_CHECK("check_rulepack threw " << std::string(x.what()));
      continue;
    }
    CAPTURE(listing(issues));
    CHECK_FALSE(issues.empty());
    for (const rob::json& want : p.issues) {
      CAPTURE(want.dump());
      CHECK(rob::reports(pairs(issues), want));
    }
    for (const Issue& i : issues) {
      CHECK_FALSE(i.code.empty());
      CHECK_FALSE(i.message.empty());
      CHECK((i.path.empty() || i.path[0] == '/'));
    }
  }
  CHECK(check_rulepack(rob::read_file(rob::valid_pack_path())).empty());
}

TEST_CASE("packs: Engine::from_json refuses a broken pack with solen::Error listing every problem") {
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    const std::string text = p.text();
    std::vector<Issue> issues;
    try {
      issues = check_rulepack(text);
    } catch (const std::exception&) {  // reported by the test above
    }
    bool threw_error = false;
    try {
      (void)Engine::from_json(text);
    } catch (const Error& e) {
      threw_error = true;
      const std::string what = e.what();
      CAPTURE(what);
      CHECK(e.kind() == ErrorKind::rules);
      CHECK_FALSE(e.code().empty());
      for (const Issue& i : issues) {
        CAPTURE(i.path + " " + i.code);
        CHECK(rob::text_reports(what, rob::json{{"code", i.code}, {"path", i.path}}));
      }
      for (const rob::json& want : p.issues) {
        CAPTURE(want.dump());
        CHECK(rob::text_reports(what, want));
      }
    } catch (const std::exception& e) {
      FAIL_CHECK("not a solen::Error: " << std::string(e.what()));
    }
    CHECK(threw_error);
  }
}

TEST_CASE("packs: an engine is never half-built and a failed load changes nothing") {
  const std::string household =
      R"({"id":"H","as_of":"2016-03-20","members":[{"role":"declarant","age":40}],"income":{"rfr":"9000","tax_parts":1},"debt":{"amount":"842.37","energy":"electricity","supplier":"EDF"}})";
  std::optional<Engine> e = Engine::from_file(rob::valid_pack_path());
  CHECK(e->pack().sha256 == engine().pack().sha256);
  std::string before, after;
  DecisionError err;
  REQUIRE(e->evaluate_json(household, before, err));
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    std::optional<Engine> f = e;  // shares the compiled pack
    CHECK_THROWS_AS(f = Engine::from_json(p.text()), Error);
    CHECK_THROWS_AS(f = Engine::from_file(p.path()), Error);
    REQUIRE(f.has_value());  // the old engine is untouched
    REQUIRE(f->evaluate_json(household, after, err));
    const bool unchanged = after == before;
    CHECK(unchanged);
  }
  try {
    (void)Engine::from_file(rob::fixtures + "/packs/no-such-pack.json");
    FAIL_CHECK("a missing file must throw");
  } catch (const Error& x) {
    CHECK(x.kind() == ErrorKind::io);
  }
}

TEST_CASE("packs: broken packs are refused while other threads evaluate") {
  std::string reference;
  engine().evaluate_jsonl(caseload(), reference, batch_options(1));
  int refused = 0;  // what a load in a quiet moment refuses (accepting one is reported above)
  for (const rob::PackCase& p : rob::broken_packs()) {
    try {
      (void)Engine::from_json(p.text());
    } catch (...) {
      ++refused;
    }
  }
  std::atomic<bool> stop{false};
  std::atomic<int> refusals{0};
  std::thread loader([&] {
    const std::vector<rob::PackCase> packs = rob::broken_packs();
    for (int round = 0; round < 2; ++round)
      for (const rob::PackCase& p : packs) {
        try {
          (void)Engine::from_json(p.text());
        } catch (...) {  // an exception other than solen::Error is reported above
          ++refusals;
        }
      }
    stop = true;
  });
  int passes = 0;
  do {
    std::string out;
    engine().evaluate_jsonl(caseload(), out, batch_options(2));
    const bool same = out == reference;
    CHECK(same);
    ++passes;
  } while (!stop);
  loader.join();
  CHECK(refusals == 2 * refused);
  CHECK(passes >= 1);
}

// ---- threads and determinism -------------------------------------------------------------------

TEST_CASE("threads: evaluate_jsonl over a caseload gives identical bytes with 1 and 8 threads") {
  const std::vector<std::string> in = rob::split_lines(caseload());
  std::string one, eight;
  engine().evaluate_jsonl(caseload(), one, batch_options(1));
  engine().evaluate_jsonl(caseload(), eight, batch_options(8));
  const bool identical = one == eight;
  CHECK(identical);
  const std::vector<std::string> out = rob::split_lines(one);
  REQUIRE(out.size() == in.size());
  std::size_t errors = 0, excluded = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const rob::json d = rob::json::parse(out[i]);
    char id[32];
    std::snprintf(id, sizeof id, "CL-%06zu", i);
    CHECK(d["id"] == id);
    errors += d["status"] == "error";
    excluded += d["status"] == "excluded";
  }
  CHECK(errors > 0);    // the caseload has a few invalid lines...
  CHECK(errors < out.size() / 20);  // ...and mostly valid ones
  CHECK(excluded > 0);
  // Reasons off: different bytes, same answers, still identical across thread counts.
  BatchOptions quiet1 = batch_options(1), quiet8 = batch_options(8);
  quiet1.eval.reasons = quiet8.eval.reasons = false;
  std::string q1, q8;
  engine().evaluate_jsonl(caseload(), q1, quiet1);
  engine().evaluate_jsonl(caseload(), q8, quiet8);
  const bool quiet_identical = q1 == q8;
  CHECK(quiet_identical);
}

namespace {
/// The valid households of the caseload, parsed.
std::vector<Household> typed_caseload() {
  std::vector<Household> hs;
  Household h;
  ParseOutcome o;
  for (const std::string& line : rob::split_lines(caseload()))
    if (parse_household(line, h, o)) hs.push_back(h);
  return hs;
}
}  // namespace

TEST_CASE("threads: evaluate_batch on typed households with 1 and 8 threads") {
  const std::vector<Household> hs = typed_caseload();
  REQUIRE(hs.size() > 1000);
  const Date as_of = *Date::parse("2020-01-15");
  BatchOptions b1 = batch_options(1), b8 = batch_options(8);
  std::size_t progress = 0;
  b8.progress = [&](std::size_t done) { progress = done; };
  const std::vector<Decision> d1 = engine().evaluate_batch(hs, as_of, b1);
  const std::vector<Decision> d8 = engine().evaluate_batch(hs, as_of, b8);
  REQUIRE(d1.size() == hs.size());
  REQUIRE(d8.size() == hs.size());
  CHECK(progress == hs.size());
  std::string s1, s8;
  for (std::size_t i = 0; i < hs.size(); ++i) {
    s1.clear();
    s8.clear();
    engine().write_json(d1[i], s1, true);
    engine().write_json(d8[i], s8, true);
    const bool same = s1 == s8;
    CHECK(same);
    CHECK(d1[i].id == hs[i].id);
  }
}

TEST_CASE("threads: the streaming evaluate_batch hands every decision over once, in order, with flat memory") {
  const std::vector<Household> hs = typed_caseload();
  REQUIRE(hs.size() > 1000);
  const Date as_of = *Date::parse("2020-01-15");
  const std::vector<Decision> reference = engine().evaluate_batch(hs, as_of, batch_options(1));
  for (unsigned threads : {1u, 3u, 8u})
    for (std::size_t piece : {std::size_t{1}, std::size_t{97}, std::size_t{4096}}) {
      CAPTURE(threads);
      CAPTURE(piece);
      BatchOptions b = batch_options(threads);
      std::size_t progress = 0, next = 0, mismatches = 0, bad_runs = 0;
      const Decision* lowest = nullptr;  // the span of Decisions handed over
      const Decision* highest = nullptr;
      b.progress = [&](std::size_t done) { progress = done; };
      std::string got, want;
      engine().evaluate_batch(hs.data(), hs.size(), as_of,
                              [&](std::size_t first, const Decision* ds, std::size_t k) {
                                if (first != next) ++mismatches;  // runs arrive in input order
                                // whole pieces, at most a ring of 2 x threads of them
                                if ((k % piece != 0 && first + k != hs.size()) || k == 0 || k > 2 * threads * piece) ++bad_runs;
                                if (!lowest || ds < lowest) lowest = ds;
                                if (!highest || ds + k > highest) highest = ds + k;
                                for (std::size_t i = 0; i < k; ++i) {
                                  got.clear();
                                  want.clear();
                                  engine().write_json(ds[i], got, true);
                                  engine().write_json(reference[first + i], want, true);
                                  if (got != want) ++mismatches;
                                }
                                next = first + k;
                              },
                              b, piece);
      CHECK(mismatches == 0);
      CHECK(bad_runs == 0);
      CHECK(next == hs.size());
      CHECK(progress == hs.size());
      // The decisions are reused from one ring: memory does not grow with the count.
      REQUIRE(lowest != nullptr);
      CHECK(static_cast<std::size_t>(highest - lowest) <= 2 * threads * piece);
    }
  // Nothing to evaluate: the sink is never called.
  std::size_t calls = 0;
  engine().evaluate_batch(hs.data(), 0, as_of, [&](std::size_t, const Decision*, std::size_t) { ++calls; });
  CHECK(calls == 0);
  // A sink that throws stops the batch: the helpers are joined and the exception reaches the
  // caller; the engine stays usable.
  for (unsigned threads : {1u, 3u}) {
    calls = 0;
    auto throwing = [&](std::size_t, const Decision*, std::size_t) {
      if (++calls == 2) throw std::runtime_error("sink full");
    };
    CHECK_THROWS_AS(engine().evaluate_batch(hs.data(), hs.size(), as_of, throwing, batch_options(threads), 16),
                    std::runtime_error);
    CHECK(calls == 2);
  }
  std::size_t handed = 0;
  engine().evaluate_batch(hs.data(), hs.size(), as_of, [&](std::size_t, const Decision*, std::size_t k) { handed += k; });
  CHECK(handed == hs.size());
}

TEST_CASE("threads: the piece ring hands every piece over once, in order, within its slots") {
  for (unsigned helpers : {0u, 1u, 3u}) {
    CAPTURE(helpers);
    constexpr std::size_t pieces = 2000, slots = 6;
    std::atomic<std::size_t> delivered{0}, ahead{0}, evaluated{0};
    std::vector<std::size_t> slot_of(pieces, slots);
    std::size_t out_of_order = 0;
    solen::detail::PieceRing ring(pieces, slots, helpers);
    ring.run(
        [&](std::size_t k, std::size_t slot) {
          if (k >= delivered.load() + slots) ++ahead;  // a slot still waiting for the sink
          slot_of[k] = slot;
          ++evaluated;
        },
        [&](std::size_t first, std::size_t n) {
          if (first != delivered.load() || n == 0 || n > slots) ++out_of_order;
          for (std::size_t k = first; k < first + n; ++k)
            if (slot_of[k] != k % slots || (k > first && slot_of[k] != slot_of[k - 1] + 1)) ++out_of_order;
          delivered += n;
        });
    CHECK(delivered == pieces);
    CHECK(evaluated == pieces);
    CHECK(out_of_order == 0);
    CHECK(ahead == 0);
  }
}

TEST_CASE("threads: with two slots per thread, each slot of the ring is always filled by the same thread") {
  for (unsigned helpers : {1u, 3u}) {
    CAPTURE(helpers);
    const std::size_t pieces = 3000, slots = 2 * (helpers + 1);
    std::vector<std::thread::id> filler(slots);
    std::vector<std::size_t> uses(slots, 0);
    std::mutex m;
    std::size_t foreign = 0, delivered = 0;
    solen::detail::PieceRing ring(pieces, slots, helpers);
    ring.run(
        [&](std::size_t, std::size_t slot) {
          std::lock_guard<std::mutex> lock(m);
          if (uses[slot]++ == 0) filler[slot] = std::this_thread::get_id();
          else if (filler[slot] != std::this_thread::get_id()) ++foreign;
        },
        [&](std::size_t, std::size_t n) { delivered += n; });
    CHECK(delivered == pieces);
    CHECK(foreign == 0);
    std::set<std::thread::id> threads(filler.begin(), filler.end());
    CHECK(threads.size() == helpers + 1);  // every thread took its share
  }
}

TEST_CASE("threads: a piece that throws stops the ring and the exception reaches the caller") {
  for (int round = 0; round < 50; ++round)
    for (unsigned helpers : {0u, 3u}) {
      CAPTURE(round);
      CAPTURE(helpers);
      std::size_t next = 0, after = 0;
      solen::detail::PieceRing ring(500, 8, helpers);
      auto work = [&](std::size_t k, std::size_t) {
        if (k == 37) throw std::runtime_error("piece 37");
      };
      auto deliver = [&](std::size_t first, std::size_t n) {
        if (first != next || first + n > 37) ++after;  // in order, never past the failure
        next = first + n;
      };
      CHECK_THROWS_WITH_AS(ring.run(work, deliver), "piece 37", std::runtime_error);
      CHECK(after == 0);
      CHECK(next <= 37);
    }
}

TEST_CASE("threads: 8 threads share one engine through evaluate_json and evaluate_jsonl") {
  std::string reference;
  engine().evaluate_jsonl(caseload(), reference, batch_options(1));
  const std::vector<std::string> want = rob::split_lines(reference);
  const std::vector<std::string> in = rob::split_lines(caseload());
  REQUIRE(want.size() == in.size());
  constexpr unsigned n = 8;
  std::vector<std::string> got(in.size());
  std::vector<std::string> batches(n);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) {
    pool.emplace_back([&, t] {
      std::string out;
      DecisionError err;
      for (std::size_t i = t; i < in.size(); i += n) {  // interleaved: neighbours on other threads
        engine().evaluate_json(in[i], out, err, eval_options());
        got[i] = out;
      }
      if (t % 2 == 0) engine().evaluate_jsonl(caseload(), batches[t], batch_options(2));
    });
  }
  for (std::thread& th : pool) th.join();
  std::size_t differ = 0;
  for (std::size_t i = 0; i < in.size(); ++i) differ += got[i] != want[i];
  CHECK(differ == 0);
  for (unsigned t = 0; t < n; t += 2) {
    const bool same = batches[t] == reference;
    CHECK(same);
  }
}
