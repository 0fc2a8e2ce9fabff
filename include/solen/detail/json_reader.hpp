// Strict RFC 8259 pull reader over JSON text: validates UTF-8, depth, duplicate keys; located errors.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "solen/detail/json_bytes.hpp"
#include "solen/detail/json_text.hpp"
#include "solen/detail/name_set.hpp"
#include "solen/issue.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

// Error paths kept out of line, so that the hot reading functions are small and inlined.
#if defined(__GNUC__)
#define SOLEN_COLD [[gnu::cold, gnu::noinline]]
#define SOLEN_NOINLINE [[gnu::noinline]]
#define SOLEN_INLINE [[gnu::always_inline]] inline
#else
#define SOLEN_COLD
#define SOLEN_NOINLINE
#define SOLEN_INLINE inline
#endif


class JsonReader {
 public:
  JsonReader(std::string_view text, JsonScratch& scratch, int max_depth, Issue& error,
             std::vector<Issue>& warnings)
      : p_(reinterpret_cast<const unsigned char*>(text.data())),
        begin_(p_),
        end_(p_ + text.size()),
        s_(scratch),
        max_depth_(max_depth < 0 ? 0 : static_cast<std::size_t>(max_depth)),
        error_(error),
        warnings_(warnings) {
    s_.frames.clear();
    s_.keys.clear();
    s_.arena.clear();
  }

  bool failed() const { return failed_; }

  /// Skips whitespace and tells the kind of the next value (invalid: error recorded).
  SOLEN_INLINE JsonKind peek() {
    skip_ws();
    if (p_ != end_) {
      const JsonKind k = json_tables.kind[*p_];
      if (k != JsonKind::invalid) return k;
    }
    return no_value();
  }

  bool begin_object() { return open(true); }
  /// Whether one more object or array may open within the depth limit (fast paths that read
  /// a small object whole check it, so that they accept only what begin_object() would).
  bool may_open() const { return s_.frames.size() + 1 <= max_depth_; }
  bool begin_array() { return open(false); }

  /// Next member of the innermost object: has=false when '}' closed it. `key` stays valid
  /// until the next key is read.
  bool next_member(std::string_view& key, bool& has) {
    if (!member_start(has)) return false;
    if (!has) return true;
    return member_key(key) && member_colon(key);
  }

  /// Same, for an object whose keys are in `names`: `index` is the key's position, -1 for a
  /// key not in the list. A key spelled plainly is recognised in place, without scanning it.
  template <std::size_t N>
  SOLEN_INLINE bool next_member(const NameSet<N>& names, int& index, bool& has) {
    JsonScratch::Frame& f = s_.frames.back();
    // Compact input ("," "key" ":" with no whitespace) is read in one go; anything else takes
    // the general path below, which handles it and its errors step by step.
    const unsigned char* k = p_ + (f.started ? 1 : 0);
    if (end_ - k > 26 && (!f.started || *p_ == ',') && *k == '"') {
      index = names.match(k + 1, end_);
      if (index >= 0 && k[names.len[index] + 2] == ':') {
        f.started = f.has_seg = true;
        f.key_in_arena = false;
        f.key_off = static_cast<std::size_t>(k + 1 - begin_);
        f.key_len = names.len[index];
        p_ = k + f.key_len + 3;
        has = true;
        return true;
      }
    }
    return next_member_slow(names, index, has);
  }

  /// next_member() for whitespace, '}', escaped or unknown keys and errors.
  template <std::size_t N>
  SOLEN_NOINLINE bool next_member_slow(const NameSet<N>& names, int& index, bool& has) {
    if (!member_start(has)) return false;
    if (!has) return true;
    JsonScratch::Frame& f = s_.frames.back();
    std::string_view key;
    index = names.match(p_ + 1, end_);
    if (index >= 0) {
      f.key_in_arena = false;
      f.key_off = static_cast<std::size_t>(p_ + 1 - begin_);
      f.key_len = names.len[index];
      f.has_seg = true;
      p_ += f.key_len + 2;
    } else {
      if (!member_key(key)) return false;
      index = names.find(key);
    }
    return member_colon(key);
  }

  /// After peek(): when the next value is a string spelling one of `names` plainly (no escape), consumes it
  /// and returns its position; otherwise consumes nothing and returns -1.
  template <std::size_t N>
  int match_string(const NameSet<N>& names) {
    if (p_ == end_ || *p_ != '"') return -1;
    const int i = names.match(p_ + 1, end_);
    if (i >= 0) p_ += names.len[i] + 2;
    return i;
  }

  /// After peek(): the unread input, from the next value on. Fast paths for common shapes
  /// (dates, amounts) inspect it and consume what they recognise with skip(); anything else
  /// goes the slow way.
  std::string_view rest() const {
    return std::string_view(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(end_ - p_));
  }
  void skip(std::size_t n) { p_ += n; }

  /// Next element of the innermost array: has=false when ']' closed it.
  bool next_element(bool& has) {
    JsonScratch::Frame& f = s_.frames.back();
    skip_ws();
    if (p_ == end_) return eof(f.started ? "',' or ']'" : "a value or ']'");
    if (*p_ == ']') {
      ++p_;
      s_.frames.pop_back();
      has = false;
      return true;
    }
    if (f.started) {
      if (*p_ != ',') return bad_byte("invalid_json", "expected ',' or ']' after an array element");
      ++p_;
      ++f.index;
    }
    f.started = f.has_seg = true;
    has = true;
    return true;
  }

  /// Index of the current element of the innermost array.
  std::size_t index() const { return s_.frames.back().index; }

  /// Reads a string value; the view stays valid until the next string value is read.
  bool read_string(std::string_view& out) {
    s_.value.clear();
    return scan_string(out, &s_.value);
  }

  /// Reads a number and returns its exact text (grammar of RFC 8259 checked).
  bool read_number(std::string_view& raw) {
    const unsigned char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_ || !digit(*p_)) return syntax("expected a digit in a number");
    if (*p_ == '0') {
      ++p_;
      if (p_ != end_ && digit(*p_)) return syntax("numbers must not have leading zeros");
    } else {
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !digit(*p_)) return syntax("expected a digit after the decimal point");
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return syntax("expected a digit in the exponent");
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    raw = std::string_view(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p_ - start));
    return true;
  }

  /// Consumes `true`, `false` or `null` (kind from peek()).
  bool read_literal(JsonKind k) {
    // Constant lengths: each compare compiles to a load, not a call.
    auto is = [&](const char* word, std::size_t n) {
      if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
      p_ += n;
      return true;
    };
    if (k == JsonKind::true_ ? is("true", 4) : k == JsonKind::false_ ? is("false", 5) : is("null", 4))
      return true;
    return syntax("invalid literal: expected true, false or null");
  }

  /// Reads and discards one value of any kind (iterative: depth bounded only by the limit).
  bool skip_value() {
    const std::size_t base = s_.frames.size();
    std::string_view text;
    for (;;) {
      const JsonKind k = peek();
      bool ok = false;
      switch (k) {
        case JsonKind::object: ok = begin_object(); break;
        case JsonKind::array: ok = begin_array(); break;
        case JsonKind::string: ok = read_string(text); break;
        case JsonKind::number: ok = read_number(text); break;
        case JsonKind::invalid: return false;
        default: ok = read_literal(k); break;
      }
      if (!ok) return false;
      for (;;) {  // move to the next value to skip, closing containers on the way
        if (s_.frames.size() == base) return true;
        bool has = false;
        if (s_.frames.back().is_object) {
          if (!next_member(text, has)) return false;
          if (has && !register_key()) return false;
        } else if (!next_element(has)) {
          return false;
        }
        if (has) break;
      }
    }
  }

  /// Registers the current key of the innermost object for duplicate detection (for keys the
  /// caller does not track itself); records `duplicate_key` when it was already registered.
  bool register_key() {
    JsonScratch::Frame& f = s_.frames.back();
    const std::string_view k = text_of(f.key_off, f.key_len, f.key_in_arena);
    std::uint64_t h = 1469598103934665603ull;
    for (char c : k) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;  // mix: the index uses the low bits
    h ^= h >> 33;
    const std::size_t n = s_.keys.size() - f.keys_begin;
    if (!f.indexed) {
      for (std::size_t i = f.keys_begin; i < s_.keys.size(); ++i)
        if (s_.keys[i].hash == h && text_of(s_.keys[i]) == k) return duplicate();
      s_.keys.push_back({f.key_off, f.key_len, h, f.key_in_arena});
      if (n + 1 >= 16) rebuild_index(f, 64);
      return true;
    }
    std::vector<std::size_t>& table = s_.index[s_.frames.size() - 1];
    const std::size_t mask = table.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::size_t slot = table[i];
      if (slot == 0) break;
      if (s_.keys[slot - 1].hash == h && text_of(s_.keys[slot - 1]) == k) return duplicate();
    }
    s_.keys.push_back({f.key_off, f.key_len, h, f.key_in_arena});
    if ((n + 1) * 2 > table.size()) {
      rebuild_index(f, table.size() * 2);
    } else {
      insert_index(table, s_.keys.size());
    }
    return true;
  }

  /// After the top-level value: only whitespace may follow.
  bool finish() {
    skip_ws();
    if (p_ == end_) return true;
    return bad_byte("trailing_text", "unexpected text after the JSON object: one household per line");
  }

  /// Records the first error with the path of the current value, `up` levels higher, plus an
  /// optional child key. Always returns false.
  SOLEN_COLD bool fail(std::string_view code, std::string_view message, std::size_t up = 0,
            std::string_view child = {}) {
    if (failed_) return false;
    failed_ = true;
    error_.code.assign(code);
    error_.message.assign(message);
    render_path(error_.path, up, child);
    return false;
  }

  /// Adds a warning located at the current value.
  SOLEN_COLD void warn(std::string_view code, std::string_view message) {
    Issue& w = warnings_.emplace_back();
    w.code.assign(code);
    w.message.assign(message);
    render_path(w.path, 0, {});
  }

  /// JSON pointer (RFC 6901) of the current value.
  void render_path(std::string& out, std::size_t up, std::string_view child) const {
    render_json_path(s_, reinterpret_cast<const char*>(begin_), up, child, out);
  }

 private:
  static bool digit(unsigned char c) { return c >= '0' && c <= '9'; }

  std::string_view text_of(std::size_t off, std::size_t len, bool in_arena) const {
    return json_key_text(s_, reinterpret_cast<const char*>(begin_), off, len, in_arena);
  }
  std::string_view text_of(const JsonScratch::Key& k) const { return text_of(k.off, k.len, k.in_arena); }

  void skip_ws() {
    while (p_ != end_ && json_tables.ws[*p_]) ++p_;
  }

  SOLEN_COLD bool syntax(std::string_view message) { return fail("invalid_json", message); }
  SOLEN_COLD bool eof(std::string_view expected) {
    std::string m = "unexpected end of input: expected ";
    m += expected;
    return fail("invalid_json", m);
  }
  /// An unexpected byte: invalid UTF-8 wins over the syntax error.
  SOLEN_COLD bool bad_byte(std::string_view code, std::string_view message) {
    if (*p_ >= 0x80 && utf8_sequence(p_, end_) == 0)
      return fail("invalid_utf8", "the text is not valid UTF-8; re-encode it as UTF-8");
    return fail(code, message);
  }
  SOLEN_COLD bool duplicate() {
    return fail("duplicate_key", "this key appears more than once in the same object; keep only one");
  }

  /// peek() found no value: records why.
  SOLEN_COLD JsonKind no_value() {
    if (p_ == end_) fail("invalid_json", "unexpected end of input: expected a value");
    else bad_byte("invalid_json", "expected a value: object, array, string, number, true, false or null");
    return JsonKind::invalid;
  }

  /// Start of a member: the closing '}' (has=false) or a ',' when one is due, then the
  /// opening quote of the key, left unread.
  bool member_start(bool& has) {
    JsonScratch::Frame& f = s_.frames.back();
    skip_ws();
    if (p_ == end_) return eof(f.started ? "',' or '}'" : "a key or '}'");
    if (*p_ == '}') {
      ++p_;
      s_.keys.resize(f.keys_begin);
      s_.frames.pop_back();
      has = false;
      return true;
    }
    if (f.started) {
      if (*p_ != ',') return bad_byte("invalid_json", "expected ',' or '}' after an object member");
      ++p_;
      f.has_seg = false;
      skip_ws();
      if (p_ == end_) return eof("a key after ','");
    }
    if (*p_ != '"') {
      return bad_byte("invalid_json", f.started ? "expected a double-quoted key after ','"
                                                : "expected a double-quoted key or '}'");
    }
    f.started = true;
    f.has_seg = false;
    has = true;
    return true;
  }

  /// Scans the key and records it as the current path segment.
  bool member_key(std::string_view& key) {
    const std::size_t arena_before = s_.arena.size();
    if (!scan_string(key, &s_.arena)) return false;
    JsonScratch::Frame& g = s_.frames.back();
    g.key_in_arena = s_.arena.size() != arena_before;
    g.key_off = g.key_in_arena ? arena_before : static_cast<std::size_t>(
                                                    reinterpret_cast<const unsigned char*>(key.data()) - begin_);
    g.key_len = key.size();
    g.has_seg = true;
    return true;
  }

  /// The ':' after a key; re-points `key` at the arena when it was decoded there.
  bool member_colon(std::string_view& key) {
    skip_ws();
    if (p_ == end_) return eof("':' after the key");
    if (*p_ != ':') return bad_byte("invalid_json", "expected ':' after an object key");
    ++p_;
    const JsonScratch::Frame& g = s_.frames.back();
    if (g.key_in_arena) key = std::string_view(s_.arena.data() + g.key_off, g.key_len);
    return true;
  }

  bool open(bool is_object) {
    if (s_.frames.size() + 1 > max_depth_) {
      std::string m = "nesting is deeper than ";
      m += std::to_string(max_depth_);
      m += " levels of objects and arrays; flatten the value";
      return fail("too_deep", m);
    }
    ++p_;
    JsonScratch::Frame& f = s_.frames.emplace_back();
    f.is_object = is_object;
    f.keys_begin = s_.keys.size();
    return true;
  }

  void insert_index(std::vector<std::size_t>& table, std::size_t slot) const {
    const std::size_t mask = table.size() - 1;
    std::size_t i = s_.keys[slot - 1].hash & mask;
    while (table[i] != 0) i = (i + 1) & mask;
    table[i] = slot;
  }

  void rebuild_index(JsonScratch::Frame& f, std::size_t size) {
    const std::size_t depth = s_.frames.size() - 1;
    if (s_.index.size() <= depth) s_.index.resize(depth + 1);
    std::vector<std::size_t>& table = s_.index[depth];
    table.assign(size, 0);
    for (std::size_t k = f.keys_begin; k < s_.keys.size(); ++k) insert_index(table, k + 1);
    f.indexed = true;
  }

  /// Scans the string at p_ ('"'): a view of the input when it has no escape, otherwise the
  /// decoded text appended to *buf.
  bool scan_string(std::string_view& out, std::string* buf) {
    const unsigned char* start = ++p_;
    for (;;) {
      while (swar_ok && end_ - p_ >= 8) {  // eight plain ASCII bytes at a time
        const std::uint64_t special = json_special_bytes(load8(p_), true);
        if (special != 0) {
          p_ += first_flagged_byte(special);
          break;
        }
        p_ += 8;
      }
      if (p_ == end_) return syntax("unterminated string: expected a closing '\"'");
      switch (json_tables.str[*p_]) {
        case 0: ++p_; continue;
        case 1:
          out = std::string_view(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p_ - start));
          ++p_;
          return true;
        case 2: return decode_string(start, out, *buf);
        case 3: return syntax("control characters in a string must be escaped");
        default: {
          const std::size_t n = utf8_sequence(p_, end_);
          if (n == 0) return fail("invalid_utf8", "the text is not valid UTF-8; re-encode it as UTF-8");
          p_ += n;
        }
      }
    }
  }

  bool hex4(unsigned& v) {
    if (end_ - p_ < 4) return syntax("expected four hexadecimal digits after \\u");
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const unsigned char c = *p_++;
      unsigned d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10u;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10u;
      else return syntax("expected four hexadecimal digits after \\u");
      v = v * 16 + d;
    }
    return true;
  }

  /// Slow path from the first backslash: decodes escapes into buf (appending).
  bool decode_string(const unsigned char* start, std::string_view& out, std::string& buf) {
    const std::size_t from = buf.size();
    buf.append(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p_ - start));
    const char* const lone = "invalid \\u escape: a surrogate must come in a high-low pair";
    for (;;) {
      if (p_ == end_) return syntax("unterminated string: expected a closing '\"'");
      const unsigned char c = *p_;
      const unsigned char cls = json_tables.str[c];
      if (cls == 0) {
        buf.push_back(static_cast<char>(c));
        ++p_;
      } else if (cls == 1) {
        ++p_;
        out = std::string_view(buf.data() + from, buf.size() - from);
        return true;
      } else if (cls == 3) {
        return syntax("control characters in a string must be escaped");
      } else if (cls == 4) {
        const std::size_t n = utf8_sequence(p_, end_);
        if (n == 0) return fail("invalid_utf8", "the text is not valid UTF-8; re-encode it as UTF-8");
        buf.append(reinterpret_cast<const char*>(p_), n);
        p_ += n;
      } else {
        if (end_ - p_ < 2) return syntax("unterminated string: expected a closing '\"'");
        const unsigned char e = p_[1];
        p_ += 2;
        char simple = 0;
        switch (e) {
          case '"': simple = '"'; break;
          case '\\': simple = '\\'; break;
          case '/': simple = '/'; break;
          case 'b': simple = '\b'; break;
          case 'f': simple = '\f'; break;
          case 'n': simple = '\n'; break;
          case 'r': simple = '\r'; break;
          case 't': simple = '\t'; break;
          case 'u': break;
          default: return syntax("invalid escape sequence in a string");
        }
        if (e != 'u') {
          buf.push_back(simple);
          continue;
        }
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("invalid_utf8", lone);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned lo = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return fail("invalid_utf8", lone);
          p_ += 2;
          if (!hex4(lo)) return false;
          if (lo < 0xDC00 || lo > 0xDFFF) return fail("invalid_utf8", lone);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        append_utf8(buf, cp);
      }
    }
  }

  const unsigned char* p_;
  const unsigned char* const begin_;
  const unsigned char* const end_;
  JsonScratch& s_;
  const std::size_t max_depth_;
  Issue& error_;
  std::vector<Issue>& warnings_;
  bool failed_ = false;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
