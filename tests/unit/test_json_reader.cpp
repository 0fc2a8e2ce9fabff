// Unit tests of the strict JSON pull reader (syntax, UTF-8, depth, duplicate keys, paths).
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "solen/detail/json_reader.hpp"

using solen::Issue;
using solen::detail::JsonKind;
using solen::detail::JsonReader;
using solen::detail::JsonScratch;

namespace {

struct Result {
  bool ok = false;
  Issue error;
};

/// Skips one whole document; returns the first error, if any.
Result check(std::string_view text, int max_depth = 32) {
  JsonScratch scratch;
  Result res;
  std::vector<Issue> warnings;
  JsonReader r(text, scratch, max_depth, res.error, warnings);
  res.ok = r.skip_value() && r.finish();
  CHECK(res.ok == !r.failed());
  return res;
}

std::string code_of(std::string_view text, int max_depth = 32) {
  Result r = check(text, max_depth);
  return r.ok ? std::string("ok") : r.error.code;
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

}  // namespace

TEST_CASE("json reader accepts valid documents") {
  const char* docs[] = {
      "{}", "[]", " { } ", "\t\r\n[ 1 , 2 ]\n", "0", "-0", "1.5e+10", "0.0", "-12.5E-3", "1E5",
      "true", "false", "null", R"("")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u00e9\u20AC")",
      R"("\uD83D\uDE00")", "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
      R"({"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]})", R"({"a":[],"b":{},"c":[[],{}]})",
      R"({"a~b/c":1,"\u0000":2})"};
  for (const char* d : docs) {
    CAPTURE(d);
    CHECK(code_of(d) == "ok");
  }
}

TEST_CASE("json reader rejects syntax errors with invalid_json") {
  const char* docs[] = {"",       "   ",        "{",         "[",          "[1,]",     "{\"a\":1,}",
                        "{\"a\"}", "{\"a\" 1}",  "{a:1}",     "{'a':1}",    "01",       "1.",
                        ".5",     "+1",         "1e",        "-",          "- 1",      "nul",
                        "tru",    "True",       "NaN",       "\"abc",      "\"a\\x\"", "\"\\u12G4\"",
                        "\"\\u12\"", "[1 2]",   "{\"a\":1 \"b\":2}", "\"tab\there\"", "\"nl\nx\"",
                        "[1,,2]", "{,}",        "\"\\",      "{\"a\":}"};
  for (const char* d : docs) {
    CAPTURE(d);
    CHECK(code_of(d) == "invalid_json");
  }
}

TEST_CASE("json reader reports trailing text") {
  CHECK(code_of("{} x") == "trailing_text");
  CHECK(code_of("{}{}") == "trailing_text");
  CHECK(code_of("1 2") == "trailing_text");
  CHECK(code_of("{}  \r\n") == "ok");
}

TEST_CASE("json reader rejects invalid utf8 anywhere") {
  const std::string docs[] = {
      "\"\xC3\x28\"",             // bad continuation
      "\"\xC0\xAF\"",             // overlong '/'
      "\"\xE0\x80\xAF\"",         // overlong, 3 bytes
      "\"\xED\xA0\x80\"",         // UTF-16 surrogate encoded in UTF-8
      "\"\xF4\x90\x80\x80\"",     // above U+10FFFF
      "\"\xF5\x80\x80\x80\"",     // invalid lead byte
      "\"\xE2\x82\"",             // truncated
      "\"\x80\"",                 // lone continuation
      "{\"k\xFF\":1}",            // in a key
      "\"\\uD800\"",              // lone high surrogate escape
      "\"\\uDC00\"",              // lone low surrogate escape
      "\"\\uD800\\u0041\"",       // high surrogate followed by a non-surrogate
      "\"\\uD800x\"",             // high surrogate followed by text
      "[1, \xC3\x28]",            // outside strings
      "{} \xC0\xAF",              // after the value
      "\"aaaaaaaaaaaaaaaa\xC3\x28\""};  // after the 8-byte fast path
  for (const std::string& d : docs) {
    CAPTURE(d);
    CHECK(code_of(d) == "invalid_utf8");
  }
  CHECK(code_of("[1, \xC3\xA9]") == "invalid_json");  // valid UTF-8, still not JSON
}

TEST_CASE("json reader string fast path finds every special byte at every offset") {
  for (std::size_t n = 0; n < 20; ++n) {
    const std::string pad(n, 'a');
    CAPTURE(n);
    CHECK(code_of("\"" + pad + "\"") == "ok");
    CHECK(code_of("\"" + pad + "\\n" + pad + "\"") == "ok");
    CHECK(code_of("\"" + pad + "\xC3\xA9" + pad + "\"") == "ok");
    CHECK(code_of("\"" + pad + "\x1F" + pad + "\"") == "invalid_json");
    CHECK(code_of("\"" + pad + "\x7F" + pad + "\"") == "ok");  // DEL is allowed by RFC 8259
    CHECK(code_of("\"" + pad) == "invalid_json");
  }
}

TEST_CASE("json reader decodes strings") {
  JsonScratch scratch;
  Issue error;
  std::vector<Issue> warnings;
  const std::string text = R"(["plain", "a\tb\u00e9\uD83D\uDE00\/", "\u0000"])";
  JsonReader r(text, scratch, 32, error, warnings);
  REQUIRE(r.peek() == JsonKind::array);
  REQUIRE(r.begin_array());
  bool has = false;
  std::string_view s;
  REQUIRE(r.next_element(has));
  REQUIRE(has);
  REQUIRE(r.peek() == JsonKind::string);
  REQUIRE(r.read_string(s));
  CHECK(s == "plain");
  REQUIRE(r.next_element(has));
  REQUIRE(r.peek() == JsonKind::string);
  REQUIRE(r.read_string(s));
  CHECK(s == "a\tb\xC3\xA9\xF0\x9F\x98\x80/");
  REQUIRE(r.next_element(has));
  REQUIRE(r.peek() == JsonKind::string);
  REQUIRE(r.read_string(s));
  CHECK(s == std::string_view("\0", 1));
  REQUIRE(r.next_element(has));
  CHECK_FALSE(has);
  CHECK(r.finish());
}

TEST_CASE("json reader returns the exact text of numbers") {
  JsonScratch scratch;
  Issue error;
  std::vector<Issue> warnings;
  const std::string text = "[842.37, -0, 18446744073709551616, 2.5e-3]";
  JsonReader r(text, scratch, 32, error, warnings);
  REQUIRE(r.begin_array());
  const char* expected[] = {"842.37", "-0", "18446744073709551616", "2.5e-3"};
  bool has = false;
  for (const char* e : expected) {
    REQUIRE(r.next_element(has));
    REQUIRE(r.peek() == JsonKind::number);
    std::string_view raw;
    REQUIRE(r.read_number(raw));
    CHECK(raw == e);
  }
  REQUIRE(r.next_element(has));
  CHECK_FALSE(has);
}

TEST_CASE("json reader limits depth, counting the outer value as 1") {
  CHECK(code_of(nested(32)) == "ok");
  CHECK(code_of(nested(33)) == "too_deep");
  CHECK(code_of("{\"a\":" + nested(31) + "}") == "ok");
  CHECK(code_of("{\"a\":" + nested(32) + "}") == "too_deep");
  CHECK(code_of(nested(3), 2) == "too_deep");
  // Far deeper than the limit: stops at the limit, no recursion.
  CHECK(code_of(std::string(200000, '[')) == "too_deep");
  Result r = check("{\"a\":[{\"b\":[[]]}]}", 4);
  CHECK(r.error.code == "too_deep");
  CHECK(r.error.path == "/a/0/b/0");
}

TEST_CASE("json reader detects duplicate keys at every level") {
  CHECK(code_of(R"({"a":1,"a":2})") == "duplicate_key");
  CHECK(code_of(R"({"a":1,"b":{"c":1,"c":1}})") == "duplicate_key");
  CHECK(code_of(R"({"a":1,"\u0061":2})") == "duplicate_key");  // same key once decoded
  CHECK(code_of(R"([{"a":1},{"a":1}])") == "ok");
  CHECK(code_of(R"({"a":{"a":{"a":1}}})") == "ok");
  CHECK(code_of(R"({"a":{"b":1},"b":1})") == "ok");  // a nested key does not count for the parent
  Result r = check(R"({"x":[{"k":1,"k\/":2,"k/":3}]})");
  CHECK(r.error.code == "duplicate_key");
  CHECK(r.error.path == "/x/0/k~1");
}

TEST_CASE("json reader detects duplicates in large objects through its index") {
  auto big = [](int n, const std::string& extra) {
    std::string s = "{";
    for (int i = 0; i < n; ++i) s += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    s += extra;
    s += "}";
    return s;
  };
  CHECK(code_of(big(5000, "\"end\":0")) == "ok");
  CHECK(code_of(big(5000, "\"k0\":0")) == "duplicate_key");
  CHECK(code_of(big(5000, "\"k4999\":0")) == "duplicate_key");
  CHECK(code_of(big(17, "\"k3\":0")) == "duplicate_key");
  // Nested large objects keep separate key sets, and the parent continues after the child.
  std::string nested_big = "{\"a\":" + big(100, "\"z\":1") + ",\"k1\":1,\"b\":" + big(100, "\"z\":1") + "}";
  CHECK(code_of(nested_big) == "ok");
  std::string outer = big(40, "\"inner\":" + big(40, "\"zz\":1") + ",\"k5\":1");
  CHECK(code_of(outer) == "duplicate_key");
  CHECK(check(outer).error.path == "/k5");
}

TEST_CASE("json reader renders json pointer paths of errors") {
  Result r = check(R"({"a/b":{"m~n":[1, 2, {"x": tru}]}})");
  CHECK(r.error.code == "invalid_json");
  CHECK(r.error.path == "/a~1b/m~0n/2/x");
  r = check(R"({"a":1,})");
  CHECK(r.error.path == "");
  r = check(R"({"list":[1,2,])");
  CHECK(r.error.code == "invalid_json");
  CHECK(r.error.path == "/list/2");
  r = check(R"({"\u00e9\u007e":")" "\xC3\x28" R"("})");
  CHECK(r.error.code == "invalid_utf8");
  CHECK(r.error.path == "/\xC3\xA9~0");
}

TEST_CASE("json reader error messages say what was expected") {
  CHECK(check("{\"a\" 1}").error.message.find("':'") != std::string::npos);
  CHECK(check("[1 2]").error.message.find("','") != std::string::npos);
  CHECK(check("").error.message.find("expected") != std::string::npos);
}
