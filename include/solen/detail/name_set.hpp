// A fixed list of JSON keys or enumeration names, recognised straight from the input bytes.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "solen/detail/json_bytes.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The position of a name in the list is its meaning (a bit, an enum value). Each name is also
/// kept as up to three little-endian words of its bytes plus the closing quote, so that a key
/// spelled plainly in the input is found with one or two word compares, without scanning or
/// copying it first; anything else (escapes, unknown names) goes through find().
template <std::size_t N>
struct NameSet {
  static_assert(N >= 1 && N < 255, "one byte per position");
  static constexpr std::size_t max_len = 23;  ///< name + quote fit in three words

  std::string_view names[N] = {};
  std::uint64_t word[N][3] = {};
  std::uint64_t last_mask[N] = {};
  std::uint8_t len[N] = {};
  std::uint8_t words[N] = {};
  std::uint8_t next[N] = {};  ///< 1 + next name in the same bucket, 0 at the end
  std::uint8_t head[32] = {};  ///< bucket by first byte & 31: 1 + first name, 0 when empty

  constexpr explicit NameSet(const std::string_view (&list)[N]) {
    for (std::size_t i = N; i-- > 0;) {
      const std::string_view s = list[i];
      if (s.empty() || s.size() > max_len) throw "a name must have 1 to 23 bytes";
      names[i] = s;
      len[i] = static_cast<std::uint8_t>(s.size());
      words[i] = static_cast<std::uint8_t>(s.size() / 8 + 1);  // the quote included
      for (std::size_t b = 0; b <= s.size(); ++b) {
        const unsigned char c = b < s.size() ? static_cast<unsigned char>(s[b]) : '"';
        word[i][b / 8] |= std::uint64_t{c} << (8 * (b % 8));
      }
      const std::size_t tail = (s.size() + 1) % 8;
      last_mask[i] = tail == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * tail)) - 1;
      const std::size_t bucket = static_cast<unsigned char>(s[0]) & 31u;
      next[i] = head[bucket];
      head[bucket] = static_cast<std::uint8_t>(i + 1);
    }
  }

  /// Position of `s` (already decoded), or -1.
  int find(std::string_view s) const {
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == s) return static_cast<int>(i);
    return -1;
  }

  /// Position of the name spelled at p (just after an opening quote) and closed by '"', or -1
  /// when there is none or too little input is left to compare whole words.
  int match(const unsigned char* p, const unsigned char* end) const {
    if (!swar_ok || end - p < 24) return -1;
    const std::uint64_t a = load8(p);
    for (unsigned i = head[*p & 31u]; i != 0; i = next[i - 1]) {
      const std::size_t k = i - 1;
      const std::uint64_t* w = word[k];
      bool eq;
      if (words[k] == 1) {
        eq = (a & last_mask[k]) == w[0];
      } else if (a != w[0]) {
        eq = false;
      } else if (words[k] == 2) {
        eq = (load8(p + 8) & last_mask[k]) == w[1];
      } else {
        eq = load8(p + 8) == w[1] && (load8(p + 16) & last_mask[k]) == w[2];
      }
      if (eq) return static_cast<int>(k);
    }
    return -1;
  }
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
