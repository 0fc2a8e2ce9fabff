// A located problem or warning: stable code, JSON pointer, human message (never the value).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace solen {
inline namespace v1 {

struct Issue {
  std::string code;     ///< snake_case, stable: "invalid_date", "unknown_key", …
  std::string path;     ///< JSON pointer: "/members/0/birth_date" ("" for the whole document)
  std::string message;  ///< says what to fix; never quotes personal data
};

}  // namespace v1
}  // namespace solen
