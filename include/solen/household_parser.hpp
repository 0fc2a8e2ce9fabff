// Strict reader of household format 1 (JSON text) into the typed Household model.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "solen/household.hpp"
#include "solen/issue.hpp"

namespace solen {
inline namespace v1 {

/// Documented limits; exceeding one is an error for that household alone.
struct ParseLimits {
  std::size_t max_bytes = std::size_t{1} << 20;  ///< 1 MiB per household
  int max_depth = 32;                            ///< nesting of arrays and objects
  int max_members = 100;
  int max_list_items = 1000;                     ///< aids, payments, contact attempts, deductions
};

struct ParseOutcome {
  bool ok = false;
  bool id_known = false;       ///< `household.id` was read before any error
  Issue error;                 ///< set when !ok
  std::vector<Issue> warnings; ///< unknown keys and other non-fatal remarks
  void clear() {  // keeps the capacities: nothing is allocated per household once warm
    ok = false;
    id_known = false;
    error.code.clear();
    error.path.clear();
    error.message.clear();
    warnings.clear();
  }
};

/// Parses one household object. `out` is cleared first (keeping list capacities). Returns
/// outcome.ok. Never throws for bad input; every problem becomes outcome.error.
bool parse_household(std::string_view json, Household& out, ParseOutcome& outcome,
                     const ParseLimits& limits = {});

}  // namespace v1
}  // namespace solen

#include "solen/detail/household_parser_impl.hpp"
