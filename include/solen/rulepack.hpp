// The compiled rule pack: typed tables, cells as predicates over fact slots, dated parameters.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "solen/date.hpp"
#include "solen/detail/row_index.hpp"
#include "solen/facts.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"
#include "solen/schedule.hpp"

namespace solen {
inline namespace v1 {

/// One unary test. A cell is a disjunction of atoms, optionally negated ("not(...)").
enum class AtomOp : std::uint8_t { null, eq, ne, lt, le, gt, ge, interval, code_eq, in_bits };
struct Atom {
  AtomOp op = AtomOp::eq;
  bool lo_open = false, hi_open = false;
  Number a, b;             ///< numbers; dates and integers as integral Numbers
  std::int64_t bits = 0;   ///< enumeration values / set members (in_bits), booleans (eq on i)
  Code code;
};

/// How a cell is tested on a known value: most cells compile to one integer range or one bit
/// mask, tested without looking at their atoms.
enum class CellKind : std::uint8_t { general, int_range, bits, set_any };

struct Cell {
  Fact fact = Fact::date;
  bool any = true;      ///< "-": matches everything, known or not
  bool negate = false;
  CellKind kind = CellKind::general;
  std::int64_t lo = 0, hi = 0;  ///< int_range: lo <= value <= hi
  std::uint64_t mask = 0;       ///< bits: bit `value` set; set_any: value & mask != 0
  bool unknown_fails = false;  ///< column declared "unknown": "no_match": an unknown fact fails
  std::uint32_t first = 0, count = 0;  ///< atoms [first, first+count) of the version
};

enum class HitPolicy : std::uint8_t { unique, first, priority, collect };
/// What an unknown input does: to_verify (rights) or no_match (practice tables, which then
/// list the missing facts but still decide on what is known).
enum class UnknownPolicy : std::uint8_t { to_verify, no_match };
enum class OutputType : std::uint8_t { boolean, integer, money, number, enumeration, service_point, text };

struct OutputValue {
  bool is_null = true;
  std::int64_t i = 0;  ///< boolean, integer, enumeration index
  Money money;
  Number number;
  std::string text;    ///< enumeration name, service point id, text
};

struct OutputColumn {
  std::string name;
  OutputType type = OutputType::text;
  std::vector<std::string> values;  ///< enumeration
};

struct Rule {
  std::string id, label, reference, path;
  std::vector<Cell> cells;            ///< one per input column
  std::vector<Cell> tests;            ///< the cells that constrain (not "-"), evaluated in order
  std::vector<OutputValue> outputs;   ///< one per output column
  std::int64_t priority = 0;
};

struct TableVersion {
  Date from;
  std::optional<Date> to;  ///< inclusive; open-ended when absent
  std::string reference, source, path;
  std::string warning_code, warning_message;  ///< emitted whenever this version decides
  std::vector<Atom> atoms;
  std::vector<Rule> rules;
  detail::RowIndex index;  ///< built when the pack is loaded (see row_index_builder.hpp)
  bool covers(Date d) const { return from <= d && (!to || d <= *to); }
};

struct Table {
  std::string name, label, path;
  std::uint64_t serial = 0;  ///< unique in the process, never reused (keys per-thread memos)
  std::uint32_t index = 0;   ///< position in its pack's `tables` (slot in day plans)
  HitPolicy hit = HitPolicy::first;
  UnknownPolicy unknown = UnknownPolicy::to_verify;
  std::vector<Fact> inputs;
  std::vector<bool> input_unknown_fails;  ///< per input column (DMN null semantics)
  std::vector<OutputColumn> outputs;
  std::vector<TableVersion> versions;
  /// Output columns the engine reads for the table's role, resolved when the pack is bound
  /// (so evaluation never looks a column up by name): e.g. {amount, reduction_rate}.
  int role_col[2] = {-1, -1};
  const TableVersion* at(Date d) const {
    for (const TableVersion& v : versions)
      if (v.covers(d)) return &v;
    return nullptr;
  }
  int output_index(const std::string& n) const {
    for (std::size_t i = 0; i < outputs.size(); ++i)
      if (outputs[i].name == n) return static_cast<int>(i);
    return -1;
  }
};

/// A value of a parameter valid over [from, to].
template <class T>
struct Dated {
  struct Period {
    Date from;
    std::optional<Date> to;
    T value;
    std::string reference;
  };
  std::vector<Period> periods;
  const Period* at(Date d) const {
    for (const Period& p : periods)
      if (p.from <= d && (!p.to || d <= *p.to)) return &p;
    return nullptr;
  }
};

enum class Ranking : std::uint8_t { declarant_spouse_then_age_desc, openfisca_adjusted };
enum class Perimeter : std::uint8_t { menage, contract_holder };

/// A rank scale of consumption units: weight of the 1st, 2nd, … person (the last repeats).
struct UcScale {
  std::vector<Number> weights;
  Number alternating_factor{1, 2};
  Ranking ranking = Ranking::declarant_spouse_then_age_desc;
  /// totals[n]: the UC of n members none of whom is in alternating custody (the first n rank
  /// weights added up; ages do not matter then), for n up to the parser's member limit.
  std::vector<Number> totals;
};

/// A right (tariff or chèque): in force? eligible? how much? Each step is a table.
struct Scheme {
  std::string name, label, reference;
  const Table* in_force = nullptr;     ///< output "in_force" (boolean)
  const Table* eligibility = nullptr;  ///< optional; output "eligible" (boolean)
  const Table* amount = nullptr;       ///< optional; outputs "amount" (money) and/or "reduction_rate"
                                       ///< (collect: amounts are summed)
  std::optional<Fact> cap;             ///< the amount never exceeds this fact when it is known
};

/// French texts and references of the reasons given by C++ mechanisms (schedule, plan status),
/// resolved from the pack's "labels" at load time.
enum class LabelKey : std::uint8_t {
  schedule_cme, schedule_supplier_plan, schedule_affordable, schedule_unaffordable,
  plan_on_track, plan_late, plan_lapsed, plan_completed, rfr_year_mismatch, count
};
inline constexpr std::string_view label_keys[] = {
  "schedule.cme", "schedule.supplier_plan", "schedule.affordable", "schedule.unaffordable",
  "plan.on_track", "plan.late", "plan.lapsed", "plan.completed", "warning.rfr_year_mismatch"};
struct Label {
  std::string id, text, reference;
};

struct ServicePoint {
  std::string id, label, address, kind;
};

/// Identity of the rule pack behind every decision (for audit and replay).
struct PackInfo {
  std::string id;
  std::string version;
  std::string sha256;  ///< of the pack's bytes as loaded
  std::string title;
  int format = 1;
};

struct CompiledPack {
  std::uint64_t serial = 0;  ///< unique in the process, never reused (keys per-thread day plans)
  std::string id, version, title, sha256;
  std::string base_id, base_version, base_sha256;  ///< set when the pack extends the embedded one
  int format = 1;
  std::optional<Date> reviewed_on;  ///< values checked against the law up to this date
  std::deque<Table> tables;         ///< stable addresses
  std::map<std::string, ServicePoint> service_points;

  Scheme cheque, tpn, tss;
  std::vector<Scheme> exceptional;

  Dated<UcScale> cheque_uc, social_tariff_uc;
  Dated<Perimeter> cheque_perimeter;
  Dated<std::int64_t> cheque_rfr_year_offset;

  const Table *truce = nullptr, *cut = nullptr, *power_reduction = nullptr, *notice = nullptr,
              *reduced_power = nullptr, *cut_delay = nullptr, *rebates = nullptr;

  Dated<SchedulePolicy> cme_policy, supplier_plan_policy;
  Dated<Code> convention_supplier;
  Dated<Number> max_effort_rate;
  Dated<std::int64_t> lapse_after_missed, grace_days;

  const Table *route = nullptr, *urgency = nullptr, *measures = nullptr;
  Label labels[static_cast<int>(LabelKey::count)];
  PackInfo info;
  const Label& label(LabelKey k) const { return labels[static_cast<int>(k)]; }
};

}  // namespace v1
}  // namespace solen
