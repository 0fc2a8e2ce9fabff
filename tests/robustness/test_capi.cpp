// Robustness of the C ABI (libsolen): every corpus line through solen_evaluate (a non-OK
// status, NULL output and a message without personal data for each bad line), the corpus as one
// solen_evaluate_batch, broken packs through solen_engine_new_from_json, and concurrent
// solen_evaluate calls on one shared engine (run it under TSan too).
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "rob_common.hpp"
#include "solen/solen.h"

namespace {

/// The default engine, created once and shared by every test and thread.
const solen_engine* engine() {
  static solen_engine* e = [] {
    solen_engine* p = nullptr;
    REQUIRE(solen_engine_new_default(&p) == SOLEN_OK);
    return p;
  }();
  return e;
}

const std::string kOptions = R"({"as_of":"2020-01-15"})";

std::string take(char* s, std::size_t len) {
  std::string out(s, len);
  solen_string_free(s);
  return out;
}

std::string batch(const std::string& jsonl, const std::string& options) {
  char* out = nullptr;
  std::size_t len = 0;
  const solen_status s = solen_evaluate_batch_ex(engine(), jsonl.data(), jsonl.size(), options.data(),
                                                 options.size(), &out, &len);
  REQUIRE(s == SOLEN_OK);
  REQUIRE(out != nullptr);
  CHECK(out[len] == '\0');
  return take(out, len);
}

bool parse_code(const std::string& code) {
  return code == "invalid_json" || code == "invalid_utf8" || code == "duplicate_key" ||
         code == "too_deep" || code == "line_too_long";
}

}  // namespace

TEST_CASE("capi: solen_evaluate on each corpus line") {
  for (const rob::Expectation& e : rob::corpus().expected) {
    CAPTURE(rob::describe(e));
    const std::string line = rob::household_of(e);
    char* out = reinterpret_cast<char*>(&out);  // garbage: must be reset
    std::size_t len = 12345;
    const solen_status s = solen_evaluate(engine(), line.data(), line.size(), &out, &len);
    if (e.status == "error") {
      CHECK(s != SOLEN_OK);
      if (parse_code(e.code)) CHECK(s == SOLEN_E_PARSE);
      else if (e.code != "trailing_text") CHECK(s == SOLEN_E_SCHEMA);
      else CHECK((s == SOLEN_E_PARSE || s == SOLEN_E_SCHEMA));
      CHECK(out == nullptr);
      CHECK(len == 0);
      const std::string message = solen_last_error();
      CHECK_FALSE(message.empty());
      CHECK_FALSE(rob::has_sentinel(message));
      CHECK(std::string(solen_last_error_code()) == e.code);
      CHECK(std::string(solen_last_error_path()) == e.path);
    } else {
      REQUIRE(s == SOLEN_OK);
      REQUIRE(out != nullptr);
      CHECK(std::string(solen_last_error()).empty());
      const std::string decision = take(out, len);
      const rob::json d = rob::json::parse(decision);
      CHECK(d["status"] == e.status);
      CHECK(d["id"] == e.id);
      if (e.status == "excluded") CHECK(rob::check_decision(e, decision) == "");
    }
  }
}

TEST_CASE("capi: solen_evaluate_ex with a date gives what the batch gives") {
  for (const rob::Expectation& e : rob::corpus().expected) {
    if (e.status == "error") continue;
    CAPTURE(rob::describe(e));
    const std::string line = rob::household_of(e);
    char* out = nullptr;
    std::size_t len = 0;
    REQUIRE(solen_evaluate_ex(engine(), line.data(), line.size(), kOptions.data(), kOptions.size(),
                              &out, &len) == SOLEN_OK);
    CHECK(rob::check_decision(e, take(out, len)) == "");
  }
}

TEST_CASE("capi: solen_evaluate_batch on the whole corpus gives OK and one decision per line in order") {
  const std::string& text = rob::corpus().text;
  const std::string one = batch(text, R"({"as_of":"2020-01-15","threads":1})");
  for (const std::string& problem : rob::check_output(one)) FAIL_CHECK(problem);
  CHECK(batch(text, R"({"as_of":"2020-01-15","threads":4})") == one);
  CHECK(batch(text, kOptions) == one);
  // The default options (no date): still one decision per line, same statuses.
  char* out = nullptr;
  std::size_t len = 0;
  REQUIRE(solen_evaluate_batch(engine(), text.data(), text.size(), &out, &len) == SOLEN_OK);
  const std::vector<std::string> lines = rob::split_lines(take(out, len));
  REQUIRE(lines.size() == rob::corpus().expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    CHECK(rob::json::parse(lines[i])["status"] == rob::corpus().expected[i].status);
}

TEST_CASE("capi: broken packs are refused with every problem and no engine") {
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    const std::string text = p.text();
    solen_engine* e = reinterpret_cast<solen_engine*>(&e);  // garbage: must be reset
    const solen_status s = solen_engine_new_from_json(text.data(), text.size(), &e);
    CHECK(s == SOLEN_E_RULES);
    CHECK(e == nullptr);
    if (s == SOLEN_OK) solen_engine_free(e);  // accepted by mistake: reported above
    const std::string message = solen_last_error();
    CAPTURE(message);
    CHECK_FALSE(std::string(solen_last_error_code()).empty());
    for (const rob::json& want : p.issues) {
      CAPTURE(want.dump());
      CHECK(rob::text_reports(message, want));
    }
    e = reinterpret_cast<solen_engine*>(&e);
    const solen_status f = solen_engine_new_from_file(p.path().c_str(), &e);
    CHECK(f == SOLEN_E_RULES);
    CHECK(e == nullptr);
    if (f == SOLEN_OK) solen_engine_free(e);
  }
  solen_engine* e = nullptr;
  CHECK(solen_engine_new_from_file((rob::fixtures + "/packs/no-such-pack.json").c_str(), &e) == SOLEN_E_IO);
  CHECK(e == nullptr);
  REQUIRE(solen_engine_new_from_file(rob::valid_pack_path().c_str(), &e) == SOLEN_OK);
  CHECK(std::string(solen_engine_pack_sha256(e)) == solen_engine_pack_sha256(engine()));
  solen_engine_free(e);
}

TEST_CASE("capi: concurrent solen_evaluate calls share one engine and keep their own last error") {
  const std::string caseload = rob::read_file(rob::fixtures + "/caseload.jsonl");
  const std::vector<std::string> want = rob::split_lines(batch(caseload, R"({"as_of":"2020-01-15","threads":1})"));
  const std::vector<std::string> in = rob::split_lines(caseload);
  REQUIRE(want.size() == in.size());
  constexpr unsigned n = 8;
  std::vector<std::string> got(in.size());
  std::vector<std::string> batches(n);
  std::vector<int> bad_errors(n, 0);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < in.size(); i += n) {
        char* out = nullptr;
        std::size_t len = 0;
        const solen_status s = solen_evaluate_ex(engine(), in[i].data(), in[i].size(), kOptions.data(),
                                                 kOptions.size(), &out, &len);
        if (s == SOLEN_OK) {
          got[i] = take(out, len);
          if (solen_last_error()[0] != '\0') ++bad_errors[t];
        } else {
          // Rebuild the error decision from this thread's last error.
          if (out != nullptr || solen_last_error_code()[0] == '\0') ++bad_errors[t];
          got[i] = std::string("error:") + solen_last_error_code() + ":" + solen_last_error_path();
        }
      }
      if (t % 2 == 1) batches[t] = batch(caseload, R"({"as_of":"2020-01-15","threads":2})");
    });
  }
  for (std::thread& th : pool) th.join();
  for (unsigned t = 0; t < n; ++t) CHECK(bad_errors[t] == 0);
  for (std::size_t i = 0; i < in.size(); ++i) {
    CAPTURE(i);
    const rob::json d = rob::json::parse(want[i]);
    if (d["status"] == "error") {
      CHECK(got[i] == "error:" + d["error"]["code"].get<std::string>() + ":" + d["error"]["path"].get<std::string>());
    } else {
      CHECK(got[i] == want[i]);
    }
  }
  const std::string reference = batch(caseload, R"({"as_of":"2020-01-15","threads":1})");
  for (unsigned t = 1; t < n; t += 2) CHECK(batches[t] == reference);
}
