// A char cursor appending JSON to a std::string: one capacity check per piece, no per-byte calls.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "solen/date.hpp"
#include "solen/detail/civil_days.hpp"
#include "solen/detail/json_bytes.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Growable bytes written in place. Unlike std::string, growing does not zero-fill, so a writer
/// reserves room, writes through a raw pointer and commits what it wrote: the streaming paths
/// write a whole block of decisions into one and hand its bytes to fwrite, with no copy.
class ByteBlock {
 public:
  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  /// Keeps the first size() bytes; the others are unspecified.
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    std::unique_ptr<char[]> grown(new char[n]);  // default-initialised: not zero-filled
    if (size_) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = n;
  }
  /// The first n bytes (n <= capacity()) have been written through data().
  void commit_size(std::size_t n) { size_ = n; }
  void push_back(char c) {
    if (size_ == capacity_) reserve(2 * capacity_ + 64);
    data_[size_++] = c;
  }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Writes JSON through a raw cursor, either in place at the end of a ByteBlock, or into a
/// per-thread block appended to a std::string in one copy when destroyed (growing the string
/// itself ahead would zero-fill it on every piece). One JsonOut per thread at a time.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : block_(scratch()), append_to_(&out) {
    block_.clear();
    start();
  }
  explicit JsonOut(ByteBlock& out) : block_(out) { start(); }
  ~JsonOut() {
    block_.commit_size(static_cast<std::size_t>(p_ - block_.data()));
    if (append_to_) append_to_->append(block_.data(), block_.size());
  }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  /// Makes room for n more bytes.
  void need(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }

  /// For a run of bounded pieces: room for n bytes, written through the returned cursor with
  /// the put_* helpers, then handed back with commit(). One capacity check for the whole run.
  char* reserve(std::size_t n) {
    need(n);
    return p_;
  }
  void commit(char* p) { p_ = p; }

  template <std::size_t N>
  static char* put(char* p, const char (&s)[N]) {
    std::memcpy(p, s, N - 1);
    return p + N - 1;
  }
  /// Decimal digits of v; at most 20 bytes.
  static char* put_uint(char* p, std::uint64_t v) {
    if (v < 10) {
      *p = static_cast<char>('0' + v);
      return p + 1;
    }
    if (v < 100) return put2(p, static_cast<unsigned>(v));
    char buf[20];
    char* b = buf + 20;
    while (v >= 100) {
      b -= 2;
      put2(b, static_cast<unsigned>(v % 100));
      v /= 100;
    }
    if (v >= 10) {
      b -= 2;
      put2(b, static_cast<unsigned>(v));
    } else {
      *--b = static_cast<char>('0' + v);
    }
    const std::size_t n = static_cast<std::size_t>(buf + 20 - b);
    std::memcpy(p, b, n);
    return p + n;
  }
  /// Euros with two decimals, as Money::append_to writes them (no quotes); at most 24 bytes.
  static char* put_money(char* p, Money m) {
    std::uint64_t c = static_cast<std::uint64_t>(m.cents());
    if (m.cents() < 0) {
      *p++ = '-';
      c = 0 - c;
    }
    p = put_uint(p, c / 100);
    *p = '.';
    return put2(p + 1, static_cast<unsigned>(c % 100));
  }
  /// "YYYY-MM-DD" for years 0 to 9999 (no quotes); 10 bytes.
  static char* put_ymd(char* p, int y, int m, int d) {
    put2(p, static_cast<unsigned>(y / 100));
    put2(p + 2, static_cast<unsigned>(y % 100));
    p[4] = '-';
    put2(p + 5, static_cast<unsigned>(m));
    p[7] = '-';
    return put2(p + 8, static_cast<unsigned>(d));
  }

  /// A string literal: its length is known at compile time, so the copy is a few moves.
  template <std::size_t N>
  void lit(const char (&s)[N]) {
    need(N - 1);
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void raw(std::string_view s) {
    need(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void ch(char c) {
    need(1);
    *p_++ = c;
  }
  /// Quotes an engine-owned identifier (enumeration names, input paths): never needs escaping.
  void name(std::string_view s) {
    need(s.size() + 2);
    *p_++ = '"';
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
    *p_++ = '"';
  }

  /// A JSON string with the escapes RFC 8259 requires: long pack texts are copied a word at a
  /// time and only their rare special bytes are handled one by one.
  void str(std::string_view s) {
    need(s.size() * 6 + 2 + 8);  // every byte may become \u00XX; + a whole-word tail store
    char* p = p_;
    *p++ = '"';
    const char* in = s.data();
    const char* const e = in + s.size();
    if (swar_ok) {
      while (e - in >= 8) {
        const std::uint64_t w = load8(in);
        std::memcpy(p, &w, 8);  // in bounds: 8 output bytes for 8 input bytes at most 6*len
        const std::uint64_t special = json_special_bytes(w, false);
        if (special == 0) {
          in += 8;
          p += 8;
          continue;
        }
        const unsigned k = first_flagged_byte(special);
        in += k;
        p = escape(p + k, static_cast<unsigned char>(*in++));
      }
      const std::size_t tail = static_cast<std::size_t>(e - in);
      if (tail != 0 && s.size() >= 8) {  // the last word, re-read so that it ends at `e`
        const std::uint64_t w = load8(e - 8) >> (8 * (8 - tail));
        if ((json_special_bytes(w, false) & ((std::uint64_t{1} << (8 * tail)) - 1)) == 0) {
          std::memcpy(p, &w, 8);
          in = e;
          p += tail;
        }
      }
    }
    while (in < e) p = escape(p, static_cast<unsigned char>(*in++));
    *p++ = '"';
    p_ = p;
  }

  void uint(std::uint64_t v) {
    need(20);
    p_ = put_uint(p_, v);
  }
  void int64(std::int64_t v) {
    need(21);
    std::uint64_t u = static_cast<std::uint64_t>(v);
    if (v < 0) {
      *p_++ = '-';
      u = 0 - u;
    }
    p_ = put_uint(p_, u);
  }
  void money(Money m) {
    need(24);
    p_ = put_money(p_, m);
  }
  void ymd(int y, int m, int d) {
    need(10);
    p_ = put_ymd(p_, y, m, d);
  }
  void date(const Date& d) {
    const CivilDate c = civil_from_jdn(d.day_number());
    ymd(c.year, c.month, c.day);
  }

  /// An exact decimal (fixed >= 0: rounded to that many places), through Number's own
  /// formatting; the text fits the small-string buffer, so this allocates nothing.
  void decimal(const Number& n, int fixed) {
    std::string t;
    if (fixed >= 0) n.append_fixed(t, fixed); else n.append_decimal(t);
    raw(t);
  }

 private:
  /// Two digits of v < 100.
  static char* put2(char* p, unsigned v) {
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    std::memcpy(p, pairs + 2 * v, 2);
    return p + 2;
  }

  static char* escape(char* p, unsigned char c) {
    if (c >= 0x20 && c != '"' && c != '\\') {
      *p++ = static_cast<char>(c);
    } else if (c == '"' || c == '\\') {
      *p++ = '\\';
      *p++ = static_cast<char>(c);
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      std::memcpy(p, "\\u00", 4);
      p[4] = hex[c >> 4];
      p[5] = hex[c & 15];
      p += 6;
    }
    return p;
  }

  /// Sized once per thread and only ever grown: its bytes are overwritten, never cleared.
  static ByteBlock& scratch() {
    thread_local ByteBlock b;
    return b;
  }

  void start() {
    constexpr std::size_t room = std::size_t{16} << 10;  // a decision without reasons fits
    if (block_.capacity() - block_.size() < room) block_.reserve(2 * block_.capacity() + room);
    p_ = block_.data() + block_.size();
    end_ = block_.data() + block_.capacity();
  }

  void grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(p_ - block_.data());
    block_.commit_size(used);
    block_.reserve(2 * block_.capacity() + n);
    p_ = block_.data() + used;
    end_ = block_.data() + block_.capacity();
  }

  ByteBlock& block_;
  std::string* append_to_ = nullptr;
  char* p_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
