// `solen summary DECISIONS.jsonl`: caseload summary of decisions written by `solen evaluate`.
// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "solen/summary.hpp"

namespace solen::cli {
namespace {

template <std::size_t N>
void count(std::array<std::uint64_t, N>& arr, const std::string_view* names, const nlohmann::json& v) {
  if (!v.is_string()) return;
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == v.get<std::string>()) ++arr[i];
}

std::int64_t cents(const nlohmann::json& v) {
  if (!v.is_string()) return 0;
  auto m = Money::parse(v.get<std::string>());
  return m ? m->cents() : 0;
}

}  // namespace

int summary(const std::vector<std::string>& args) {
  bool as_json = false;
  std::string file;
  for (const std::string& a : args) {
    if (a == "--json") as_json = true;
    else file = a;
  }
  if (file.empty()) {
    std::fprintf(stderr, "usage: solen summary [--json] DECISIONS.jsonl\n");
    return 2;
  }
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "solen: cannot read %s\n", file.c_str());
    return 1;
  }
  Summary s;
  std::string line;
  static constexpr std::string_view statuses[] = {"ok", "error", "excluded"};
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json d = nlohmann::json::parse(line, nullptr, false);
    if (d.is_discarded() || !d.is_object()) {
      std::fprintf(stderr, "solen: %s is not a decision file (line %llu)\n", file.c_str(),
                   static_cast<unsigned long long>(s.households + 1));
      return 1;
    }
    ++s.households;
    count(s.status, statuses, d.value("status", nlohmann::json()));
    if (d.value("status", "") != "ok") continue;
    const auto& o = d["orientation"];
    count(s.route, names::route, o.value("route", nlohmann::json()));
    count(s.urgency, names::urgency, o.value("urgency", nlohmann::json()));
    for (const auto& m : o.value("measures", nlohmann::json::array())) count(s.measure, names::measure, m.value("code", nlohmann::json()));
    const auto& t = d["tariffs"];
    count(s.cheque_status, names::tariff_status, t["cheque_energie"].value("status", nlohmann::json()));
    if (t["cheque_energie"].value("status", "") == "eligible") s.cheque_total_cents += cents(t["cheque_energie"]["amount"]);
    for (const char* k : {"tpn", "tss"})
      if (t[k].value("status", "") == "eligible") s.social_tariff_total_cents += cents(t[k]["amount"]);
    for (const auto& x : t.value("exceptional", nlohmann::json::array()))
      if (x.value("status", "") == "eligible") s.exceptional_total_cents += cents(x["amount"]);
    const auto& sc = d["schedule"];
    if (sc.is_object()) {
      s.debt_total_cents += cents(sc["debt"]);
      s.scheduled_total_cents += cents(sc["principal"]);
      ++(sc.value("kind", "") == "cme" ? s.cme : s.supplier_plans);
    }
    const auto& rp = d["repayment_plan"];
    if (rp.is_object() && rp.value("status", "") == "lapsed") ++s.lapsed_plans;
  }
  std::fputs(as_json ? (s.to_json() + "\n").c_str() : s.to_text().c_str(), stdout);
  return 0;
}

}  // namespace solen::cli
