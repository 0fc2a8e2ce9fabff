// Compiles one decision-table cell (a FEEL-like unary test) into atoms over a fact's type.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solen/facts.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Resolves "$name" references to a parameter's value text (number or date) for a version.
using ParamLookup = std::function<std::optional<std::string>(const std::string& name, std::string& err)>;

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

/// Splits on commas outside brackets and quotes.
inline std::vector<std::string_view> split_atoms(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '[' || c == '(')) ++depth;
    else if (!quoted && (c == ']' || c == ')')) --depth;
    else if (!quoted && depth == 0 && c == ',') {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim(s.substr(start)));
  return out;
}

/// A scalar for number, integer or date facts, as an exact Number (dates as day numbers).
inline std::optional<Number> scalar(std::string_view text, FactType t, const ParamLookup& params,
                                    std::string& err) {
  std::string resolved;
  if (!text.empty() && text.front() == '$') {
    auto v = params(std::string(text.substr(1)), err);
    if (!v) return std::nullopt;
    resolved = *v;
    text = resolved;
  }
  text = unquote(text);
  if (t == FactType::date) {
    auto d = Date::parse(text);
    if (!d) {
      err = "expected a date YYYY-MM-DD";
      return std::nullopt;
    }
    return Number::integer(d->day_number());
  }
  auto n = Number::parse(text);
  if (!n) {
    err = "expected a decimal number";
    return std::nullopt;
  }
  if (t == FactType::integer && n->den != 1) {
    err = "expected an integer";
    return std::nullopt;
  }
  return n;
}

inline int enum_index(const FactInfo& fi, std::string_view name) {
  for (int i = 0; i < fi.value_count; ++i)
    if (fi.values[i] == name) return i;
  return -1;
}

/// Compiles the cell's atoms into a fast form when one exists (see CellKind).
inline void specialise(Cell& c, const std::vector<Atom>& atoms) {
  c.kind = CellKind::general;
  if (c.any || c.negate || c.count != 1) return;
  const Atom& a = atoms[c.first];
  const FactType t = info(c.fact).type;
  constexpr std::int64_t lo_inf = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t hi_inf = std::numeric_limits<std::int64_t>::max();
  if (a.op == AtomOp::in_bits && t == FactType::set) {
    c.kind = CellKind::set_any;
    c.mask = static_cast<std::uint64_t>(a.bits);
    return;
  }
  if (a.op == AtomOp::in_bits && t == FactType::enumeration) {
    c.kind = CellKind::bits;
    c.mask = static_cast<std::uint64_t>(a.bits);
    return;
  }
  if (t != FactType::integer && t != FactType::date && t != FactType::boolean) return;
  const std::int64_t x = a.a.num, y = a.b.num;  // integral: den == 1
  switch (a.op) {
    case AtomOp::eq: c.lo = x, c.hi = x; break;
    case AtomOp::lt: c.lo = lo_inf, c.hi = x - 1; break;
    case AtomOp::le: c.lo = lo_inf, c.hi = x; break;
    case AtomOp::gt: c.lo = x + 1, c.hi = hi_inf; break;
    case AtomOp::ge: c.lo = x, c.hi = hi_inf; break;
    case AtomOp::interval: c.lo = a.lo_open ? x + 1 : x, c.hi = a.hi_open ? y - 1 : y; break;
    default: return;
  }
  c.kind = CellKind::int_range;
}

/// Parses `text` for fact `fact`, appending atoms to `atoms` and filling `cell`.
/// Returns false with `err` set on a syntax or type error.
inline bool parse_cell_text(std::string_view text, Fact fact, const ParamLookup& params,
                            std::vector<Atom>& atoms, Cell& cell, std::string& err) {
  const FactInfo& fi = info(fact);
  cell.fact = fact;
  text = trim(text);
  if (text.empty() || text == "-") {
    cell.any = true;
    return true;
  }
  cell.any = false;
  if (text.size() > 5 && text.substr(0, 4) == "not(" && text.back() == ')') {
    cell.negate = true;
    text = trim(text.substr(4, text.size() - 5));
  }
  cell.first = static_cast<std::uint32_t>(atoms.size());
  Atom bitset;
  bitset.op = AtomOp::in_bits;
  for (std::string_view a : split_atoms(text)) {
    if (a.empty()) {
      err = "empty test in a list";
      return false;
    }
    Atom atom;
    if (a == "null") {
      atom.op = AtomOp::null;
      atoms.push_back(atom);
      continue;
    }
    switch (fi.type) {
      case FactType::boolean:
        if (a != "true" && a != "false") {
          err = "expected true, false or null";
          return false;
        }
        atom.op = AtomOp::eq;
        atom.a = Number::integer(a == "true" ? 1 : 0);
        atoms.push_back(atom);
        continue;
      case FactType::enumeration:
      case FactType::set: {
        int k = enum_index(fi, unquote(a));
        if (k < 0) {
          err = "unknown value '" + std::string(a) + "' for " + std::string(fi.name);
          return false;
        }
        bitset.bits |= std::int64_t{1} << k;
        continue;
      }
      case FactType::code:
        atom.op = AtomOp::code_eq;
        atom.code = Code(unquote(a));
        atoms.push_back(atom);
        continue;
      default:
        break;
    }
    // number, integer, date
    if (a.front() == '[' || a.front() == '(' || a.front() == ']') {
      char close = a.back();
      std::size_t dots = a.find("..");
      if ((close != ']' && close != ')' && close != '[') || dots == std::string_view::npos) {
        err = "expected an interval like [a..b) ";
        return false;
      }
      atom.op = AtomOp::interval;
      atom.lo_open = a.front() != '[';
      atom.hi_open = close != ']';
      auto lo = scalar(trim(a.substr(1, dots - 1)), fi.type, params, err);
      if (!lo) return false;
      auto hi = scalar(trim(a.substr(dots + 2, a.size() - dots - 3)), fi.type, params, err);
      if (!hi) return false;
      if (*hi < *lo) {
        err = "interval bounds are reversed";
        return false;
      }
      atom.a = *lo;
      atom.b = *hi;
      atoms.push_back(atom);
      continue;
    }
    std::string_view v = a;
    atom.op = AtomOp::eq;
    if (v.substr(0, 2) == "<=") atom.op = AtomOp::le, v.remove_prefix(2);
    else if (v.substr(0, 2) == ">=") atom.op = AtomOp::ge, v.remove_prefix(2);
    else if (v.substr(0, 2) == "!=") atom.op = AtomOp::ne, v.remove_prefix(2);
    else if (v.front() == '<') atom.op = AtomOp::lt, v.remove_prefix(1);
    else if (v.front() == '>') atom.op = AtomOp::gt, v.remove_prefix(1);
    else if (v.front() == '=') atom.op = AtomOp::eq, v.remove_prefix(1);
    auto x = scalar(trim(v), fi.type, params, err);
    if (!x) return false;
    atom.a = *x;
    atoms.push_back(atom);
  }
  if (bitset.bits != 0) atoms.push_back(bitset);
  cell.count = static_cast<std::uint32_t>(atoms.size()) - cell.first;
  specialise(cell, atoms);
  return true;
}

/// Cells may also be JSON booleans and numbers.
inline bool parse_cell(const nlohmann::json& j, Fact fact, const ParamLookup& params,
                       std::vector<Atom>& atoms, Cell& cell, std::string& err) {
  if (j.is_string()) return parse_cell_text(j.get_ref<const std::string&>(), fact, params, atoms, cell, err);
  if (j.is_boolean()) return parse_cell_text(j.get<bool>() ? "true" : "false", fact, params, atoms, cell, err);
  if (j.is_number()) return parse_cell_text(j.dump(), fact, params, atoms, cell, err);
  if (j.is_null()) return parse_cell_text("null", fact, params, atoms, cell, err);
  err = "a cell is a string, a boolean, a number or null";
  return false;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
