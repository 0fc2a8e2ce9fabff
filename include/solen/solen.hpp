// Umbrella header of the Solen C++ core.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "solen/version.hpp"
#include "solen/error.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"
#include "solen/date.hpp"
#include "solen/household.hpp"
#include "solen/household_parser.hpp"
#include "solen/schedule.hpp"
#include "solen/decision.hpp"
#include "solen/engine.hpp"
