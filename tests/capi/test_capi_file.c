/* Tests of solen_evaluate_file (file to file, streaming) and of large in-memory batches. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "solen/solen.h"

/* Good, unreadable, invalid, blank and dateless lines; the last one has no newline. */
static const char caseload[] =
    "{\"id\":\"F1\",\"as_of\":\"2019-05-01\",\"members\":[{\"role\":\"declarant\",\"age\":40}],"
    "\"income\":{\"rfr\":\"7800\"}}\n"
    "{\"id\":\"F2\",\"members\":[\n"
    "\n   \r\n"
    "{\"id\":\"F3\",\"members\":[{\"role\":\"declarant\",\"age\":400}]}\r\n"
    "{\"id\":\"F4\",\"members\":[{\"role\":\"declarant\",\"age\":40}],\"income\":{\"rfr\":\"7800\"}}";
static const char options[] = "{\"as_of\":\"2019-05-01\",\"reasons\":false,\"threads\":2}";

static char dir[64];

static void path_in(char* buf, size_t size, const char* name) {
  snprintf(buf, size, "%s/%s", dir, name);
}

static int write_file(const char* path, const char* data, size_t len) {
  FILE* f = fopen(path, "wb");
  int ok = f != NULL && fwrite(data, 1, len, f) == len;
  if (f != NULL && fclose(f) != 0) ok = 0;
  return ok;
}

/* The whole file, NUL-terminated (caller frees), or NULL. */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data;
  long n;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  data = malloc((size_t)n + 1);
  if (data != NULL && fread(data, 1, (size_t)n, f) == (size_t)n) {
    data[n] = '\0';
    *len = (size_t)n;
  } else {
    free(data);
    data = NULL;
  }
  fclose(f);
  return data;
}

static int exists(const char* path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* The file's decisions equal the in-memory batch's, byte for byte. */
static int same_as_batch(const solen_engine* e, const char* in, size_t in_len, const char* out_path,
                         const char* opts) {
  char* batch = NULL;
  size_t batch_len = 0, file_len = 0;
  char* file = read_file(out_path, &file_len);
  int same = solen_evaluate_batch_ex(e, in, in_len, opts, strlen(opts), &batch, &batch_len) ==
                 SOLEN_OK &&
             file != NULL && batch_len == file_len && memcmp(batch, file, file_len) == 0;
  solen_string_free(batch);
  free(file);
  return same;
}

static void test_file(const solen_engine* e) {
  char in[128], out[128];
  char* summary = (char*)&passed;
  size_t summary_len = 7;
  path_in(in, sizeof in, "in.jsonl");
  path_in(out, sizeof out, "out.jsonl");
  CHECK(write_file(in, caseload, strlen(caseload)));

  CHECK(solen_evaluate_file(e, in, out, options, strlen(options), &summary, &summary_len) ==
        SOLEN_OK);
  CHECK(strcmp(solen_last_error(), "") == 0);
  CHECK(summary != NULL && summary_len == strlen(summary));
  if (summary != NULL) {
    CHECK(strstr(summary, "\"households\":4") != NULL);
    CHECK(strstr(summary, "\"ok\":2,\"error\":2") != NULL);
  }
  solen_string_free(summary);
  CHECK(same_as_batch(e, caseload, strlen(caseload), out, options));

  /* No summary wanted; default options. */
  CHECK(solen_evaluate_file(e, in, out, NULL, 0, NULL, NULL) == SOLEN_OK);
  CHECK(same_as_batch(e, caseload, strlen(caseload), out, "{}"));
}

/* Checks a failed call; `summary` and `len` are read after it (the call sets them). */
static void expect_failure(solen_status got, solen_status status, const char* code,
                           char* const* summary, const size_t* len) {
  CHECK(got == status);
  CHECK(strcmp(solen_last_error_code(), code) == 0);
  CHECK(strlen(solen_last_error()) > 0);
  CHECK(*summary == NULL && *len == 0);
}

static void test_file_errors(const solen_engine* e) {
  char in[128], out[128], missing[128];
  char* summary = (char*)&passed;
  size_t len = 7, n = 0;
  char* kept;
  path_in(in, sizeof in, "in.jsonl");
  path_in(out, sizeof out, "never.jsonl");
  path_in(missing, sizeof missing, "missing.jsonl");

  /* Unreadable input: a clear error, and the output is not even created. */
  expect_failure(solen_evaluate_file(e, missing, out, NULL, 0, &summary, &len), SOLEN_E_IO,
                 "unreadable_file", &summary, &len);
  CHECK(strstr(solen_last_error(), missing) != NULL);
  CHECK(!exists(out));
  summary = (char*)&passed;
  expect_failure(solen_evaluate_file(e, dir, out, NULL, 0, &summary, &len), SOLEN_E_IO,
                 "unreadable_file", &summary, &len);
  CHECK(!exists(out));

  /* Unwritable output. */
  summary = (char*)&passed;
  expect_failure(solen_evaluate_file(e, in, "/nonexistent-solen-dir/out.jsonl", NULL, 0, &summary,
                                     &len),
                 SOLEN_E_IO, "unwritable_file", &summary, &len);
  summary = (char*)&passed;
  expect_failure(solen_evaluate_file(e, in, dir, NULL, 0, &summary, &len), SOLEN_E_IO,
                 "unwritable_file", &summary, &len);

  /* A full device: the run stops with write_error. */
  if (exists("/dev/full")) {
    summary = (char*)&passed;
    expect_failure(solen_evaluate_file(e, in, "/dev/full", NULL, 0, &summary, &len), SOLEN_E_IO,
                   "write_error", &summary, &len);
  }

  /* The output is the input: refused before the input is truncated. */
  summary = (char*)&passed;
  expect_failure(solen_evaluate_file(e, in, in, NULL, 0, &summary, &len),
                 SOLEN_E_INVALID_ARGUMENT, "same_file", &summary, &len);
  kept = read_file(in, &n);
  CHECK(kept != NULL && n == strlen(caseload));
  free(kept);

  /* Options and NULL arguments. */
  summary = (char*)&passed;
  expect_failure(solen_evaluate_file(e, in, out, "{\"threads\":-1}", 14, &summary, &len),
                 SOLEN_E_INVALID_ARGUMENT, "invalid_options", &summary, &len);
  CHECK(strcmp(solen_last_error_path(), "/threads") == 0);
  CHECK(!exists(out));
  CHECK(solen_evaluate_file(NULL, in, out, NULL, 0, NULL, NULL) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(strcmp(solen_last_error_code(), "null_argument") == 0);
  CHECK(solen_evaluate_file(e, NULL, out, NULL, 0, NULL, NULL) == SOLEN_E_INVALID_ARGUMENT);
  CHECK(solen_evaluate_file(e, in, NULL, NULL, 0, NULL, NULL) == SOLEN_E_INVALID_ARGUMENT);
}

/* More than one 8 MiB block, so that the streaming core runs several blocks and the output
 * buffer of the in-memory batch is sized from a measured ratio. Every 97th line is broken. */
static void test_large(const solen_engine* e) {
  enum { lines = 120000 };
  size_t cap = (size_t)lines * 160, len = 0, out_len = 0, newlines = 0, i;
  char* big = malloc(cap);
  char* out = NULL;
  char in[128], file[128];
  static const char opts1[] = "{\"as_of\":\"2019-05-01\",\"reasons\":false,\"threads\":1}";
  if (big == NULL) {
    CHECK(0);
    return;
  }
  for (i = 0; i < lines; ++i) {
    len += (size_t)snprintf(big + len, cap - len,
                            i % 97 == 5 ? "{\"id\":\"L%06lu\",\"members\":[\n"
                                        : "{\"id\":\"L%06lu\",\"members\":[{\"role\":\"declarant\","
                                          "\"age\":40}],\"income\":{\"rfr\":\"7800\"}}\n",
                            (unsigned long)i);
  }
  CHECK(len > (size_t)9 << 20);
  CHECK(solen_evaluate_batch_ex(e, big, len, options, strlen(options), &out, &out_len) ==
        SOLEN_OK);
  CHECK(out != NULL && strlen(out) == out_len);
  for (i = 0; out != NULL && i < out_len; ++i) newlines += out[i] == '\n';
  CHECK(newlines == lines);
  CHECK(out != NULL && strstr(out, "\"id\":\"L119999\"") != NULL);
  solen_string_free(out);

  path_in(in, sizeof in, "big.jsonl");
  path_in(file, sizeof file, "big.out.jsonl");
  CHECK(write_file(in, big, len));
  CHECK(solen_evaluate_file(e, in, file, options, strlen(options), NULL, NULL) == SOLEN_OK);
  CHECK(same_as_batch(e, big, len, file, opts1)); /* whatever the thread count */
  remove(in);
  remove(file);
  free(big);
}

int main(void) {
  solen_engine* e = NULL;
  char path[128];
  const char* tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/solen-capi-XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL || solen_engine_new_default(&e) != SOLEN_OK) {
    fprintf(stderr, "setup failed: %s\n", solen_last_error());
    return 1;
  }
  test_file(e);
  test_file_errors(e);
  test_large(e);
  solen_engine_free(e);
  path_in(path, sizeof path, "in.jsonl");
  remove(path);
  path_in(path, sizeof path, "out.jsonl");
  remove(path);
  rmdir(dir);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
