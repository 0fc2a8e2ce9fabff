// Header test: solen.h compiled as C++17 (extern "C", no warnings with -Wall -Wextra -Wpedantic).
// SPDX-License-Identifier: Apache-2.0
#include <type_traits>

#include "solen/solen.h"

static_assert(std::is_same_v<decltype(&solen_abi_version), uint32_t (*)()>, "C ABI signature");
static_assert(SOLEN_OK == 0 && SOLEN_E_INTERNAL == 99, "frozen status values");

int solen_header_cxx_check();
int solen_header_cxx_check() {
  void (*free_fn)(char*) = solen_string_free;
  return free_fn == &solen_string_free ? SOLEN_VERSION_NUMBER : 0;
}
