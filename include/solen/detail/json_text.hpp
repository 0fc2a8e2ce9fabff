// JSON text below the reader: value kinds, byte classes, UTF-8 checks and encoding, the
// reader's reusable buffers and the JSON pointer of a position.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace solen {
inline namespace v1 {
namespace detail {

enum class JsonKind : std::uint8_t { object, array, string, number, true_, false_, null, invalid };

/// Buffers kept from one document to the next (one set per thread), so that reading in steady
/// state does not allocate.
struct JsonScratch {
  struct Frame {                 ///< one open object or array; also one segment of the path
    std::size_t key_off = 0;     ///< current key: offset in the input, or in `arena`
    std::size_t key_len = 0;
    std::size_t index = 0;       ///< current element of an array
    std::size_t keys_begin = 0;  ///< first key of this object registered in `keys`
    bool is_object = false;
    bool key_in_arena = false;
    bool started = false;        ///< a member/element was read: ',' comes before the next
    bool has_seg = false;        ///< the current key/index is part of the path
    bool indexed = false;        ///< this object's registered keys are also in index[depth]
  };
  struct Key {
    std::size_t off, len;
    std::uint64_t hash;
    bool in_arena;
  };
  std::vector<Frame> frames;
  std::vector<Key> keys;                         ///< keys registered for duplicate detection
  std::vector<std::vector<std::size_t>> index;   ///< per depth: open-addressing set of keys
  std::string arena;                             ///< decoded keys that had escapes
  std::string value;                             ///< last decoded string value with escapes
};

/// Length of the valid UTF-8 sequence (2 to 4 bytes, RFC 3629: no overlong form, no
/// surrogate, nothing above U+10FFFF) starting at p, or 0.
inline std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return p + i < end && p[i] >= lo && p[i] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/// Byte classes inside a string: 0 plain ASCII, 1 '"', 2 '\\', 3 control, 4 non-ASCII; the
/// kind of value a byte starts.
struct JsonTables {
  unsigned char str[256];
  bool ws[256];
  JsonKind kind[256];
  constexpr JsonTables() : str(), ws(), kind() {
    for (int c = 0; c < 256; ++c) {
      str[c] = c < 0x20 ? 3 : c == '"' ? 1 : c == '\\' ? 2 : c >= 0x80 ? 4 : 0;
      ws[c] = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      kind[c] = c == '{' ? JsonKind::object : c == '[' ? JsonKind::array : c == '"' ? JsonKind::string
              : c == 't' ? JsonKind::true_ : c == 'f' ? JsonKind::false_ : c == 'n' ? JsonKind::null
              : c == '-' || (c >= '0' && c <= '9') ? JsonKind::number : JsonKind::invalid;
    }
  }
};
inline constexpr JsonTables json_tables{};

/// Appends code point cp (valid, not a surrogate) as UTF-8.
inline void append_utf8(std::string& buf, unsigned cp) {
  auto byte = [&](unsigned v) { buf.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
  if (cp < 0x80) return byte(cp);
  if (cp < 0x800) {
    byte(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F));
  }
  byte(0x80 | (cp & 0x3F));
}

/// A key as stored in the scratch: in the input text, or decoded into the arena.
inline std::string_view json_key_text(const JsonScratch& s, const char* input, std::size_t off,
                                      std::size_t len, bool in_arena) {
  return in_arena ? std::string_view(s.arena.data() + off, len) : std::string_view(input + off, len);
}

inline void append_pointer_segment(std::string& out, std::string_view key) {
  out.push_back('/');
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
}

/// JSON pointer (RFC 6901) of the open frames but the last `up`, then `child` if not empty.
inline void render_json_path(const JsonScratch& s, const char* input, std::size_t up,
                             std::string_view child, std::string& out) {
  out.clear();
  const std::size_t n = s.frames.size() - (up < s.frames.size() ? up : s.frames.size());
  for (std::size_t i = 0; i < n; ++i) {
    const JsonScratch::Frame& f = s.frames[i];
    if (!f.has_seg) break;
    if (f.is_object) {
      append_pointer_segment(out, json_key_text(s, input, f.key_off, f.key_len, f.key_in_arena));
    } else {
      char buf[24];
      std::size_t len = 0, v = f.index;
      do {
        buf[len++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v != 0);
      out.push_back('/');
      while (len > 0) out.push_back(buf[--len]);
    }
  }
  if (!child.empty()) append_pointer_segment(out, child);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
