// The engine: an immutable, thread-safe evaluator built from a compiled rule pack.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solen/date.hpp"
#include "solen/decision.hpp"
#include "solen/household.hpp"
#include "solen/household_parser.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {

struct EvalOptions {
  bool reasons = true;               ///< off for bulk runs: answers are identical, no reason built
  std::optional<Date> as_of;         ///< default date; a household's own as_of wins
  ParseLimits limits;                ///< line size, depth, members
};

struct BatchOptions {
  EvalOptions eval;
  unsigned threads = 0;  ///< 0 = hardware concurrency
  /// Called from the calling thread with the number of households done so far.
  std::function<void(std::size_t done)> progress;
};

class Engine {
 public:
  /// Engine over the rule pack embedded at build time.
  static Engine embedded();
  /// Engine over a JSON rule pack. Throws solen::Error (kind rules) listing every problem;
  /// an engine is never half-built.
  static Engine from_json(std::string_view pack_json);
  static Engine from_file(const std::string& path);

  const PackInfo& pack() const;
  const CompiledPack& compiled() const { return *pack_; }

  /// Typed evaluation. `out` is cleared and refilled; no JSON and no string work happens here
  /// beyond copying the household id.
  void evaluate_into(const Household& h, Date as_of, Decision& out, const EvalOptions& o) const;
  Decision evaluate(const Household& h, Date as_of, const EvalOptions& o = {}) const;

  /// Evaluates many households on `threads` threads; results in input order, identical whatever
  /// the thread count.
  std::vector<Decision> evaluate_batch(const std::vector<Household>& households, Date as_of,
                                       const BatchOptions& o = {}) const;

  /// Receives decisions in input order, a run of whole pieces at a time, on the calling thread:
  /// `first` is the input index of decisions[0]. The decisions are reused once the sink returns.
  using DecisionSink = std::function<void(std::size_t first, const Decision* decisions, std::size_t count)>;

  /// Streaming batch: evaluates `count` households on `threads` threads, `piece` households at
  /// a time, and hands the decisions to `sink` in input order while the threads go on. Memory
  /// stays flat whatever the count: the pieces flow through a ring of 2 x threads reused pieces
  /// of Decisions (nothing is allocated per household once warm; about 0.5 MB of Decisions
  /// per thread with the default piece); results are identical whatever the thread count or
  /// piece size. `progress` is called after each run handed over.
  void evaluate_batch(const Household* households, std::size_t count, Date as_of,
                      const DecisionSink& sink, const BatchOptions& o = {},
                      std::size_t piece = 256) const;

  /// One household as JSON text. Returns true and sets `decision_json` on success. On a
  /// household that cannot be read, returns false, fills `err` and sets `decision_json` to the
  /// error decision ({"id", "status": "error", "error": {...}}).
  bool evaluate_json(std::string_view household_json, std::string& decision_json,
                     DecisionError& err, const EvalOptions& o = {}) const;

  /// JSON Lines in, JSON Lines out: exactly one decision per non-blank line, in order, errors
  /// as error decisions. Appends to `out`.
  void evaluate_jsonl(std::string_view jsonl, std::string& out, const BatchOptions& o = {}) const;

  /// Serialises a decision in output format 1.
  void write_json(const Decision& d, std::string& out, bool reasons) const;

 private:
  explicit Engine(std::shared_ptr<const CompiledPack> p) : pack_(std::move(p)) {}
  std::shared_ptr<const CompiledPack> pack_;
};

}  // namespace v1
}  // namespace solen

#include "solen/detail/engine_impl.hpp"
