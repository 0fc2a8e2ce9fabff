// Word-at-a-time byte classification shared by the JSON reader and writer (SWAR, no intrinsics).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstring>

namespace solen {
inline namespace v1 {
namespace detail {

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/// Word loads are only used where the byte order makes the lowest flag the first byte.
inline constexpr bool swar_ok = true;
inline unsigned first_flagged_byte(std::uint64_t flags) {
  return static_cast<unsigned>(__builtin_ctzll(flags)) >> 3;
}
#else
inline constexpr bool swar_ok = false;
inline unsigned first_flagged_byte(std::uint64_t) { return 0; }
#endif

inline std::uint64_t load8(const void* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

/// High bit set in the bytes of `w` that JSON strings cannot carry raw: controls, '"', '\\',
/// and, when `non_ascii`, bytes >= 0x80 (the reader validates UTF-8 there). Only the lowest
/// flag is exact: borrows may flag later bytes, so callers act on the first one only.
inline std::uint64_t json_special_bytes(std::uint64_t w, bool non_ascii) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  const std::uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
  const std::uint64_t f = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b);
  return (non_ascii ? f | w : f) & high;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
