// The invariants of a rule-pack load, shared by the raw and the structure-aware pack fuzzers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "solen/rulepack_loader.hpp"

namespace fuzz {

/// Households that exercise every stage (rights, protections, schedule, plan, orientation).
inline const char* const probe_households[] = {
    R"({"id":"P1","as_of":"2016-03-20","territory":{"departement":"59","commune":"59350"},"members":[{"role":"declarant","birth_date":"1975-04-02"},{"role":"spouse","age":40},{"role":"child","birth_date":"2010-06-01","alternating_custody":true},{"role":"other","age":23,"other_tax_household":true}],"income":{"rfr":"14000","rfr_year":2014,"holder_rfr":"12000","tax_parts":2.5,"monthly_resources":"1250.00"},"benefits":["cmu_c","acs","css","rsa","aah","aspa"],"housing":{"tenure":"tenant_social","energy_label":"F","main_residence":true},"energy":{"electricity":{"supplier":"EDF","subscribed_kva":6,"smart_meter":true,"annual_bill":"780.00","monthly_instalment":"65.00"},"gas":{"supplier":"ENGIE","annual_kwh":9000,"individual_contract":true,"collective_heating":false},"main_heating":"electricity"},"debt":{"amount":"842.37","energy":"electricity","supplier":"EDF","signalled_on":"2016-03-14","cut_notice_on":"2016-04-10","supply_state":"normal","deductions":[{"kind":"fsl_grant","amount":"300.00"}]},"aids":[{"kind":"fsl_energy","on":"2015-06-01","amount":"300.00"}],"cheque_energie":{"received":false,"attestation_sent":false},"follow_up":{"referent":"rsa"},"contact_attempts":[{"on":"2016-03-25","mode":"visit","outcome":"absent"}],"repayment_plan":{"kind":"cme","signed_on":"2015-10-01","principal":"500.00","months":10,"payments":[{"on":"2015-11-01","amount":"50.00"}]},"consent":{"objection":false}})",
    R"({"id":"P2","as_of":"2022-12-15","territory":{"departement":"62"},"members":[{"role":"declarant","age":70}],"income":{"rfr":"9000","rfr_year":2021,"tax_parts":1,"monthly_resources":"900.00"},"housing":{"tenure":"owner","energy_label":"G","main_residence":true},"energy":{"electricity":{"supplier":"TotalEnergies","subscribed_kva":9,"annual_bill":"1500.00","monthly_instalment":"120.00"},"main_heating":"fuel_oil"},"debt":{"amount":"3000.00","energy":"electricity","supplier":"TotalEnergies","supply_state":"limited_1kva"},"contact_attempts":[{"on":"2022-10-01","mode":"visit","outcome":"absent"},{"on":"2022-11-01","mode":"visit","outcome":"absent"}]})",
    R"({"id":"P3","members":[{"role":"declarant"}]})",
    R"({"id":"P4","as_of":"2026-02-01","members":[{"role":"declarant","age":30},{"role":"child","age":3}],"income":{"holder_rfr":"20000"},"energy":{"main_heating":"wood_pellets"}})"};

/// Loads `text` both ways and checks the invariants; evaluates the probes when it loads.
/// A refused pack is compiled a second time (Engine::from_json) only when `load_refused` is
/// set: compiling the real pack under ASan takes about 0.1 s.
inline void check_pack(std::string_view text, bool load_refused = true) {
  std::vector<solen::Issue> issues;
  try {
    issues = solen::check_rulepack(text);
  } catch (const std::exception& e) {
    FUZZ_ASSERT(false, std::string("check_rulepack threw: ") + e.what());
  }
  for (const solen::Issue& i : issues) {
    FUZZ_ASSERT(!i.code.empty() && !i.message.empty(), "issue without code or message");
    FUZZ_ASSERT(i.path.empty() || i.path[0] == '/', "issue path " + i.path);
  }
  if (!issues.empty() && !load_refused) return;
  bool loaded = false;
  try {
    const solen::Engine e = solen::Engine::from_json(text);
    loaded = true;
    solen::EvalOptions o;
    o.as_of = solen::Date(2020, 1, 15);
    std::string out;
    solen::DecisionError err;
    for (const char* h : probe_households) {
      e.evaluate_json(h, out, err, o);
      check_decision_text(out);
    }
    std::string batch;
    solen::BatchOptions b;
    b.threads = 1;
    b.eval = o;
    e.evaluate_jsonl(probe_households[0], batch, b);
    FUZZ_ASSERT(!batch.empty(), "empty batch output");
  } catch (const solen::Error& x) {
    FUZZ_ASSERT(!loaded, std::string("evaluating with a loaded pack threw: ") + x.what());
    FUZZ_ASSERT(x.kind() == solen::ErrorKind::rules, "a pack problem of another kind");
  } catch (const std::exception& x) {
    FUZZ_ASSERT(false, std::string(loaded ? "evaluation threw: " : "Engine::from_json threw a non-solen::Error: ") + x.what());
  }
  FUZZ_ASSERT(loaded == issues.empty(), loaded ? "a pack with problems was loaded" : "a pack without problems was refused");
}

}  // namespace fuzz
