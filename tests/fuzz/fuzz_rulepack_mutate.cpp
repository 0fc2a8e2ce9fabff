// libFuzzer target, structure-aware: the input bytes are a program of edits applied to the
// embedded rule pack (rules/fr-lille.json, parsed once): pick a node by walking down, then
// replace it (null, booleans, extreme numbers, cell texts, dates, empty containers), delete it,
// duplicate it or move it. The edited pack goes through the same invariants as fuzz_rulepack:
// it explores type confusions and odd cells far deeper than byte mutations of JSON text can.
// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <string>

#include "rulepack_fuzz.hpp"
#include "solen/embedded_rulepack.hpp"

using json = nlohmann::json;

namespace {

struct Bytes {
  const std::uint8_t* p;
  std::size_t n;
  bool empty() const { return n == 0; }
  std::uint8_t byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return v;
  }
  std::string text(std::size_t max) {
    std::size_t len = byte() % (max + 1);
    std::string s;
    while (len-- > 0 && n > 0) s.push_back(static_cast<char>(byte()));
    return s;
  }
};

const char* const cell_texts[] = {
    "-", "", "null", "true", "false", "not(-)", "not(null)", "[1..2]", "(1..2)", "]1..2[", "[2..1]",
    "[..]", "[1..]", "..", "> 5", ">= 0", "< -1", "<= 99999999999999999", "!= 3", "= 0", "> 1e3",
    ">", "<", "[2016-01-01..2017-12-31]", "< 2016-01-01", ">= 2018-01-01", "2016-02-30",
    "[2199-12-31..2199-12-31]", "[1900-01-01..1900-01-02]", "\"07\", \"12\"", "\"59\"", "\"\"",
    "cmu_c", "rsa, acs", "acs, acs", "reduced, limited_1kva, cut", "normal", "unknown_value",
    "$orientation.visit_debt_threshold", "$orientation.notice_window_days", "$nope", "$",
    "[0..$orientation.notice_window_days]", ">= 1101, <= 331", "1101", "0.000000001",
    "0.0000000001", "-99999999999999999", "99999999999999999.5", "[-0.5..0.5]", "1/3",
    "first", "unique", "priority", "collect", "any", "to_verify", "no_match", "boolean", "integer",
    "money", "number", "enum", "service_point", "text", "date", "benefits", "debt.amount",
    "income.rfr_per_uc", "territory.departement", "date.month_day", "cheque_energie.in_force",
    "orientation.route", "mairie_de_quartier", "critical", "letter", "cme", "2016-03-20", "1"};

json value(Bytes& b) {
  switch (b.byte() % 16) {
    case 0: return nullptr;
    case 1: return b.byte() % 2 == 0;
    case 2: return static_cast<std::int64_t>(b.u64());
    case 3: return b.u64();
    case 4: return static_cast<std::int64_t>(static_cast<std::int8_t>(b.byte()));
    case 5: return static_cast<double>(static_cast<std::int64_t>(b.u64())) / 7.0;
    case 6: return json::object();
    case 7: return json::array();
    case 8: return b.text(12);
    case 9: return json::array({cell_texts[b.byte() % std::size(cell_texts)]});
    case 10: return json::object({{cell_texts[b.byte() % std::size(cell_texts)], cell_texts[b.byte() % std::size(cell_texts)]}});
    default: return cell_texts[b.byte() % std::size(cell_texts)];
  }
}

/// Walks down from `root` choosing children with the input bytes; returns the parent and the
/// child's key (objects) or index (arrays).
void edit(json& root, Bytes& b) {
  json* parent = &root;
  std::string key;
  std::size_t index = 0;
  json* node = &root;
  const int depth = 1 + b.byte() % 8;
  for (int d = 0; d < depth && (node->is_object() || node->is_array()) && !node->empty(); ++d) {
    parent = node;
    const std::size_t k = b.byte() % node->size();
    if (node->is_object()) {
      auto it = node->begin();
      std::advance(it, static_cast<std::ptrdiff_t>(k));
      key = it.key();
      node = &*it;
    } else {
      index = k;
      node = &(*node)[k];
    }
  }
  switch (b.byte() % 8) {
    case 0:  // delete
      if (parent == node) break;
      if (parent->is_object()) parent->erase(key);
      else parent->erase(index);
      break;
    case 1:  // duplicate inside an array, or copy to a sibling key
      if (parent->is_array()) parent->push_back(*node);
      else if (parent->is_object() && parent != node) (*parent)[key + "_"] = *node;
      break;
    case 2:  // move into a random key
      if (node->is_object()) (*node)[cell_texts[b.byte() % std::size(cell_texts)]] = value(b);
      else if (node->is_array()) node->push_back(value(b));
      else *node = value(b);
      break;
    default:
      *node = value(b);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const json base = json::parse(solen::embedded_rulepack_json);
  json pack = base;
  Bytes b{data, size};
  for (int edits = 0; edits < 8 && !b.empty(); ++edits) edit(pack, b);
  // Engine::from_json on a refused pack for one input in four (it repeats check_rulepack).
  // Random key or string bytes may not be UTF-8: dump them replaced (fuzz_rulepack covers
  // invalid UTF-8 in pack text).
  fuzz::check_pack(pack.dump(-1, ' ', false, json::error_handler_t::replace), size % 4 == 0);
  return 0;
}
