/* Header test: solen.h alone, twice (include guard), in strict C99 with every warning an error. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "solen/solen.h"

/* Uses every type and a few declarations, so that an unused-declaration warning would show. */
typedef solen_status (*solen_evaluate_fn)(const solen_engine*, const char*, size_t, char**,
                                          size_t*);

int solen_header_c99_check(void);
int solen_header_c99_check(void) {
  solen_evaluate_fn fn = solen_evaluate;
  solen_status s = SOLEN_OK;
  uint32_t abi = SOLEN_ABI_VERSION;
  return (fn != 0) + (int)s + (int)abi + SOLEN_VERSION_NUMBER;
}
