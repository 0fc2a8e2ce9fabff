// The bitmap row index gives exactly the answers of the row-by-row scan, on every table.
// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <limits>
#include <random>

#include "solen/rulepack_loader.hpp"
#include "test_support.hpp"

namespace {
using namespace solen;

/// Values around every bound of the column (bound - 1, bound, bound + 1, and a midpoint), a few
/// arbitrary ones, and unknown values with their missing inputs.
struct FrameMaker {
  std::mt19937_64 rng{20261129};

  Value pick(const Table& t, const TableVersion& v, std::size_t col) {
    const FactInfo& fi = info(t.inputs[col]);
    Value x;
    if (rng() % 5 == 0) {  // unknown
      x.missing.bits = rng() & ((std::uint64_t{1} << static_cast<int>(Input::count)) - 1);
      return x;
    }
    x.known = true;
    std::vector<Number> bounds;
    std::vector<Code> codes;
    for (const Rule& r : v.rules)
      for (std::uint32_t k = r.cells[col].first; k < r.cells[col].first + r.cells[col].count; ++k) {
        const Atom& a = v.atoms[k];
        if (a.op == AtomOp::code_eq) codes.push_back(a.code);
        else if (a.op != AtomOp::null && a.op != AtomOp::in_bits) bounds.push_back(a.a), bounds.push_back(a.b);
      }
    switch (fi.type) {
      case FactType::boolean: x.i = static_cast<std::int64_t>(rng() % 2); return x;
      case FactType::enumeration:  // now and then one past the last value: outside the lookup's domain
        x.i = static_cast<std::int64_t>(rng() % (static_cast<unsigned>(fi.value_count) + (rng() % 16 == 0)));
        return x;
      case FactType::set: x.i = static_cast<std::int64_t>(rng() % (1u << fi.value_count)); return x;
      case FactType::code:
        x.code = !codes.empty() && rng() % 4 ? codes[rng() % codes.size()] : Code("99");
        return x;
      default: break;
    }
    Number b = bounds.empty() ? Number::integer(0) : bounds[rng() % bounds.size()];
    const std::int64_t step = static_cast<std::int64_t>(rng() % 3) - 1;  // -1, 0, +1
    if (fi.type == FactType::number) {
      switch (rng() % 4) {
        case 0: x.n = Number{b.num + step * b.den, b.den}; break;
        case 1: x.n = Number::ratio(Number{b.num * 1000 + step, b.den * 1000}, Number::integer(1)); break;
        case 2: x.n = Number{static_cast<std::int64_t>(rng() % 4000000), 100}; break;
        default: x.n = b; break;
      }
    } else {
      x.i = rng() % 6 == 0 ? static_cast<std::int64_t>(rng() % 800000) : b.num + step;
    }
    return x;
  }
};

bool same(const TableResult& a, const TableResult& b) {
  return a.kind == b.kind && a.version == b.version && a.rule == b.rule && a.missing.bits == b.missing.bits;
}

/// A route table of `hit` policy on one input column, with `rules`, as a pack declares it.
test::json route_table(const char* hit, const char* input, const test::json& rules) {
  return {{"label", "t"}, {"hit_policy", hit}, {"unknown", "no_match"},
          {"inputs", test::json::array({input})},
          {"outputs", test::json::array({{{"name", "route"}, {"type", "enum"},
                                          {"values", test::json::array({"urgent", "referent", "letter", "visit", "workshop"})}}})},
          {"rules", rules}};
}

}  // namespace

TEST_CASE("row index: every table of the default pack answers as the row scan, on 2,000 frames per version") {
  auto pack = load_rulepack(embedded_rulepack_json);
  FrameMaker maker;
  auto frame = std::make_unique<FactFrame>();
  std::vector<const Rule*> rows_indexed, rows_scanned;
  int tables = 0, checked = 0, hits = 0, maybes = 0;
  for (const Table& t : pack->tables) {
    ++tables;
    for (const TableVersion& v : t.versions) {
      REQUIRE(v.index.usable);  // every default table has at most 64 rows
      for (int n = 0; n < 2000; ++n) {
        for (std::size_t c = 0; c < t.inputs.size(); ++c) (*frame)[t.inputs[c]] = maker.pick(t, v, c);
        // Half of the frames carry the date facts of the evaluation day (the per-thread table
        // memo and day plans are then used, and reused across frames); the others arbitrary
        // date values.
        Date d = v.from;
        if (n % 2 == 0) {
          static const int offsets[] = {0, 1, 45, 120, 200, 364};
          d = v.from.plus_days(offsets[maker.rng() % 6]);
          if (v.to && d > *v.to) d = *v.to;
          (*frame)[Fact::date].known = (*frame)[Fact::month_day].known = true;
          (*frame)[Fact::date].i = d.day_number();
          (*frame)[Fact::month_day].i = d.month() * 100 + d.day();
        }
        CAPTURE(t.name);
        CAPTURE(v.path);
        CAPTURE(d.to_string());
        if (t.hit == HitPolicy::collect) {
          TableResult a = collect_table(t, d, *frame, rows_indexed, true);
          TableResult b = collect_table(t, d, *frame, rows_scanned, false);
          CHECK(same(a, b));
          CHECK(rows_indexed == rows_scanned);
          if (n % 2 == 0) {  // through the day plan of the pack (the engine's path)
            CHECK(same(collect_table(t, detail::day_plan(*pack, d, *frame).of(t), *frame, rows_indexed), b));
            CHECK(rows_indexed == rows_scanned);
          }
          hits += !rows_indexed.empty();
          maybes += a.kind == TableResult::undetermined || !a.missing.empty();
        } else {
          TableResult a = evaluate_table(t, d, *frame, true);
          TableResult b = evaluate_table(t, d, *frame, false);
          CHECK(same(a, b));
          if (n % 2 == 0) CHECK(same(evaluate_table(t, detail::day_plan(*pack, d, *frame).of(t), *frame), b));
          hits += a.kind == TableResult::hit;
          maybes += a.kind == TableResult::undetermined || !a.missing.empty();
        }
        ++checked;
      }
    }
  }
  CHECK(tables >= 25);
  MESSAGE(checked << " frames over " << tables << " tables: " << hits << " hits, " << maybes << " with unknowns");
  // The frames reach both decided and undecided answers, so the comparison means something.
  CHECK(hits > checked / 4);
  CHECK(maybes > checked / 10);
}

TEST_CASE("row index: small versions are compiled into lookups of every region combination") {
  auto pack = load_rulepack(embedded_rulepack_json);
  std::size_t compiled = 0, versions = 0, largest = 0;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions) {
      ++versions;
      std::size_t combinations = 1;
      for (const auto* columns : {&v.index.date_columns, &v.index.columns})
        for (const detail::ColumnIndex& c : *columns) combinations *= detail::lookup_regions(c);
      CAPTURE(t.name);
      if (v.index.lookup.empty()) {  // too large, or too many rows for the entries' row masks
        CHECK((combinations > detail::max_lookup_entries || v.rules.size() > detail::max_lookup_rows));
        continue;
      }
      ++compiled;
      CHECK(v.index.lookup.size() == combinations);
      largest = std::max(largest, combinations);
    }
  CHECK(compiled + 1 >= versions);  // all but the orientation measures
  CHECK(largest > 1000);            // the route table: seven columns
  CHECK(pack->route->versions[0].index.lookup.size() == largest);
  CHECK(pack->measures->versions[0].index.lookup.empty());
}

TEST_CASE("row index: raw regions with the same rows are one region") {
  auto pack = load_rulepack(embedded_rulepack_json);
  std::size_t raw = 0, merged = 0;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions)
      for (const auto* columns : {&v.index.date_columns, &v.index.columns})
        for (const detail::ColumnIndex& c : *columns) {
          CAPTURE(t.name);
          CAPTURE(c.column);
          REQUIRE(c.regions == c.region_rows.size());
          for (std::size_t a = 0; a < c.region_rows.size(); ++a)  // regions differ by their rows
            for (std::size_t b = a + 1; b < c.region_rows.size(); ++b) CHECK(c.region_rows[a] != c.region_rows[b]);
          std::vector<bool> reached(c.regions, false);  // and each is some raw region's
          for (const std::uint32_t r : c.region_map) {
            REQUIRE(r < c.regions);
            reached[r] = true;
          }
          CHECK(std::find(reached.begin(), reached.end(), false) == reached.end());
          if (c.mode == detail::ColumnIndex::Mode::int_cuts || c.mode == detail::ColumnIndex::Mode::number_cuts) {
            // cuts only where the rows change: neighbouring intervals never share a region
            CHECK(c.raw_regions == 1 + c.int_cuts.size() + c.number_cuts.size());
            for (std::size_t r = 1; r < c.region_map.size(); ++r) CHECK(c.region_map[r] != c.region_map[r - 1]);
          }
          raw += c.region_map.size();
          merged += c.regions;
        }
  MESSAGE(raw << " raw regions, " << merged << " after merging");
  CHECK(merged * 4 < raw * 3);  // 282 of 393 in the default pack (555 regions around bounds)
  // The household's benefits (64 sets) matter to the social tariffs through two of them only,
  // so the eligibility table, five columns, is compiled too.
  const TableVersion& eligibility = pack->tpn.eligibility->versions[0];
  CHECK_FALSE(eligibility.index.lookup.empty());
  for (const detail::ColumnIndex& c : eligibility.index.columns)
    if (c.fact == Fact::benefits) CHECK(c.regions == 4);
  // Merged or not, a value's region gives the rows the cells say: the route table, whose raw
  // regions combine into 34,560 cases, answers as the row scan (see the default-pack test above).
  CHECK(pack->route->versions[0].index.lookup.size() < 34560 / 4);
}

TEST_CASE("row index: each version's days are planned from its date regions, answered at load") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto frame = std::make_unique<FactFrame>();
  int planned = 0, answered = 0;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions) {
      CAPTURE(t.name);
      REQUIRE_FALSE(v.index.date_plans.empty());  // every default version has few date regions
      for (int k = 0; k < 400; k += 7) {  // a day a week for more than a year from the version's start
        const Date d = v.from.plus_days(k);
        detail::set_date_facts(*frame, d);
        const long at = detail::date_plan_index(v, *frame);
        REQUIRE(at >= 0);
        if (!v.index.lookup.empty()) CHECK(at == detail::lookup_base(v, *frame));
        detail::IndexedRows dated(v);
        dated.match(v.index.date_columns, *frame);
        const detail::DatePlan& plan = v.index.date_plans[static_cast<std::size_t>(at)];
        CHECK(plan.rows == dated.possible);
        if (v.index.columns.empty() && t.hit != HitPolicy::collect && v.covers(d)) {
          const TableResult scanned = evaluate_table(t, d, *frame, false);  // the row scan
          CHECK(plan.kind == scanned.kind);
          CHECK(plan.rule == (scanned.rule ? scanned.rule - v.rules.data() : -1));
          ++answered;
        }
        ++planned;
      }
    }
  CHECK(planned > 1000);
  CHECK(answered > 100);  // days of the in-force and campaign tables
}

TEST_CASE("row index: a lookup's day leaves out the columns that constrain none of its rows") {
  auto pack = load_rulepack(embedded_rulepack_json);
  int plans = 0, dropped = 0;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions)
      for (const detail::DatePlan& dp : v.index.date_plans) {
        if (v.index.lookup.empty()) {
          CHECK(dp.columns == -1);
          continue;
        }
        const detail::LookupColumns read = detail::LookupColumns::of(v.index, dp.columns);
        std::uint32_t values = 0;
        std::size_t next = 0;  // kept columns keep their order (by_value ones first)
        for (std::size_t k = 0; k < v.index.columns.size(); ++k) {
          const detail::ColumnIndex& c = v.index.columns[k];
          const bool kept = next < read.size && read.data[next].column == c.column;
          CAPTURE(t.name);
          CHECK(kept == ((c.constrained & dp.rows) != 0));
          if (!kept) continue;
          CHECK(read.data[next].lookup_offsets == c.lookup_offsets);
          values += k < v.index.value_columns;
          ++next;
        }
        CHECK(next == read.size);
        CHECK(read.values == values);
        ++plans;
        dropped += read.size < v.index.columns.size();
      }
  CHECK(plans > 50);
  CHECK(dropped > 5);
  // Every day on which a version reads none of its household columns is answered by its plan,
  // as the row scan answers it whatever those columns hold (here: all unknown).
  int answered_days = 0;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions)
      for (int k = 0; k < 800; k += 5) {
        const Date d = v.from.plus_days(k);
        if (!v.covers(d) || v.index.columns.empty()) continue;
        auto dated = std::make_unique<FactFrame>();
        detail::set_date_facts(*dated, d);
        TablePlan p;
        detail::plan_table(t, d, *dated, p);
        CAPTURE(t.name);
        CAPTURE(d.to_string());
        if (t.hit == HitPolicy::collect || p.columns.size > 0) {
          CHECK_FALSE(p.answered);
          continue;
        }
        CHECK(p.answered);
        CHECK(same(p.answer, evaluate_table(t, d, *dated, false)));
        ++answered_days;
      }
  CHECK(answered_days > 50);
  // Since 2018 the chèque énergie is in force everywhere: its in-force table reads no département.
  const Date day(2024, 6, 15);
  auto frame = std::make_unique<FactFrame>();
  detail::set_date_facts(*frame, day);
  const TablePlan& p = detail::day_plan(*pack, day, *frame).of(*pack->cheque.in_force);
  REQUIRE(p.lookup_base >= 0);
  CHECK(p.columns.size == 0);
  CHECK(p.answered);  // so the day answers it once for every household
  for (const char* code : {"59", "2A", "99", ""}) {
    (*frame)[Fact::departement].known = *code != 0;
    (*frame)[Fact::departement].code = Code(code);
    (*frame)[Fact::departement].missing.add(Input::departement);
    CHECK(same(evaluate_table(*pack->cheque.in_force, p, *frame), evaluate_table(*pack->cheque.in_force, day, *frame, false)));
  }
}

TEST_CASE("row index: a collect version too large for one lookup is split into row groups") {
  auto pack = load_rulepack(embedded_rulepack_json);
  const TableVersion& v = pack->measures->versions[0];
  REQUIRE(v.index.lookup.empty());
  REQUIRE(v.index.groups.size() >= 2);
  std::size_t terms = 0;
  for (const detail::RowGroup& g : v.index.groups) {
    std::size_t combinations = 1;
    for (const detail::RowGroup::Term& term : g.terms) {
      CHECK(term.stride == combinations);
      combinations *= detail::lookup_regions(v.index.columns[term.column]);
    }
    CHECK(g.entries.size() == combinations);
    CHECK(combinations <= detail::max_group_entries);
    terms += g.terms.size();
  }
  CHECK(terms >= v.index.columns.size());  // every household column is read by some group
  // The reads: one per term, by_value columns first, each adding the column's region times the
  // term's stride into the group's entry index.
  for (const detail::RowGroup& g : v.index.groups) {
    REQUIRE(g.reads.size() == g.terms.size());
    std::size_t value_reads = 0;
    for (std::size_t i = 0; i < g.reads.size(); ++i) {
      const detail::GroupRead& read = g.reads[i];
      const detail::ColumnIndex& c = v.index.columns[read.column];
      CHECK(read.column == g.terms[i].column);
      if (i > 0) CHECK(g.reads[i - 1].column < read.column);
      value_reads += read.column < v.index.value_columns;
      CHECK(read.unknown_offset == c.regions * g.terms[i].stride);
      REQUIRE(read.offsets.size() == c.region_map.size());
      for (std::size_t raw = 0; raw < c.region_map.size(); ++raw) CHECK(read.offsets[raw] == c.region_map[raw] * g.terms[i].stride);
    }
    CHECK(value_reads == g.value_reads);
  }
  for (std::size_t row = 0; row < v.rules.size(); ++row)
    for (std::size_t k = 0; k < v.index.columns.size(); ++k)
      CHECK(((v.index.unknown_columns[row] >> k) & 1) == ((v.index.columns[k].unknown_maybe >> row) & 1));
  // Each row is in exactly one group: the groups' yes rows, with every column at a satisfied
  // region, never overlap. Single-hit versions are never grouped.
  detail::RowMask seen = 0;
  for (const detail::RowGroup& g : v.index.groups) {
    detail::RowMask rows = 0;
    for (const detail::RowsEntry& e : g.entries) rows |= detail::RowMask{e.yes | e.maybe} << g.first_row;
    CHECK((rows & seen) == 0);
    seen |= rows;
  }
  CHECK(seen == v.index.all);
  for (const Table& t : pack->tables)
    if (t.hit != HitPolicy::collect)
      for (const TableVersion& x : t.versions) CHECK(x.index.groups.empty());
}

TEST_CASE("row index: row groups hold rows within 32 of their first, and answer as the row scan") {
  // The measures table twice over (56 rows): its rows cannot all share the 32-row window of one
  // group, so rows reading the same columns land in different groups.
  test::json p = test::default_pack();
  test::json& rules = p["tables"]["orientation.measures"]["rules"];
  const std::size_t original = rules.size();
  for (std::size_t i = 0; i < original; ++i) {
    test::json copy = rules[i];
    copy["id"] = copy["id"].get<std::string>() + "-BIS";
    rules.push_back(copy);
  }
  auto pack = load_rulepack(p.dump());
  const Table& t = *pack->measures;
  const TableVersion& v = t.versions[0];
  REQUIRE(v.rules.size() == 2 * original);
  REQUIRE(v.rules.size() > detail::max_group_rows);
  REQUIRE(v.index.groups.size() >= 2);
  detail::RowMask seen = 0;
  for (const detail::RowGroup& g : v.index.groups) {
    detail::RowMask rows = 0;
    for (const detail::RowsEntry& e : g.entries) rows |= detail::RowMask{e.yes | e.maybe} << g.first_row;
    CHECK(((rows >> g.first_row) & 1) == 1);  // the window starts at the group's first row
    CHECK((rows >> g.first_row >> detail::max_group_rows) == 0);
    CHECK((rows & seen) == 0);
    seen |= rows;
  }
  CHECK(seen == v.index.all);

  FrameMaker maker;
  auto frame = std::make_unique<FactFrame>();
  std::vector<const Rule*> rows_indexed, rows_scanned;
  int high_rows = 0, missing = 0;
  for (int n = 0; n < 4000; ++n) {
    for (std::size_t c = 0; c < t.inputs.size(); ++c) (*frame)[t.inputs[c]] = maker.pick(t, v, c);
    const Date d = v.from.plus_days(static_cast<int>(maker.rng() % 3000));
    (*frame)[Fact::date].known = (*frame)[Fact::month_day].known = true;
    (*frame)[Fact::date].i = d.day_number();
    (*frame)[Fact::month_day].i = d.month() * 100 + d.day();
    TableResult a = collect_table(t, detail::day_plan(*pack, d, *frame).of(t), *frame, rows_indexed);
    TableResult b = collect_table(t, d, *frame, rows_scanned, false);
    CAPTURE(n);
    CHECK(same(a, b));
    CHECK(rows_indexed == rows_scanned);
    for (const Rule* r : rows_indexed) high_rows += r - v.rules.data() >= static_cast<std::ptrdiff_t>(detail::max_group_rows);
    missing += !a.missing.empty();
  }
  CHECK(high_rows > 100);  // rows past the first window are found, not only the first 32
  CHECK(missing > 100);    // and undecided rows report their unknown columns' inputs
}

TEST_CASE("row index: built per column mode, and left unusable beyond 64 rows") {
  auto pack = load_rulepack(embedded_rulepack_json);
  const auto frame = std::make_unique<FactFrame>();
  bool cuts = false, values = false, numbers = false, codes = false;
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions)
      for (const auto* columns : {&v.index.date_columns, &v.index.columns})
      for (const detail::ColumnIndex& c : *columns) {
        cuts = cuts || c.mode == detail::ColumnIndex::Mode::int_cuts;
        values = values || c.mode == detail::ColumnIndex::Mode::by_value;
        numbers = numbers || c.mode == detail::ColumnIndex::Mode::number_cuts;
        codes = codes || c.mode == detail::ColumnIndex::Mode::by_code;
        CHECK(c.mode != detail::ColumnIndex::Mode::scan);  // every default column is looked up
        CHECK(c.constrained != 0);
        CHECK(&detail::value_of(c, *frame) == &(*frame)[c.fact]);
      }
  // Household columns read by value come first (lookups read them in a loop of their own).
  for (const Table& t : pack->tables)
    for (const TableVersion& v : t.versions)
      for (std::size_t k = 0; k < v.index.columns.size(); ++k)
        CHECK((v.index.columns[k].mode == detail::ColumnIndex::Mode::by_value) == (k < v.index.value_columns));
  CHECK(cuts);
  CHECK(values);
  CHECK(numbers);
  CHECK(codes);

  // A route table of 70 rows: scanned row by row, same answers.
  test::json p = test::default_pack();
  test::json rules = test::json::array();
  for (int i = 0; i < 70; ++i)
    rules.push_back({{"id", "R" + std::to_string(i)}, {"label", "r"},
                     {"when", test::json::array({"[" + std::to_string(i * 100) + ".." + std::to_string(i * 100 + 100) + ")"})},
                     {"then", test::json::array({i == 69 ? "urgent" : "letter"})}});
  rules.push_back({{"id", "R-rest"}, {"label", "r"}, {"when", test::json::array({"-"})}, {"then", test::json::array({"visit"})}});
  p["tables"]["orientation.route"] = route_table("first", "debt.amount", rules);
  auto big = load_rulepack(p.dump());
  const Table* route = big->route;
  REQUIRE(route != nullptr);
  CHECK_FALSE(route->versions[0].index.usable);
  Engine e = Engine::from_json(p.dump());
  test::json h = {{"id", "H"}, {"as_of", "2020-06-01"}, {"members", test::json::array({{{"role", "declarant"}, {"age", 30}}})},
                  {"debt", {{"amount", "6950"}}}};
  CHECK(test::decide(h, e)["orientation"]["route"] == "urgent");
  h["debt"]["amount"] = "7000";
  CHECK(test::decide(h, e)["orientation"]["route"] == "visit");
}

TEST_CASE("row index: a collect table over 64 rows gives its rows, in order, through the engine") {
  // Rows matched one by one (no mask): the engine reads them from the list.
  test::json p = test::default_pack();
  test::json measures = p["tables"]["orientation.measures"];
  test::json rules = test::json::array();
  for (int i = 0; i < 70; ++i)
    rules.push_back({{"id", "M" + std::to_string(i)}, {"label", "m"},
                     {"when", {{"debt.principal", "[" + std::to_string(i * 100) + ".." + std::to_string(i * 100 + 300) + ")"}}},
                     {"then", test::json::array({i % 2 ? "eco_kit" : "budget_support", "ccas"})}});
  measures["rules"] = rules;
  p["tables"]["orientation.measures"] = measures;
  auto pack = load_rulepack(p.dump());
  REQUIRE_FALSE(pack->measures->versions[0].index.usable);
  Engine e = Engine::from_json(p.dump());
  test::json h = {{"id", "H"}, {"as_of", "2020-06-01"}, {"members", test::json::array({{{"role", "declarant"}, {"age", 30}}})},
                  {"debt", {{"amount", "6850"}, {"principal", "6850"}}}};
  const test::json out = test::decide(h, e)["orientation"]["measures"];
  REQUIRE(out.size() == 2);  // rows 66 to 68 match: budget_support first (row 66), then eco_kit
  CHECK(out[0]["code"] == "budget_support");
  CHECK(out[1]["code"] == "eco_kit");
  CHECK(out[0]["reasons"].size() == 2);
  CHECK(out[1]["reasons"].size() == 1);
}

TEST_CASE("row index: number bounds over their common denominator place every value as the row scan") {
  // Bounds of denominators 25, 2 and 50 (scale 50), strict and closed; values of any
  // denominator, on and beside each bound, and at the ends of int64.
  test::json p = test::default_pack();
  const std::vector<std::pair<std::string, std::string>> cells = {
      {"<0.08", "urgent"}, {"[0.08..7.5)", "referent"}, {"7.5", "letter"}, {"(7.5..2420.78]", "visit"}, {">2420.78", "workshop"}};
  test::json rules = test::json::array();
  for (const auto& [when, route] : cells)
    rules.push_back({{"id", "R" + std::to_string(rules.size())}, {"label", "r"}, {"when", test::json::array({when})},
                     {"then", test::json::array({route})}});
  p["tables"]["orientation.route"] = route_table("unique", "energy.effort_rate", rules);
  auto pack = load_rulepack(p.dump());
  const Table& t = *pack->route;
  const TableVersion& v = t.versions[0];
  REQUIRE(v.index.columns.size() == 1);
  const detail::ColumnIndex& c = v.index.columns[0];
  REQUIRE(c.mode == detail::ColumnIndex::Mode::number_cuts);
  CHECK(c.cut_scale == 50);
  CHECK(c.number_cuts.size() == 4);

  constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max(), bottom = std::numeric_limits<std::int64_t>::min() + 1;
  std::vector<Number> values = {{top, 1}, {bottom, 1}, {top, top}, {bottom, top}, {top, 3}, {1, top}, {-1, top}};
  for (const Number& bound : {Number{2, 25}, Number{15, 2}, Number{242078, 100}})
    for (const std::int64_t den : {1, 2, 3, 7, 25, 50, 100, 300, 1000003})
      for (const std::int64_t step : {-1, 0, 1}) values.push_back({bound.num * den + step, bound.den * den});
  for (const Number& bound : {Number{2, 25}, Number{15, 2}, Number{242078, 100}}) {  // the 128-bit path
    const std::int64_t m = 1000000000000000 / bound.den;
    REQUIRE(bound.den * m > c.cut_den_limit);
    for (const std::int64_t step : {-1, 0, 1}) values.push_back({bound.num * m + step, bound.den * m});
  }
  std::mt19937_64 rng{7};
  for (int n = 0; n < 2000; ++n) values.push_back({static_cast<std::int64_t>(rng() % 300000) - 1000, static_cast<std::int64_t>(rng() % 97 + 1)});
  auto frame = std::make_unique<FactFrame>();
  const Date d = v.from;
  detail::set_date_facts(*frame, d);
  int hits[5] = {};
  for (const Number& x : values) {
    CAPTURE(x.num);
    CAPTURE(x.den);
    (*frame)[Fact::energy_effort_rate] = Value{};
    (*frame)[Fact::energy_effort_rate].known = true;
    (*frame)[Fact::energy_effort_rate].n = x;
    const TableResult a = evaluate_table(t, detail::day_plan(*pack, d, *frame).of(t), *frame);
    const TableResult b = evaluate_table(t, d, *frame, false);
    CHECK(same(a, b));
    REQUIRE(a.kind == TableResult::hit);
    ++hits[a.rule - v.rules.data()];
  }
  for (int k = 0; k < 5; ++k) CHECK(hits[k] > 0);  // every region is reached
}
