/* Consumer of an installed libsolen (find_package and pkg-config builds): one evaluation. */
/* SPDX-License-Identifier: Apache-2.0 */
#include <solen/solen.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  static const char household[] =
      "{\"id\":\"T1\",\"as_of\":\"2019-05-01\",\"members\":[{\"role\":\"declarant\",\"age\":40}],"
      "\"income\":{\"rfr\":\"7800\",\"rfr_year\":2017}}";
  solen_engine* engine = NULL;
  char* decision = NULL;
  size_t len = 0;
  int ok;
  if (solen_abi_version() != SOLEN_ABI_VERSION || solen_engine_new_default(&engine) != SOLEN_OK) {
    fprintf(stderr, "consumer: %s\n", solen_last_error());
    return 1;
  }
  ok = solen_evaluate(engine, household, sizeof household - 1, &decision, &len) == SOLEN_OK &&
       strstr(decision, "\"48.00\"") != NULL;
  printf("consumer %s: %s (libsolen %s)\n", ok ? "ok" : "FAILED", ok ? "48.00" : solen_last_error(),
         solen_version_string());
  solen_string_free(decision);
  solen_engine_free(engine);
  return ok ? 0 : 1;
}
