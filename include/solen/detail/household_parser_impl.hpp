// Inline implementation of solen::parse_household: maps format-1 JSON onto the Household model.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "solen/detail/json_field_reads.hpp"
#include "solen/detail/json_reader.hpp"
#include "solen/detail/plain_values.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Keys and enumeration values of format 1; a position in a list is a bit or an enum value.
namespace fmt1 {
inline constexpr NameSet top({"id", "as_of", "territory", "members", "income", "benefits",
                             "housing", "energy", "debt", "aids", "cheque_energie", "follow_up",
                             "contact_attempts", "repayment_plan", "consent"});
inline constexpr NameSet territory({"departement", "commune"});
inline constexpr NameSet member({"role", "birth_date", "age", "alternating_custody",
                                "other_tax_household"});
inline constexpr NameSet income({"rfr", "rfr_year", "holder_rfr", "tax_parts", "monthly_resources"});
inline constexpr NameSet housing({"tenure", "energy_label", "main_residence"});
inline constexpr NameSet energy({"electricity", "gas", "main_heating"});
inline constexpr NameSet electricity({"supplier", "subscribed_kva", "smart_meter", "annual_bill",
                                     "monthly_instalment"});
inline constexpr NameSet gas({"supplier", "annual_kwh", "individual_contract",
                             "collective_heating", "annual_bill", "monthly_instalment"});
inline constexpr NameSet debt({"amount", "energy", "supplier", "signalled_on", "cut_notice_on",
                              "signed_on", "supply_state", "disputed", "deductions"});
inline constexpr NameSet deduction({"kind", "amount"});
inline constexpr NameSet aid({"kind", "on", "amount"});
inline constexpr NameSet cheque({"received", "attestation_sent"});
inline constexpr NameSet follow_up({"referent"});
inline constexpr NameSet contact({"on", "mode", "outcome"});
inline constexpr NameSet plan({"kind", "signed_on", "principal", "months", "payments"});
inline constexpr NameSet payment({"on", "amount"});
inline constexpr NameSet consent({"objection"});

inline constexpr NameSet role({"declarant", "spouse", "child", "other"});
inline constexpr NameSet tenure({"owner", "tenant_social", "tenant_private", "hosted",
                                "social_residence"});
inline constexpr NameSet label({"A", "B", "C", "D", "E", "F", "G"});
inline constexpr NameSet heating({"electricity", "gas", "fuel_oil", "wood_pellets", "wood_logs",
                                 "collective", "other"});
inline constexpr NameSet supply_state({"normal", "reduced", "limited_1kva", "cut"});
inline constexpr NameSet referent({"none", "rsa", "social_worker", "ccas", "other"});
inline constexpr NameSet mode({"letter", "visit", "phone"});
inline constexpr NameSet outcome({"absent", "no_answer_at_door", "declined_conversation",
                                 "reached", "no_reply"});
inline constexpr NameSet deduction_kind({"fsl_grant", "ccas_aid", "supplier_writeoff",
                                        "upfront_payment", "cheque_energie"});
inline constexpr NameSet energy_kind({"electricity", "gas"});
inline constexpr NameSet plan_kind({"cme", "supplier_plan"});
inline constexpr NameSet benefit({"cmu_c", "acs", "css", "rsa", "aah", "aspa"});
inline constexpr NameSet aid_kind({"fsl_energy", "ccas_aid", "supplier_aid", "other"});
}  // namespace fmt1

constexpr std::uint32_t bits(std::initializer_list<int> positions) {
  std::uint32_t m = 0;
  for (int p : positions) m |= 1u << p;
  return m;
}

/// Walks one household object with a JsonReader and fills a Household. Every method returns
/// false once an error has been recorded in the reader.
class HouseholdMapper : JsonFieldReads {
 public:
  HouseholdMapper(JsonReader& r, Household& h, ParseOutcome& o, const ParseLimits& l)
      : JsonFieldReads(r), h_(h), o_(o), lim_(l) {}

  bool run() {
    const JsonKind k = r_.peek();
    if (k == JsonKind::invalid) return false;
    if (k != JsonKind::object)
      return r_.fail("not_an_object", "a household must be a JSON object ({...})");
    if (!object(k, fmt1::top, bits({0, 3}), [&](int i, JsonKind v) { return top(i, v); }))
      return false;
    return r_.finish();
  }

 private:
  static std::size_t count_limit(int v) { return v < 0 ? 0 : static_cast<std::size_t>(v); }

  bool read_id(JsonKind k) {
    sv text;
    if (k == JsonKind::string) {
      if (!r_.read_string(text)) return false;
      if (text.empty()) return r_.fail("invalid_value", "id must not be empty");
      if (text.size() > 256) return r_.fail("out_of_range", "id must be at most 256 bytes long");
    } else if (k == JsonKind::number) {
      if (!r_.read_number(text)) return false;
      if (text.find_first_of(".eE") != sv::npos)
        return r_.fail("wrong_type", "a numeric id must be a whole number");
      if (text[0] == '-') return r_.fail("out_of_range", "a numeric id must not be negative");
      if (text.size() > 20 || (text.size() == 20 && text > "18446744073709551615"))
        return r_.fail("out_of_range", "a numeric id must fit in 64 bits");
    } else {
      return wrong(k, "id must be a string or a whole number");
    }
    h_.id.assign(text.data(), text.size());
    o_.id_known = true;
    return true;
  }

  bool top(int i, JsonKind k) {
    switch (i) {
      case 0: return read_id(k);
      case 1: return get_date(k, h_.as_of);
      case 2:
        return object(k, fmt1::territory, 0, [&](int j, JsonKind v) {
          return get_code(v, j == 0 ? h_.departement : h_.commune);
        });
      case 3: {
        const bool ok = array(k, count_limit(lim_.max_members), "too_many_members",
                              [&](JsonKind v) { return plain_member(v) || member(h_.members.emplace_back(), v); });
        if (ok && h_.members.empty())
          return r_.fail("empty_members", "members must list at least one person");
        return ok;
      }
      case 4: return object(k, fmt1::income, 0, [&](int j, JsonKind v) { return income(j, v); });
      case 5:
        return list(k, [&](JsonKind v) {
          Benefit b{};
          if (!get_enum(v, b, fmt1::benefit)) return false;
          h_.benefits |= 1u << static_cast<unsigned>(b);
          return true;
        });
      case 6:
        return object(k, fmt1::housing, 0, [&](int j, JsonKind v) {
          if (j == 0) return get_enum(v, h_.tenure, fmt1::tenure);
          if (j == 1) return get_enum(v, h_.energy_label, fmt1::label);
          return get_bool(v, h_.main_residence);
        });
      case 7: return object(k, fmt1::energy, 0, [&](int j, JsonKind v) { return energy(j, v); });
      case 8:
        h_.has_debt = true;
        return object(k, fmt1::debt, 0, [&](int j, JsonKind v) { return debt(j, v); });
      case 9:
        return list(k, [&](JsonKind v) {
          Aid& a = h_.aids.emplace_back();
          return object(v, fmt1::aid, bits({0}), [&](int j, JsonKind w) {
            if (j == 0) return get_enum(w, a.kind, fmt1::aid_kind);
            if (j == 1) return get_date(w, a.on);
            return get_money(w, a.amount);
          });
        });
      case 10:
        return object(k, fmt1::cheque, 0, [&](int j, JsonKind v) {
          return get_bool(v, j == 0 ? h_.cheque_received : h_.cheque_attestation_sent);
        });
      case 11:
        return object(k, fmt1::follow_up, 0,
                      [&](int, JsonKind v) { return get_enum(v, h_.referent, fmt1::referent); });
      case 12:
        return list(k, [&](JsonKind v) {
          if (plain_contact(v)) return true;
          ContactAttempt& c = h_.contact_attempts.emplace_back();
          return object(v, fmt1::contact, bits({0, 1, 2}), [&](int j, JsonKind w) {
            if (j == 0) return get_date(w, c.on);
            if (j == 1) return get_enum(w, c.mode, fmt1::mode);
            return get_enum(w, c.outcome, fmt1::outcome);
          });
        });
      case 13:
        h_.has_plan = true;
        return object(k, fmt1::plan, bits({1, 2, 3}), [&](int j, JsonKind v) { return plan(j, v); });
      default:
        return object(k, fmt1::consent, 0, [&](int, JsonKind v) { return get_bool(v, h_.objection); });
    }
  }

  template <class F>
  bool list(JsonKind k, F&& on_item) {
    return array(k, count_limit(lim_.max_list_items), "too_many_items", on_item);
  }

  // The usual compact spellings of list items, read whole (see PlainObject); anything else,
  // including every error, goes through object().
  bool plain_object(JsonKind k, const PlainObject& o) {
    if (k != JsonKind::object || o.size() == 0 || !r_.may_open()) return false;
    r_.skip(o.size());
    return true;
  }
  bool plain_member(JsonKind k) {
    Member m;
    int role = -1;
    PlainObject o(r_.rest());
    o.text("{\"role\":").name(fmt1::role, role);
    if (o.next_is(",\"birth_date\":")) o.date(m.birth_date.emplace());
    if (!plain_object(k, o.text("}"))) return false;
    m.role = static_cast<Role>(role);
    h_.members.push_back(m);
    return true;
  }
  bool plain_contact(JsonKind k) {
    ContactAttempt c;
    int mode = -1, outcome = -1;
    PlainObject o(r_.rest());
    o.text("{\"on\":").date(c.on).text(",\"mode\":").name(fmt1::mode, mode);
    if (!plain_object(k, o.text(",\"outcome\":").name(fmt1::outcome, outcome).text("}"))) return false;
    c.mode = static_cast<ContactMode>(mode);
    c.outcome = static_cast<ContactOutcome>(outcome);
    h_.contact_attempts.push_back(c);
    return true;
  }
  bool plain_payment(JsonKind k) {
    Payment x;
    PlainObject o(r_.rest());
    if (!plain_object(k, o.text("{\"on\":").date(x.on).text(",\"amount\":").money(x.amount).text("}"))) return false;
    h_.plan.payments.push_back(x);
    return true;
  }

  bool member(Member& m, JsonKind k) {
    return object(k, fmt1::member, bits({0}), [&](int j, JsonKind v) {
      switch (j) {
        case 0: return get_enum(v, m.role, fmt1::role);
        case 1: return get_date(v, m.birth_date);
        case 2: return get_int(v, m.age, 0, 130);
        case 3: return get_bool(v, m.alternating_custody);
        default: return get_bool(v, m.other_tax_household);
      }
    });
  }

  bool income(int j, JsonKind v) {
    switch (j) {
      case 0: return get_money(v, h_.rfr);
      case 1: return get_int(v, h_.rfr_year, 1900, 2199);
      case 2: return get_money(v, h_.holder_rfr);
      case 3: return get_tax_parts(v, h_.tax_parts);
      default: return get_money(v, h_.monthly_resources);
    }
  }

  bool energy(int j, JsonKind v) {
    if (j == 0) {
      h_.has_electricity = true;
      ElectricityContract& e = h_.electricity;
      return object(v, fmt1::electricity, 0, [&](int i, JsonKind w) {
        switch (i) {
          case 0: return get_code(w, e.supplier);
          case 1: return get_int(w, e.subscribed_kva, 1, 36);
          case 2: return get_bool(w, e.smart_meter);
          case 3: return get_money(w, e.annual_bill);
          default: return get_money(w, e.monthly_instalment);
        }
      });
    }
    if (j == 1) {
      h_.has_gas = true;
      GasContract& g = h_.gas;
      return object(v, fmt1::gas, 0, [&](int i, JsonKind w) {
        switch (i) {
          case 0: return get_code(w, g.supplier);
          case 1: return get_int(w, g.annual_kwh, std::int64_t{0}, std::int64_t{10'000'000});
          case 2: return get_bool(w, g.individual_contract);
          case 3: return get_bool(w, g.collective_heating);
          case 4: return get_money(w, g.annual_bill);
          default: return get_money(w, g.monthly_instalment);
        }
      });
    }
    return get_enum(v, h_.main_heating, fmt1::heating);
  }

  bool debt(int j, JsonKind v) {
    Debt& d = h_.debt;
    switch (j) {
      case 0: return get_money(v, d.amount);
      case 1: return get_enum(v, d.energy, fmt1::energy_kind);
      case 2: return get_code(v, d.supplier);
      case 3: return get_date(v, d.signalled_on);
      case 4: return get_date(v, d.cut_notice_on);
      case 5: return get_date(v, d.signed_on);
      case 6: return get_enum(v, d.supply_state, fmt1::supply_state);
      case 7: return get_bool(v, d.disputed);
      default:
        return list(v, [&](JsonKind w) {
          Deduction& x = d.deductions.emplace_back();
          return object(w, fmt1::deduction, bits({0, 1}), [&](int i, JsonKind u) {
            return i == 0 ? get_enum(u, x.kind, fmt1::deduction_kind) : get_money(u, x.amount);
          });
        });
    }
  }

  bool plan(int j, JsonKind v) {
    RepaymentPlan& p = h_.plan;
    switch (j) {
      case 0: return get_enum(v, p.kind, fmt1::plan_kind);
      case 1: return get_date(v, p.signed_on);
      case 2: return get_money(v, p.principal);
      case 3: return get_int(v, p.months, 1, 120);
      default:
        return list(v, [&](JsonKind w) {
          if (plain_payment(w)) return true;
          Payment& x = p.payments.emplace_back();
          return object(w, fmt1::payment, bits({0, 1}), [&](int i, JsonKind u) {
            return i == 0 ? get_date(u, x.on) : get_money(u, x.amount);
          });
        });
    }
  }

  Household& h_;
  ParseOutcome& o_;
  const ParseLimits& lim_;
};

/// Reader buffers reused by every parse on this thread.
inline JsonScratch& thread_json_scratch() {
  thread_local JsonScratch scratch;
  return scratch;
}

}  // namespace detail

inline bool parse_household(std::string_view json, Household& out, ParseOutcome& outcome,
                            const ParseLimits& limits) {
  out.clear();
  outcome.clear();
  if (json.size() > limits.max_bytes) {
    outcome.error.code = "line_too_long";
    outcome.error.message = "the household is longer than the limit of " +
                            std::to_string(limits.max_bytes) + " bytes";
    return false;
  }
  detail::JsonReader reader(json, detail::thread_json_scratch(), limits.max_depth, outcome.error,
                            outcome.warnings);
  detail::HouseholdMapper mapper(reader, out, outcome, limits);
  outcome.ok = mapper.run();
  return outcome.ok;
}

}  // namespace v1
}  // namespace solen
