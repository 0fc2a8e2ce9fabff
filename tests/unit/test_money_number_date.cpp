// Unit tests of exact money, exact numbers and calendar dates.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <numeric>

#include "solen/date.hpp"
#include "solen/detail/ages.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"

using solen::Date;
using solen::Money;
using solen::Number;

TEST_CASE("money parses exact decimals and formats two decimals") {
  CHECK(Money::parse("842.37")->cents() == 84237);
  CHECK(Money::parse("14000")->cents() == 1400000);
  CHECK(Money::parse("0.5")->cents() == 50);
  CHECK(Money::parse("-3.05")->cents() == -305);
  CHECK_FALSE(Money::parse("12.345"));
  CHECK_FALSE(Money::parse("12.340"));
  CHECK_FALSE(Money::parse("1e3"));
  CHECK_FALSE(Money::parse(""));
  CHECK_FALSE(Money::parse("12."));
  CHECK_FALSE(Money::parse(".5"));
  CHECK_FALSE(Money::parse("99999999999999999999"));
  CHECK(Money::from_cents(19400).to_string() == "194.00");
  CHECK(Money::from_cents(-305).to_string() == "-3.05");
  CHECK(Money::from_cents(7).to_string() == "0.07");
}

TEST_CASE("money arithmetic is checked") {
  Money big = Money::from_cents(Money::max_cents);
  CHECK_THROWS_AS(big + Money::from_cents(1), std::overflow_error);
  CHECK_THROWS_AS(big * 2, std::overflow_error);
  CHECK((Money::euros(3) * 4).cents() == 1200);
}

TEST_CASE("numbers compare exactly where binary floating point fails") {
  // 20 790 € over 2.7 UC is exactly 7 700 €: a double gives 7 699.999999999999.
  Number ratio = Number::ratio(Number::of(*Money::parse("20790")), *Number::parse("2.7"));
  CHECK(ratio == Number::integer(7700));
  CHECK_FALSE(ratio < Number::integer(7700));
  Number r2 = Number::ratio(Number::of(*Money::parse("21195")), *Number::parse("2.7"));
  CHECK(r2 == Number::integer(7850));
  CHECK(Number::parse("0.3")->num == 3);
  CHECK(Number::parse("0.3")->den == 10);
  CHECK(Number::parse("2.10")->to_decimal() == "2.1");
  CHECK(Number::parse("1.95")->to_decimal() == "1.95");
  CHECK(Number::ratio(Number::integer(14000), *Number::parse("1.95")).to_fixed(2) == "7179.49");
  CHECK(Number::ratio(Number::integer(1), Number::integer(3)).to_decimal() == "0.3333");
  CHECK(Number::integer(5).to_decimal() == "5");
  CHECK_FALSE(Number::parse("abc"));
  CHECK_FALSE(Number::parse("1.2.3"));
}

TEST_CASE("dates parse strictly and add months clamped to the month end") {
  CHECK(Date::parse("2016-02-29"));
  CHECK_FALSE(Date::parse("2016-02-30"));
  CHECK_FALSE(Date::parse("2015-02-29"));
  CHECK_FALSE(Date::parse("2016-13-01"));
  CHECK_FALSE(Date::parse("2016-1-01"));
  CHECK_FALSE(Date::parse("20160101"));
  Date jan31 = *Date::parse("2023-01-31");
  CHECK(jan31.plus_months_clamped(1, 31).to_string() == "2023-02-28");
  CHECK(jan31.plus_months_clamped(2, 31).to_string() == "2023-03-31");
  CHECK(Date::parse("2024-01-31")->plus_months_clamped(1, 31).to_string() == "2024-02-29");
  CHECK(Date::parse("2016-03-20")->plus_months_clamped(10, 20).to_string() == "2017-01-20");
  CHECK(Date::parse("2016-06-01")->months_since(*Date::parse("2015-06-01")) == 12);
  CHECK(Date::parse("2016-05-31")->months_since(*Date::parse("2015-06-01")) == 11);
  CHECK(Date::parse("2016-03-20")->years_since(*Date::parse("1998-03-21")) == 17);
  CHECK(Date::parse("2016-03-21")->years_since(*Date::parse("1998-03-21")) == 18);
}

TEST_CASE("the binary gcd agrees with Euclid's on every sign and magnitude") {
  std::uint64_t x = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 200000; ++i) {
    const int shift_a = static_cast<int>(next() % 63), shift_b = static_cast<int>(next() % 40);
    std::int64_t a = static_cast<std::int64_t>(next() >> (shift_a + 1));
    std::int64_t b = static_cast<std::int64_t>(next() >> (shift_b + 24)) * static_cast<std::int64_t>(1 + next() % 1000);
    if (next() & 1) a = -a;
    if (i % 7 == 0) b = 0;
    CHECK(solen::detail::gcd64(a, b) == std::gcd(a < 0 ? -a : a, b < 0 ? -b : b));
  }
}

TEST_CASE("calendar fields by integer arithmetic agree with Boost.Gregorian on every day") {
  // Boost.Gregorian's whole range, not only the engine's 1900-2199.
  for (solen::Date d(1400, 1, 1); d <= solen::Date(9999, 12, 31); d = d.plus_days(1)) {
    const auto ymd = d.boost_date().year_month_day();
    const solen::detail::CivilDate c = d.civil();
    REQUIRE(c.year == ymd.year);
    REQUIRE(c.month == ymd.month);
    REQUIRE(c.day == ymd.day);
    REQUIRE(solen::Date::from_day_number(d.day_number()) == d);
  }
  CHECK(Date(2024, 6, 15).years_since(Date(2006, 6, 15)) == 18);
  CHECK(Date(2024, 6, 14).years_since(Date(2006, 6, 15)) == 17);
  CHECK(Date(2024, 2, 28).years_since(Date(2000, 2, 29)) == 23);
  CHECK(Date(2024, 3, 31).months_since(Date(2024, 1, 31)) == 2);
  CHECK(Date(2024, 2, 29).months_since(Date(2024, 1, 31)) == 1);
  CHECK(Date(2024, 2, 28).months_since(Date(2024, 1, 31)) == 0);
  CHECK(Date(2024, 1, 31).plus_months_clamped(1, 31) == Date(2024, 2, 29));
}

TEST_CASE("ages at a prepared date agree with years_since for every birth date of 160 years") {
  // Birthdays on 29 February, days before and after each, ends of months and years, today on a
  // leap day; births from before the last threshold to after today (unborn).
  for (const solen::Date today : {solen::Date(2024, 2, 29), solen::Date(2024, 2, 28), solen::Date(2024, 3, 1),
                                  solen::Date(2023, 2, 28), solen::Date(2023, 3, 1), solen::Date(2025, 12, 31),
                                  solen::Date(2026, 1, 1), solen::Date(2024, 6, 15), solen::Date(1901, 1, 1),
                                  solen::Date(2100, 2, 28), solen::Date(2100, 3, 1), solen::Date(2000, 2, 29)}) {
    solen::detail::AgeThresholds ages;
    ages.reset(today);
    int checked = 0;
    for (solen::Date b = today.plus_days(-160 * 366); b <= today.plus_days(800); b = b.plus_days(1)) {
      if (ages.age(b) != today.years_since(b)) {
        CAPTURE(today.to_string());
        CAPTURE(b.to_string());
        REQUIRE(ages.age(b) == today.years_since(b));
      }
      ++checked;
    }
    CHECK(checked > 58000);
  }
}
