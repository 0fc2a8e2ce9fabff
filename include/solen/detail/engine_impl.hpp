// Inline implementation of solen::Engine: construction, the evaluation pipeline, JSON entry
// points and the multi-threaded batch paths.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "solen/decision_writer.hpp"
#include "solen/detail/evaluate_debt.hpp"
#include "solen/detail/evaluate_orientation.hpp"
#include "solen/detail/evaluate_protections.hpp"
#include "solen/detail/rights_memo.hpp"
#include "solen/detail/evaluate_rights.hpp"
#include "solen/detail/fact_builder.hpp"
#include "solen/detail/piece_ring.hpp"
#include "solen/rulepack_loader.hpp"

namespace solen {
inline namespace v1 {

namespace detail {
// Field by field, like Household::clear: assigning fresh values moved every list out and back,
// and the wide reloads of just-stored vector pointers stalled on store forwarding (4 % of an
// evaluation). The size checks make a new field fail to compile until it is cleared here.
inline void reset(TariffAnswer& t) {
  SOLEN_DETAIL_CHECK_CLEARED(TariffAnswer, 128);
  t.status = TariffStatus::not_in_force;
  t.amount.reset();
  t.reduction_rate.reset();
  t.uc.reset();
  t.income_ratio.reset();
  t.missing = MissingSet{};
  t.reasons.clear();
}

inline void reset(Protections& p) {
  SOLEN_DETAIL_CHECK_CLEARED(Protections, 88);
  p.winter_truce.reset();
  p.cut_allowed.reset();
  p.power_reduction_allowed.reset();
  p.notice_days.reset();
  p.reduced_power_min_kva.reset();
  p.days_at_1kva_before_cut.reset();
  p.rebates.clear();
  p.missing = MissingSet{};
  p.reasons.clear();
}

inline void reset(ScheduleAnswer& s) {
  SOLEN_DETAIL_CHECK_CLEARED(ScheduleAnswer, 128);
  s.present = false;
  s.kind = PlanKind::cme;
  s.debt = Money();
  s.deductions = Money();
  s.plan = Schedule{};
  s.effort_rate.reset();
  s.affordable.reset();
  s.missing = MissingSet{};
  s.reasons.clear();
}

inline void reset(ExistingPlanAnswer& e) {
  SOLEN_DETAIL_CHECK_CLEARED(ExistingPlanAnswer, 168);
  e.present = false;
  e.assessment = PlanAssessment{};
  e.has_reschedule = false;
  e.reschedule = Schedule{};
  e.reasons.clear();
}

inline void reset(Orientation& o) {
  SOLEN_DETAIL_CHECK_CLEARED(Orientation, 64);
  o.route = Route::letter;
  o.urgency = Urgency::normal;
  o.measures.clear();
  o.missing = MissingSet{};
  o.reasons.clear();
}
}  // namespace detail

/// Resets every answer but keeps the capacity of every list, so a reused Decision allocates
/// nothing once warm.
inline void Decision::clear() {
  SOLEN_DETAIL_CHECK_CLEARED(Decision, 1040);
  id.clear();
  id_known = true;
  status = DecisionStatus::ok;
  as_of = Date();
  detail::reset(cheque_energie);
  detail::reset(tpn);
  detail::reset(tss);
  exceptional.clear();
  detail::reset(protections);
  detail::reset(schedule);
  detail::reset(existing_plan);
  detail::reset(orientation);
  warnings.clear();
  pack_warnings.clear();
  error.code.clear();
  error.path.clear();
  error.message.clear();
}

namespace detail {
inline Date today() { return Date(boost::gregorian::day_clock::local_day()); }

/// Splits [0, n) into `parts` contiguous ranges and runs fn(begin, end, part) on threads.
template <class Fn>
void parallel_ranges(std::size_t n, unsigned parts, Fn&& fn) {
  if (parts <= 1 || n < 2) {
    fn(std::size_t{0}, n, 0u);
    return;
  }
  std::vector<std::thread> pool;
  std::size_t step = (n + parts - 1) / parts;
  for (unsigned t = 1; t < parts && t * step < n; ++t)
    pool.emplace_back([&, t] { fn(t * step, std::min(n, (t + 1) * step), t); });
  fn(0, std::min(n, step), 0u);
  for (std::thread& th : pool) th.join();
}

inline unsigned thread_count(unsigned requested) {
  if (requested) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? hw : 1;
}
}  // namespace detail

inline Engine Engine::embedded() { return from_json(embedded_rulepack_json); }

inline Engine Engine::from_json(std::string_view pack_json) {
  auto compiled = load_rulepack(pack_json);
  return Engine(compiled);
}

inline Engine Engine::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::io, "unreadable_file", "", "cannot read rule pack file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return from_json(ss.str());
}

inline const PackInfo& Engine::pack() const { return pack_->info; }

namespace detail {
/// The warning of an RFR of another year than the one expected (one household in twelve of a
/// caseload): built once per pack and expected year on each thread, then copied.
inline const std::string& rfr_year_message(const CompiledPack& p, std::int64_t expected) {
  thread_local std::uint64_t serial = 0;
  thread_local std::int64_t year = 0;
  thread_local std::string text;
  if (serial != p.serial || year != expected || text.empty()) {
    serial = p.serial;
    year = expected;
    text = p.label(LabelKey::rfr_year_mismatch).text + " (attendu : " + std::to_string(expected) + ")";
  }
  return text;
}
}  // namespace detail

inline void Engine::evaluate_into(const Household& h, Date as_of, Decision& d,
                                  const EvalOptions& o) const {
  d.clear();
  d.id = h.id;
  d.as_of = as_of;
  if (h.objection) {
    d.status = DecisionStatus::excluded;
    return;
  }
  const CompiledPack& p = *pack_;
  thread_local FactFrame frame;
  thread_local std::vector<const Rule*> rows;
  if (!detail::frame_on(frame, as_of)) detail::set_date_facts(frame, as_of);  // kept from the last household
  detail::DayPlan& plan = detail::day_plan(p, as_of, frame);
  if (plan.count_use()) {
    detail::build_rights_memo(p, as_of, plan, frame);
    detail::build_protections_memo(p, as_of, plan, frame);
    detail::build_route_memo(p, as_of, plan, frame);
  }
  detail::build_facts(h, as_of, plan, frame);
  detail::StageContext c{p, as_of, frame, o.reasons, d.pack_warnings, rows, plan, {}};
  detail::evaluate_rights(c, d);
  detail::evaluate_protections(h, c, d);
  detail::evaluate_debt(h, c, d);
  detail::evaluate_orientation(c, d);
  if (h.rfr_year && d.cheque_energie.status != TariffStatus::not_in_force) {
    if (const auto* off = plan.parameters().cheque_rfr_year_offset) {
      std::int64_t expected = plan.year() + off->value;
      if (*h.rfr_year != expected)
        d.warnings.push_back({"rfr_year_mismatch", "/income/rfr_year", detail::rfr_year_message(p, expected)});
    }
  }
  if (p.reviewed_on && as_of > *p.reviewed_on)
    d.warnings.push_back({"rules_not_reviewed", "/as_of",
                          "the rule pack was checked against the law up to " + p.reviewed_on->to_string()});
}

inline Decision Engine::evaluate(const Household& h, Date as_of, const EvalOptions& o) const {
  Decision d;
  evaluate_into(h, as_of, d, o);
  return d;
}

inline std::vector<Decision> Engine::evaluate_batch(const std::vector<Household>& hs, Date as_of,
                                                    const BatchOptions& o) const {
  std::vector<Decision> out(hs.size());
  detail::parallel_ranges(hs.size(), detail::thread_count(o.threads), [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) evaluate_into(hs[i], hs[i].as_of.value_or(as_of), out[i], o.eval);
  });
  if (o.progress) o.progress(hs.size());
  return out;
}

inline void Engine::evaluate_batch(const Household* hs, std::size_t count, Date as_of,
                                   const DecisionSink& sink, const BatchOptions& o,
                                   std::size_t piece) const {
  // Pieces flow through a ring of 2 x threads slots, two per thread (see PieceRing): each
  // thread has a piece in hand and a finished one may wait for the sink. No thread waits for the
  // others at the end of a step, and the Decisions in flight (about 1 KB each) stay bounded.
  if (count == 0) return;
  const unsigned threads = detail::thread_count(o.threads);
  piece = std::max<std::size_t>(piece, 1);
  const std::size_t pieces = (count + piece - 1) / piece;
  const std::size_t slots = std::min<std::size_t>(2 * std::size_t{threads}, pieces);
  std::vector<Decision> ring(slots * piece);
  detail::PieceRing pieces_ring(pieces, slots, threads - 1);
  pieces_ring.run(
      [&](std::size_t k, std::size_t slot) {
        const std::size_t first = k * piece, n = std::min(piece, count - first);
        Decision* out = ring.data() + slot * piece;
        for (std::size_t i = 0; i < n; ++i) {
          if (i + 4 < n) {  // the struct's own lines, four households ahead
            const char* next = reinterpret_cast<const char*>(&hs[first + i + 4]);
            for (std::size_t b = 0; b < sizeof(Household); b += 64) __builtin_prefetch(next + b);
          }
          if (i + 2 < n) {  // the first line of the lists fact building reads first, two ahead
            const Household& ahead = hs[first + i + 2];  // (its struct is in cache by now)
            __builtin_prefetch(ahead.members.data());
            __builtin_prefetch(ahead.contact_attempts.data());
            __builtin_prefetch(ahead.aids.data());
          }
          const Household& h = hs[first + i];
          evaluate_into(h, h.as_of.value_or(as_of), out[i], o.eval);
        }
      },
      [&](std::size_t k, std::size_t n) {
        const std::size_t first = k * piece, last = std::min(count, (k + n) * piece);
        sink(first, ring.data() + (k % slots) * piece, last - first);
        if (o.progress) o.progress(last);
      });
}

namespace detail {
/// Per-thread reusable state of the JSON paths: nothing is allocated per household once warm.
struct EvalScratch {
  Household household;
  ParseOutcome outcome;
  Decision decision;
};
inline EvalScratch& scratch() {
  thread_local EvalScratch s;
  return s;
}
}  // namespace detail

namespace detail {
/// Parses, evaluates and appends one decision line's JSON (without newline) to `out`, a
/// std::string or a ByteBlock. Returns the decision, owned by this thread and valid until its
/// next call.
template <class Out>
const Decision& evaluate_text(const Engine& e, std::string_view in, Out& out, const EvalOptions& o) {
  EvalScratch& s = scratch();
  if (!parse_household(in, s.household, s.outcome, o.limits)) {
    s.decision.clear();
    s.decision.status = DecisionStatus::error;
    s.decision.id_known = s.outcome.id_known;
    s.decision.id = s.outcome.id_known ? s.household.id : std::string();
    s.decision.error = s.outcome.error;
    write_decision(s.decision, e.compiled(), out, o.reasons);
    return s.decision;
  }
  Date as_of = s.household.as_of ? *s.household.as_of : o.as_of ? *o.as_of : today();
  e.evaluate_into(s.household, as_of, s.decision, o);
  constexpr std::size_t max_warnings = 100;  // a line of 100,000 unknown keys must stay cheap
  for (std::size_t i = 0; i < s.outcome.warnings.size() && i < max_warnings; ++i)
    s.decision.warnings.push_back(std::move(s.outcome.warnings[i]));
  if (s.outcome.warnings.size() > max_warnings)
    s.decision.warnings.push_back({"warnings_truncated", "", std::to_string(s.outcome.warnings.size() - max_warnings) + " more warnings not shown"});
  if (!s.household.as_of && !o.as_of)
    s.decision.warnings.push_back({"as_of_defaulted", "/as_of", "no evaluation date given: today's date was used"});
  write_decision(s.decision, e.compiled(), out, o.reasons);
  return s.decision;
}
}  // namespace detail

inline bool Engine::evaluate_json(std::string_view in, std::string& out, Issue& err,
                                  const EvalOptions& o) const {
  out.clear();
  const Decision& d = detail::evaluate_text(*this, in, out, o);
  if (d.status == DecisionStatus::error) {
    err = d.error;
    return false;
  }
  return true;
}

inline void Engine::write_json(const Decision& d, std::string& out, bool reasons) const {
  detail::write_decision(d, *pack_, out, reasons);
}

namespace detail {
inline bool blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}
}  // namespace detail

inline void Engine::evaluate_jsonl(std::string_view in, std::string& out, const BatchOptions& o) const {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < in.size();) {
    std::size_t nl = in.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? in.size() : nl;
    std::string_view line = in.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!detail::blank(line)) lines.push_back(line);
    pos = end + 1;
  }
  unsigned parts = detail::thread_count(o.threads);
  if (lines.size() < 64) parts = 1;
  std::vector<detail::ByteBlock> chunks(parts);
  detail::parallel_ranges(lines.size(), parts, [&](std::size_t b, std::size_t e, unsigned t) {
    for (std::size_t i = b; i < e; ++i) {
      detail::evaluate_text(*this, lines[i], chunks[t], o.eval);
      chunks[t].push_back('\n');
    }
  });
  for (const detail::ByteBlock& c : chunks) out.append(c.data(), c.size());
  if (o.progress) o.progress(lines.size());
}

}  // namespace v1
}  // namespace solen
