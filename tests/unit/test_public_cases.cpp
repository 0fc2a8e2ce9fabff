// Runs every sourced legal case of tariffs-public.jsonl (see tests/cases) through the engine.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "solen/engine.hpp"

namespace {
using nlohmann::json;

const solen::Engine& engine() {
  static const solen::Engine e = solen::Engine::embedded();
  return e;
}

bool dec_equal(const json& actual, const std::string& expected, const std::string& tolerance) {
  if (!actual.is_string()) return false;
  auto a = solen::Number::parse(actual.get<std::string>());
  auto e = solen::Number::parse(expected);
  auto t = solen::Number::parse(tolerance);
  if (!a || !e || !t) return false;
  solen::Number diff = solen::Number::ratio(solen::Number{a->num * e->den - e->num * a->den, a->den * e->den},
                                            solen::Number::integer(1));
  if (diff.num < 0) diff.num = -diff.num;
  return diff <= *t;
}

/// Checks one [pointer, op, value] expectation; returns a message when it fails.
std::string check(const json& decision, const json& exp) {
  const std::string ptr = exp[0], op = exp[1];
  const json& want = exp[2];
  if (op == "exceptional") {
    const json& list = decision.at("tariffs").at("exceptional");
    const json* item = nullptr;
    for (const json& x : list)
      if (x.value("scheme", "") == want["scheme"]) item = &x;
    bool zero = want["amount"] == "0.00";
    if (!item) return zero ? "" : "no exceptional item for " + want["scheme"].get<std::string>();
    if (zero && (item->at("amount").is_null() || dec_equal(item->at("amount"), "0", "0"))) return "";
    return dec_equal(item->at("amount"), want["amount"], "0") ? "" : "exceptional amount " + item->dump();
  }
  json::json_pointer p(ptr);
  if (!decision.contains(p)) return ptr + " missing";
  const json& got = decision.at(p);
  bool ok = false;
  if (op == "eq") ok = got == want;
  else if (op == "in") ok = std::find(want.begin(), want.end(), got) != want.end();
  else if (op == "dec") ok = dec_equal(got, want, "0");
  else if (op == "dec01") ok = dec_equal(got, want, "0.01");
  else return "unknown op " + op;
  return ok ? "" : ptr + " " + op + " " + want.dump() + " but got " + got.dump();
}
}  // namespace

TEST_CASE("public legal cases (tariffs-public.jsonl)") {
  std::ifstream in(SOLEN_PUBLIC_CASES);
  REQUIRE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json c = json::parse(line);
    std::string out;
    solen::Issue err;
    bool ok = engine().evaluate_json(c["household"].dump(), out, err);
    CAPTURE(c["case"].get<std::string>());
    REQUIRE_MESSAGE(ok, err.message);
    json decision = json::parse(out);
    for (const json& exp : c["expect"]) {
      std::string failure = check(decision, exp);
      CHECK_MESSAGE(failure.empty(), c["case"].get<std::string>() << ": " << failure);
    }
    ++cases;
  }
  CHECK(cases >= 80);
}
