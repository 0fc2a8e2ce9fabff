/* The C tests' minimal harness: CHECK counts passes and reports failures with their line. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SOLEN_TEST_CHECK_H
#define SOLEN_TEST_CHECK_H

#include <stdio.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++passed;                                                                \
    } else {                                                                   \
      ++failed;                                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#endif /* SOLEN_TEST_CHECK_H */
