// Builds a stage memo by running the stage itself on a representative of every combination of
// the facts its tables read, and reads a household's entry back.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <iterator>
#include <memory>

#include "solen/detail/evaluate_rights.hpp"
#include "solen/detail/stage_memo.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Memos a thread keeps at most (the default pack's are about 60 KB for the protections and
/// 100 KB for the route), so that a caseload spread over many busy days keeps its memory flat.
inline constexpr int max_live_stage_memos = 32;
/// Combinations a memo answers at most: beyond, building it would cost more than it saves.
inline constexpr std::size_t max_memo_combinations = std::size_t{1} << 13;

/// A step of a stage, in the stage's order: a table it evaluates (or null), a fact it then sets
/// for later tables, a fact it reads itself (Fact::count: none).
struct MemoStep {
  const Table* table;
  Fact sets = Fact::count;
  Fact reads = Fact::count;
};

/// Builds `m` for `plan`'s day `d`: `run(context, outcome)` evaluates the stage on a frame
/// holding a representative of each combination (`day_frame` holds the date facts of `d`).
/// Leaves it unusable when a table is not indexed, reads a fact by code, reads a fact the stage
/// sets before it is set, notes version warnings that vary, or the combinations are too many.
template <class Outcome, class Run>
void build_stage_memo(StageMemo<Outcome>& m, const CompiledPack& p, Date d, const DayPlan& plan,
                      const FactFrame& day_frame, const std::vector<MemoStep>& steps, Run&& run) {
  m.clear();
  if (live_stage_memos() >= max_live_stage_memos) return;
  MemoPartition partition;
  // A fact set by an earlier step follows from the other columns; one set by this or a later
  // step would be read as the previous household left it: no memo.
  auto set_at = [&](Fact f) -> std::size_t {
    auto setter = std::find_if(steps.begin(), steps.end(), [&](const MemoStep& s) { return s.sets == f; });
    return static_cast<std::size_t>(setter - steps.begin());
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].reads != Fact::count) {
      const std::size_t set = set_at(steps[i].reads);
      if (set < steps.size() ? set >= i : !partition.add_fact(steps[i].reads)) return;
    }
    if (!steps[i].table) continue;
    const TablePlan& tp = plan.of(*steps[i].table);
    if (!tp.version || tp.answered) continue;
    if (!tp.version->index.usable) return;
    // The columns read that day: those constraining none of the day's rows cannot change it.
    const LookupColumns read = tp.lookup_base >= 0 ? tp.columns : LookupColumns::of(tp.version->index, -1);
    for (const ColumnIndex* col = read.data; col != read.data + read.size; ++col) {
      const std::size_t set = set_at(col->fact);
      if (set < steps.size() ? set >= i : !partition.add(*col)) return;
    }
  }
  if (!partition.finish(max_memo_combinations)) return;

  auto frame = std::make_unique<FactFrame>(day_frame);
  std::vector<std::pair<std::string_view, std::string_view>> warnings;
  std::vector<const Rule*> rows;
  m.outcomes.resize(partition.combinations);
  for (std::size_t at = 0; at < partition.combinations; ++at) {
    partition.represent(at, *frame);
    warnings.clear();
    StageContext sc{p, d, *frame, false, warnings, rows, plan, {}};
    run(sc, m.outcomes[at]);
    if (at == 0) m.warnings = warnings;
    else if (warnings != m.warnings) return m.clear();  // depends on the household: not memoized
  }
  m.partition = std::move(partition);
  m.usable = true;
  ++live_stage_memos();
}

/// The entry of `c.frame` in a usable memo, its warnings noted; null when a fact lies outside
/// the memo's domain (the stage then runs its tables).
template <class Outcome>
const Outcome* memo_entry(const StageMemo<Outcome>& m, StageContext& c) {
  const long at = m.partition.index(c.frame);
  if (at < 0) return nullptr;
  for (const auto& [code, message] : m.warnings) note_warning(code, message, c.warnings);
  return &m.outcomes[static_cast<std::size_t>(at)];
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
