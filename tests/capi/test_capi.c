/* Tests of the C ABI (libsolen): versions, engines, evaluation, batch, errors, threads. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "solen/solen.h"

static const char household_ok[] =
    "{\"id\":\"T1\",\"as_of\":\"2019-05-01\",\"members\":[{\"role\":\"declarant\",\"age\":40}],"
    "\"income\":{\"rfr\":\"7800\",\"rfr_year\":2017}}";
/* Same household without its own date: the as_of option decides. */
static const char household_no_date[] =
    "{\"id\":\"T2\",\"members\":[{\"role\":\"declarant\",\"age\":40}],"
    "\"income\":{\"rfr\":\"7800\",\"rfr_year\":2017}}";
static const char household_bad_json[] = "{\"id\":\"T3\",\"members\":[";
static const char household_bad_age[] =
    "{\"id\":\"T4\",\"as_of\":\"2019-05-01\",\"members\":[{\"role\":\"declarant\",\"age\":400}]}";

/* True when `json` holds "key" followed by ':' and the string "value" (spaces allowed). */
static int has_pair(const char* json, const char* key, const char* value) {
  char pattern[128];
  size_t vlen = strlen(value);
  const char* p = json;
  snprintf(pattern, sizeof pattern, "\"%s\"", key);
  while ((p = strstr(p, pattern)) != NULL) {
    const char* q = p + strlen(pattern);
    while (*q == ' ') ++q;
    if (*q == ':') {
      ++q;
      while (*q == ' ') ++q;
      if (*q == '"' && strncmp(q + 1, value, vlen) == 0 && q[1 + vlen] == '"') return 1;
    }
    p += 1;
  }
  return 0;
}

static size_t count_lines(const char* s, size_t len) {
  size_t i, n = 0;
  for (i = 0; i < len; ++i) n += s[i] == '\n';
  return n;
}

/* The n-th line (0-based) of s, copied into buf. */
static void nth_line(const char* s, size_t n, char* buf, size_t size) {
  const char* end;
  size_t len;
  while (n > 0 && (s = strchr(s, '\n')) != NULL) {
    ++s;
    --n;
  }
  if (s == NULL) {
    buf[0] = '\0';
    return;
  }
  end = strchr(s, '\n');
  len = end ? (size_t)(end - s) : strlen(s);
  if (len >= size) len = size - 1;
  memcpy(buf, s, len);
  buf[len] = '\0';
}

static void test_versions(void) {
  CHECK(solen_abi_version() == SOLEN_ABI_VERSION);
  CHECK(solen_version_number() == SOLEN_VERSION_NUMBER);
  CHECK(strcmp(solen_version_string(), "1.1.0") == 0);
  CHECK(strcmp(solen_status_name(SOLEN_OK), "SOLEN_OK") == 0);
  CHECK(strcmp(solen_status_name(SOLEN_E_RULES), "SOLEN_E_RULES") == 0);
  CHECK(strcmp(solen_status_name((solen_status)42), "SOLEN_E_UNKNOWN") == 0);
  /* Frozen values. */
  CHECK(SOLEN_E_INVALID_ARGUMENT == 1 && SOLEN_E_PARSE == 2 && SOLEN_E_SCHEMA == 3);
  CHECK(SOLEN_E_RULES == 4 && SOLEN_E_EVALUATION == 5 && SOLEN_E_NOMEM == 6);
  CHECK(SOLEN_E_IO == 7 && SOLEN_E_INTERNAL == 99);
}

static void test_engines(void) {
  solen_engine* e = (solen_engine*)&passed; /* must be overwritten with NULL on failure */
  static const char bad_pack[] = "{\"format\":1,\"id\":\"broken\"}";
  static const char not_json[] = "this is not a rule pack";

  CHECK(solen_engine_new_from_json(bad_pack, sizeof bad_pack - 1, &e) == SOLEN_E_RULES);
  CHECK(e == NULL);
  CHECK(strlen(solen_last_error()) > 0);
  CHECK(solen_last_error() != NULL && solen_last_error_code() != NULL);

  e = (solen_engine*)&passed;
  CHECK(solen_engine_new_from_json(not_json, sizeof not_json - 1, &e) == SOLEN_E_RULES);
  CHECK(e == NULL);
  CHECK(strlen(solen_last_error()) > 0);

  e = (solen_engine*)&passed;
  CHECK(solen_engine_new_from_file("/nonexistent/solen/pack.json", &e) == SOLEN_E_IO);
  CHECK(e == NULL);
  CHECK(strlen(solen_last_error()) > 0);

  CHECK(solen_engine_new_default(&e) == SOLEN_OK);
  CHECK(e != NULL);
  CHECK(strcmp(solen_last_error(), "") == 0); /* cleared by the successful call */
  if (e != NULL) {
    CHECK(solen_engine_pack_id(e) != NULL && strlen(solen_engine_pack_id(e)) > 0);
    CHECK(solen_engine_pack_version(e) != NULL && strlen(solen_engine_pack_version(e)) > 0);
    CHECK(solen_engine_pack_sha256(e) != NULL && strlen(solen_engine_pack_sha256(e)) == 64);
    CHECK(solen_engine_pack_title(e) != NULL);
  }
  solen_engine_free(e);
}

static void test_evaluate(const solen_engine* e) {
  char* out = (char*)&passed;
  size_t len = 12345;

  CHECK(solen_evaluate(e, household_ok, strlen(household_ok), &out, &len) == SOLEN_OK);
  CHECK(out != NULL);
  if (out != NULL) {
    CHECK(len == strlen(out));
    CHECK(has_pair(out, "id", "T1"));
    CHECK(has_pair(out, "status", "ok"));
    CHECK(has_pair(out, "amount", "48.00"));
    CHECK(has_pair(out, "status", "eligible"));
    CHECK(has_pair(out, "id", solen_engine_pack_id(e)));
    CHECK(has_pair(out, "sha256", solen_engine_pack_sha256(e)));
    CHECK(strcmp(solen_last_error(), "") == 0);
  }
  solen_string_free(out);

  /* out_len is optional. */
  out = NULL;
  CHECK(solen_evaluate(e, household_ok, strlen(household_ok), &out, NULL) == SOLEN_OK);
  CHECK(out != NULL);
  solen_string_free(out);

  /* Not readable JSON: non-OK, NULL out, a message and a code. */
  out = (char*)&passed;
  len = 12345;
  CHECK(solen_evaluate(e, household_bad_json, strlen(household_bad_json), &out, &len) ==
        SOLEN_E_PARSE);
  CHECK(out == NULL && len == 0);
  CHECK(strlen(solen_last_error()) > 0);
  CHECK(strlen(solen_last_error_code()) > 0);

  /* Readable but invalid: non-OK, the path names the bad field. */
  out = (char*)&passed;
  CHECK(solen_evaluate(e, household_bad_age, strlen(household_bad_age), &out, &len) ==
        SOLEN_E_SCHEMA);
  CHECK(out == NULL && len == 0);
  CHECK(strlen(solen_last_error()) > 0);
  CHECK(strncmp(solen_last_error_path(), "/members/0", 10) == 0);

  /* Length is honoured: only the first bytes are read (here: a truncated object). */
  out = (char*)&passed;
  CHECK(solen_evaluate(e, household_ok, 10, &out, &len) == SOLEN_E_PARSE);
  CHECK(out == NULL);
}

static void test_options(const solen_engine* e) {
  static const char opts_date[] = "{\"as_of\":\"2019-05-01\",\"reasons\":false}";
  static const char opts_bad_date[] = "{\"as_of\":\"2019-02-30\"}";
  static const char opts_unknown[] = "{\"colour\":\"blue\"}";
  static const char opts_not_json[] = "{as_of:";
  static const char opts_threads[] = "{\"threads\":-1}";
  char* out = NULL;
  size_t len = 0;

  CHECK(solen_evaluate_ex(e, household_no_date, strlen(household_no_date), opts_date,
                          strlen(opts_date), &out, &len) == SOLEN_OK);
  CHECK(out != NULL && has_pair(out, "amount", "48.00") && has_pair(out, "as_of", "2019-05-01"));
  solen_string_free(out);

  /* NULL options = defaults. */
  out = NULL;
  CHECK(solen_evaluate_ex(e, household_ok, strlen(household_ok), NULL, 0, &out, &len) == SOLEN_OK);
  CHECK(out != NULL && has_pair(out, "amount", "48.00"));
  solen_string_free(out);

  out = (char*)&passed;
  CHECK(solen_evaluate_ex(e, household_ok, strlen(household_ok), opts_bad_date,
                          strlen(opts_bad_date), &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(out == NULL && len == 0);
  CHECK(strcmp(solen_last_error_path(), "/as_of") == 0);
  CHECK(strcmp(solen_last_error_code(), "invalid_options") == 0);
  CHECK(solen_evaluate_ex(e, household_ok, strlen(household_ok), opts_unknown, strlen(opts_unknown),
                          &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(strcmp(solen_last_error_path(), "/colour") == 0);
  CHECK(solen_evaluate_ex(e, household_ok, strlen(household_ok), opts_not_json,
                          strlen(opts_not_json), &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_batch_ex(e, household_ok, strlen(household_ok), opts_threads,
                                strlen(opts_threads), &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
}

static void test_batch(const solen_engine* e) {
  char input[2048];
  char line[4096];
  char* out = (char*)&passed;
  char* out2 = NULL;
  size_t len = 0, len2 = 0;
  static const char opts1[] = "{\"threads\":1,\"reasons\":false}";
  static const char opts2[] = "{\"threads\":2,\"reasons\":false}";

  snprintf(input, sizeof input, "%s\n\n%s\n   \r\n%s\r\n%s", household_ok, household_bad_json,
           household_bad_age, household_no_date);
  CHECK(solen_evaluate_batch(e, input, strlen(input), &out, &len) == SOLEN_OK);
  CHECK(out != NULL);
  if (out != NULL) {
    CHECK(len == strlen(out));
    CHECK(count_lines(out, len) == 4); /* one per non-blank line, blank lines skipped */
    nth_line(out, 0, line, sizeof line);
    CHECK(has_pair(line, "id", "T1") && has_pair(line, "amount", "48.00"));
    nth_line(out, 1, line, sizeof line);
    CHECK(has_pair(line, "status", "error") && strstr(line, "\"error\"") != NULL);
    nth_line(out, 2, line, sizeof line);
    CHECK(has_pair(line, "id", "T4") && has_pair(line, "status", "error"));
    nth_line(out, 3, line, sizeof line);
    CHECK(has_pair(line, "id", "T2"));
  }
  solen_string_free(out);

  /* Empty input: OK, empty output. */
  out = NULL;
  CHECK(solen_evaluate_batch(e, "", 0, &out, &len) == SOLEN_OK);
  CHECK(out != NULL && len == 0 && out[0] == '\0');
  solen_string_free(out);

  /* The thread count never changes the output. */
  out = NULL;
  CHECK(solen_evaluate_batch_ex(e, input, strlen(input), opts1, strlen(opts1), &out, &len) ==
        SOLEN_OK);
  CHECK(solen_evaluate_batch_ex(e, input, strlen(input), opts2, strlen(opts2), &out2, &len2) ==
        SOLEN_OK);
  CHECK(out != NULL && out2 != NULL && len == len2 && memcmp(out, out2, len) == 0);
  solen_string_free(out);
  solen_string_free(out2);
}

static void test_null_arguments(const solen_engine* e) {
  char* out = (char*)&passed;
  size_t len = 7;
  solen_engine* eng = (solen_engine*)&passed;

  CHECK(solen_engine_new_default(NULL) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(strlen(solen_last_error()) > 0);
  CHECK(strcmp(solen_last_error_code(), "null_argument") == 0);
  CHECK(solen_engine_new_from_json(NULL, 0, &eng) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(eng == NULL);
  CHECK(solen_engine_new_from_json("{}", 2, NULL) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_engine_new_from_file(NULL, &eng) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate(NULL, household_ok, strlen(household_ok), &out, &len) ==
        SOLEN_E_INVALID_ARGUMENT);
  CHECK(out == NULL && len == 0);
  out = (char*)&passed;
  CHECK(solen_evaluate(e, NULL, 0, &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(solen_evaluate(e, household_ok, strlen(household_ok), NULL, &len) ==
        SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_ex(NULL, household_ok, 1, NULL, 0, &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_batch(NULL, "", 0, &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_batch(e, NULL, 0, &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_batch(e, "", 0, NULL, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_batch_ex(e, NULL, 0, NULL, 0, &out, &len) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(solen_engine_pack_id(NULL) == NULL && solen_engine_pack_sha256(NULL) == NULL);
  CHECK(solen_engine_pack_version(NULL) == NULL && solen_engine_pack_title(NULL) == NULL);

  /* NULL frees are no-ops. */
  solen_engine_free(NULL);
  solen_string_free(NULL);
  CHECK(1);
}

/* ---- threads: one shared engine, 4 pthreads, results identical to a sequential run ---- */

struct worker {
  const solen_engine* engine;
  const char* expected;
  int mismatches;
  int errors_ok;
};

static void* work(void* arg) {
  struct worker* w = (struct worker*)arg;
  int i;
  for (i = 0; i < 200; ++i) {
    char* out = NULL;
    size_t len = 0;
    if (solen_evaluate(w->engine, household_ok, strlen(household_ok), &out, &len) != SOLEN_OK ||
        out == NULL || strcmp(out, w->expected) != 0) {
      ++w->mismatches;
    }
    solen_string_free(out);
    /* The last error is per thread: this failure is seen here, and only here. */
    if (i % 20 == 0) {
      out = NULL;
      if (solen_evaluate(w->engine, household_bad_json, strlen(household_bad_json), &out, &len) ==
              SOLEN_E_PARSE &&
          out == NULL && strlen(solen_last_error()) > 0) {
        ++w->errors_ok;
      }
    }
  }
  return NULL;
}

static void test_threads(const solen_engine* e) {
  pthread_t threads[4];
  struct worker workers[4];
  char* expected = NULL;
  size_t len = 0;
  int i, started = 0;

  CHECK(solen_evaluate(e, household_ok, strlen(household_ok), &expected, &len) == SOLEN_OK);
  if (expected == NULL) return;
  for (i = 0; i < 4; ++i) {
    workers[i].engine = e;
    workers[i].expected = expected;
    workers[i].mismatches = 0;
    workers[i].errors_ok = 0;
    if (pthread_create(&threads[i], NULL, work, &workers[i]) == 0) ++started;
  }
  CHECK(started == 4);
  for (i = 0; i < started; ++i) pthread_join(threads[i], NULL);
  for (i = 0; i < started; ++i) {
    CHECK(workers[i].mismatches == 0);
    CHECK(workers[i].errors_ok == 10);
  }
  /* This thread made no failing call since the expected run. */
  CHECK(strcmp(solen_last_error(), "") == 0);
  solen_string_free(expected);
}

int main(void) {
  solen_engine* e = NULL;
  test_versions();
  test_engines();
  if (solen_engine_new_default(&e) != SOLEN_OK) {
    fprintf(stderr, "cannot create the default engine: %s\n", solen_last_error());
    printf("%d passed, %d failed\n", passed, failed + 1);
    return 1;
  }
  test_evaluate(e);
  test_options(e);
  test_batch(e);
  test_null_arguments(e);
  test_threads(e);
  solen_engine_free(e);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
