/* Minimal C host of libsolen: evaluates one household (argv[1] file, or a built-in sample). */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solen/solen.h"

static const char sample[] =
    "{\"id\":\"T1\",\"as_of\":\"2019-05-01\",\"members\":[{\"role\":\"declarant\",\"age\":40}],"
    "\"income\":{\"rfr\":\"7800\",\"rfr_year\":2017}}";

/* Reads a whole file into a malloc'ed buffer (NULL on failure). */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) return NULL;
  do {
    if (n == cap) {
      char* grown = realloc(buf, cap = cap ? cap * 2 : 4096);
      if (grown == NULL) break;
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char** argv) {
  solen_engine* engine = NULL;
  char *decision = NULL, *input = NULL;
  size_t decision_len = 0, input_len = 0;
  solen_status status;

  if (solen_abi_version() != SOLEN_ABI_VERSION) {
    fprintf(stderr, "libsolen has ABI %u, this program needs %d\n", (unsigned)solen_abi_version(),
            SOLEN_ABI_VERSION);
    return 1;
  }
  if (argc > 1 && (input = read_file(argv[1], &input_len)) == NULL) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }

  status = solen_engine_new_default(&engine);
  if (status != SOLEN_OK) {
    fprintf(stderr, "engine: %s: %s\n", solen_status_name(status), solen_last_error());
    free(input);
    return 1;
  }
  printf("libsolen %s, rule pack %s %s\n", solen_version_string(), solen_engine_pack_id(engine),
         solen_engine_pack_version(engine));

  status = input ? solen_evaluate(engine, input, input_len, &decision, &decision_len)
                 : solen_evaluate(engine, sample, strlen(sample), &decision, &decision_len);
  if (status == SOLEN_OK) {
    printf("%s\n", decision);
  } else {
    /* The household could not be read or is invalid: code, JSON path, message. */
    fprintf(stderr, "household: %s [%s at '%s']: %s\n", solen_status_name(status),
            solen_last_error_code(), solen_last_error_path(), solen_last_error());
  }
  solen_string_free(decision);
  solen_engine_free(engine);
  free(input);
  return status == SOLEN_OK ? 0 : 2;
}
