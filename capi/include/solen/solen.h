/* Stable C ABI of Solen, the rules engine for French social energy tariffs (C99, JSON in/out). */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SOLEN_H
#define SOLEN_H

/*
 * Conventions (see docs/api-stability.md):
 * - Every fallible function returns a solen_status; SOLEN_OK is 0. On failure every out
 *   pointer is set to NULL (and out lengths to 0), and solen_last_error() describes the problem.
 * - Inputs are (pointer, length) pairs: no NUL terminator is needed, embedded NULs are data.
 * - Outputs come last. Strings returned through `char **` are owned by the caller and must be
 *   released with solen_string_free(), never with free(). Strings returned as `const char *`
 *   are owned by the library (static storage, or tied to the engine that returned them).
 * - A solen_engine is immutable once created: any number of threads may use one engine at the
 *   same time. No C++ exception ever leaves the library.
 */

#if defined(SOLEN_FFI_CDEF)
/* Plain declarations for PHP FFI and cffi (bindings/ffi/solen_ffi.h is generated from this). */
#  define SOLEN_API
#else
#  include <stddef.h>
#  include <stdint.h>
#endif

#if defined(SOLEN_API)
/* already defined (FFI mode, or by the includer) */
#elif defined(_WIN32)
#  if defined(SOLEN_BUILDING_LIBRARY)
#    define SOLEN_API __declspec(dllexport)
#  elif defined(SOLEN_STATIC)
#    define SOLEN_API
#  else
#    define SOLEN_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define SOLEN_API __attribute__((visibility("default")))
#else
#  define SOLEN_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* Versions                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/** Product version of these headers (compare with solen_version_number() at run time). */
#define SOLEN_VERSION_MAJOR 1
#define SOLEN_VERSION_MINOR 1
#define SOLEN_VERSION_PATCH 0
/** MAJOR * 10000 + MINOR * 100 + PATCH. */
#define SOLEN_VERSION_NUMBER \
  (SOLEN_VERSION_MAJOR * 10000 + SOLEN_VERSION_MINOR * 100 + SOLEN_VERSION_PATCH)
/** Version of the binary interface: equals the SONAME number (libsolen.so.1) and the symbol
 *  version node (SOLEN_1). It changes only on an incompatible ABI change. */
#define SOLEN_ABI_VERSION 1

/* ---------------------------------------------------------------------------------------- */
/* Types                                                                                     */
/* ---------------------------------------------------------------------------------------- */

/**
 * Result of every fallible call. The values are frozen: they never change, and new codes are
 * only ever appended. Treat unknown values as failures.
 */
typedef enum solen_status {
  SOLEN_OK = 0,                 /**< success */
  SOLEN_E_INVALID_ARGUMENT = 1, /**< NULL handle or pointer, invalid options text */
  SOLEN_E_PARSE = 2,            /**< not readable JSON: syntax, UTF-8, duplicate key, size, depth */
  SOLEN_E_SCHEMA = 3,           /**< readable JSON, but not a valid household (type, value) */
  SOLEN_E_RULES = 4,            /**< the rule pack is malformed, inconsistent or unsupported */
  SOLEN_E_EVALUATION = 5,       /**< evaluating the rules failed */
  SOLEN_E_NOMEM = 6,            /**< out of memory */
  SOLEN_E_IO = 7,               /**< a file could not be read */
  SOLEN_E_INTERNAL = 99         /**< a bug in Solen: please report it */
} solen_status;

/**
 * An engine: a compiled rule pack, ready to evaluate households. Opaque. Immutable once
 * created, so one engine may be shared by any number of threads without locking.
 * Created by solen_engine_new_*(), released by solen_engine_free().
 */
typedef struct solen_engine solen_engine;

/**
 * ABI version of the loaded library. Bindings compare it with SOLEN_ABI_VERSION (the value
 * they were written for) and refuse to load on a mismatch. Thread-safe, never fails.
 */
SOLEN_API uint32_t solen_abi_version(void);

/**
 * Product version of the loaded library as MAJOR * 10000 + MINOR * 100 + PATCH (10000 for
 * 1.0.0). Compare with SOLEN_VERSION_NUMBER to detect a header/library skew. Thread-safe.
 */
SOLEN_API uint32_t solen_version_number(void);

/**
 * Product version of the loaded library as "MAJOR.MINOR.PATCH". Static storage: never free it.
 * Thread-safe, never NULL.
 */
SOLEN_API const char* solen_version_string(void);

/* ---------------------------------------------------------------------------------------- */
/* Engine lifetime                                                                           */
/* ---------------------------------------------------------------------------------------- */

/**
 * Creates an engine over the rule pack embedded in the library at build time.
 * On SOLEN_OK, *out is a new engine owned by the caller (release it with solen_engine_free()).
 * Statuses: SOLEN_OK; SOLEN_E_INVALID_ARGUMENT (out is NULL); SOLEN_E_RULES (the embedded
 * pack does not compile: a build defect); SOLEN_E_NOMEM; SOLEN_E_INTERNAL.
 * On failure *out is NULL. Thread-safe.
 */
SOLEN_API solen_status solen_engine_new_default(solen_engine** out);

/**
 * Creates an engine over a JSON rule pack given as text (`len` bytes at `rules_json`, UTF-8,
 * no NUL terminator needed). The library keeps no reference to the text after the call.
 * On SOLEN_OK, *out is a new engine owned by the caller (release it with solen_engine_free()).
 * Statuses: SOLEN_OK; SOLEN_E_INVALID_ARGUMENT (rules_json or out is NULL); SOLEN_E_RULES (the
 * text is not JSON, or not a valid rule pack: solen_last_error() lists every problem with its
 * JSON path); SOLEN_E_NOMEM; SOLEN_E_INTERNAL. On failure *out is NULL. Thread-safe.
 */
SOLEN_API solen_status solen_engine_new_from_json(const char* rules_json, size_t len,
                                                  solen_engine** out);

/**
 * Creates an engine over the JSON rule pack stored in the file `path` (NUL-terminated).
 * Same ownership and statuses as solen_engine_new_from_json(), plus SOLEN_E_IO when the file
 * cannot be read. On failure *out is NULL. Thread-safe.
 */
SOLEN_API solen_status solen_engine_new_from_file(const char* path, solen_engine** out);

/**
 * Releases an engine. NULL is a no-op. The caller must make sure no other thread is still
 * using the engine; strings returned by its getters become invalid.
 */
SOLEN_API void solen_engine_free(solen_engine* engine);

/**
 * Identifier of the engine's rule pack (e.g. "fr-lille"). Owned by the engine: valid until
 * solen_engine_free(engine). NULL when engine is NULL. Thread-safe.
 */
SOLEN_API const char* solen_engine_pack_id(const solen_engine* engine);

/**
 * Content version of the engine's rule pack (e.g. "2026.11"). Owned by the engine: valid until
 * solen_engine_free(engine). NULL when engine is NULL. Thread-safe.
 */
SOLEN_API const char* solen_engine_pack_version(const solen_engine* engine);

/**
 * SHA-256 of the rule pack's bytes as loaded, in lower-case hex (64 characters). Every
 * decision carries it, so a decision can be audited and replayed. Owned by the engine: valid
 * until solen_engine_free(engine). NULL when engine is NULL. Thread-safe.
 */
SOLEN_API const char* solen_engine_pack_sha256(const solen_engine* engine);

/**
 * Human title of the engine's rule pack. Owned by the engine: valid until
 * solen_engine_free(engine). NULL when engine is NULL. Thread-safe.
 */
SOLEN_API const char* solen_engine_pack_title(const solen_engine* engine);

/* ---------------------------------------------------------------------------------------- */
/* Evaluation (thread-safe on a shared engine)                                               */
/* ---------------------------------------------------------------------------------------- */

/**
 * Evaluates one household (a JSON object, household format 1, `len` bytes, no NUL needed) with
 * the default options: reasons on, the household's own "as_of" date.
 * On SOLEN_OK, *out_json is the decision (a JSON object, decision format 1; its "status" is
 * "ok" or "excluded"), NUL-terminated, owned by the caller: release it with
 * solen_string_free(). *out_len is its length without the NUL (out_len may be NULL).
 * When the household cannot be read or is invalid, the status is SOLEN_E_PARSE (not readable
 * JSON) or SOLEN_E_SCHEMA (invalid content), *out_json is NULL and solen_last_error(),
 * solen_last_error_code() and solen_last_error_path() describe the problem.
 * Other statuses: SOLEN_E_INVALID_ARGUMENT (engine, household_json or out_json is NULL),
 * SOLEN_E_EVALUATION, SOLEN_E_NOMEM, SOLEN_E_INTERNAL. On failure *out_json is NULL and
 * *out_len is 0. Thread-safe: any number of threads may evaluate on one engine at once.
 */
SOLEN_API solen_status solen_evaluate(const solen_engine* engine, const char* household_json,
                                      size_t len, char** out_json, size_t* out_len);

/**
 * solen_evaluate() with options given as a JSON object text (`options_len` bytes; NULL or
 * length 0 means the defaults). Keys, all optional:
 *   "as_of":   "YYYY-MM-DD" or null: the date of evaluation for households without their own
 *              "as_of" (a household's own date wins);
 *   "reasons": true | false: false leaves the reasons lists empty (faster; answers identical);
 *   "threads": integer >= 0: accepted for symmetry with the batch call, ignored here;
 *   "limits":  {"max_bytes", "max_depth", "max_members", "max_list_items"}: positive integers
 *              replacing the documented input limits (1 MiB, 32, 100, 1000).
 * Unknown keys, wrong types or an impossible date give SOLEN_E_INVALID_ARGUMENT (with the
 * option's path in solen_last_error_path()). Otherwise as solen_evaluate(). Thread-safe.
 */
SOLEN_API solen_status solen_evaluate_ex(const solen_engine* engine, const char* household_json,
                                         size_t len, const char* options_json, size_t options_len,
                                         char** out_json, size_t* out_len);

/**
 * Evaluates a batch given as JSON Lines (one household object per line, `len` bytes).
 * *out_jsonl receives exactly one decision per non-blank input line, in input order, each
 * followed by "\n"; a line that cannot be read or is invalid gets an error decision
 * {"id": ..., "status": "error", "error": {"code", "path", "message"}} and never stops the
 * batch. Blank lines (only spaces, tabs or "\r") give no output. An empty input gives "".
 * The status is not SOLEN_OK only when the batch itself cannot run: SOLEN_E_INVALID_ARGUMENT
 * (engine, jsonl or out_jsonl is NULL), SOLEN_E_NOMEM, SOLEN_E_INTERNAL.
 * On SOLEN_OK *out_jsonl is NUL-terminated and owned by the caller (solen_string_free());
 * *out_len is its length without the NUL (out_len may be NULL). On failure *out_jsonl is NULL
 * and *out_len is 0. Uses all hardware threads. Thread-safe.
 */
SOLEN_API solen_status solen_evaluate_batch(const solen_engine* engine, const char* jsonl,
                                            size_t len, char** out_jsonl, size_t* out_len);

/**
 * solen_evaluate_batch() with options given as a JSON object text (see solen_evaluate_ex();
 * NULL or length 0 means the defaults). "threads": 0 (the default) uses every hardware thread,
 * N > 0 uses N threads (at most 1024); the output is identical whatever the thread count.
 * Invalid options give SOLEN_E_INVALID_ARGUMENT. Otherwise as solen_evaluate_batch().
 */
SOLEN_API solen_status solen_evaluate_batch_ex(const solen_engine* engine, const char* jsonl,
                                               size_t len, const char* options_json,
                                               size_t options_len, char** out_jsonl,
                                               size_t* out_len);

/**
 * Evaluates the JSON Lines file `in_path` into the file `out_path` (both NUL-terminated paths;
 * anything fopen() accepts, e.g. a FIFO or /dev/stdin), streaming: memory stays bounded (a few
 * blocks of 8 MiB) whatever the file size. Same output as solen_evaluate_batch_ex(): exactly one
 * decision per non-blank line, in input order, each followed by "\n"; a line that cannot be
 * read or is invalid gets an error decision and never stops the run. `options_json` as in
 * solen_evaluate_batch_ex() (NULL or length 0: the defaults; "threads": 0 = every core).
 * `out_path` is created or truncated, and only once `in_path` has been opened.
 * When `summary_json` is not NULL, on SOLEN_OK it receives the caseload summary as a JSON
 * object ({"households", "status": {"ok", "error", "excluded"}, "route", "urgency",
 * "measures", "cheque_energie_status", "totals", ...}), NUL-terminated, owned by the caller
 * (solen_string_free()); *summary_len is its length (summary_len may be NULL).
 * Statuses: SOLEN_OK; SOLEN_E_INVALID_ARGUMENT (engine, in_path or out_path is NULL, invalid
 * options, or code "same_file": out_path is in_path); SOLEN_E_IO with solen_last_error_code()
 * "unreadable_file" (in_path cannot be opened; out_path is left alone), "unwritable_file"
 * (out_path cannot be created), "read_error" or "write_error" (the run stopped part-way, e.g. a
 * full disk: out_path holds the decisions written so far); SOLEN_E_NOMEM; SOLEN_E_INTERNAL.
 * Messages name the paths. On failure *summary_json is NULL and *summary_len is 0.
 * Thread-safe. Since symbol version SOLEN_1.1.
 */
SOLEN_API solen_status solen_evaluate_file(const solen_engine* engine, const char* in_path,
                                           const char* out_path, const char* options_json,
                                           size_t options_len, char** summary_json,
                                           size_t* summary_len);

/**
 * Releases a string returned through a `char **` out parameter by this library. NULL is a
 * no-op. Never pass it memory from another allocator, nor a `const char *` getter result.
 */
SOLEN_API void solen_string_free(char* s);

/* ---------------------------------------------------------------------------------------- */
/* Diagnostics                                                                               */
/* ---------------------------------------------------------------------------------------- */

/**
 * Message of the last failed call made by this thread, or "" when the last fallible call
 * succeeded (every fallible call clears it on entry). Never NULL. Owned by the library, valid
 * until the next solen_ call on this thread: copy it if you need it longer. Messages never
 * quote household data.
 */
SOLEN_API const char* solen_last_error(void);

/**
 * Stable snake_case code of the last failure on this thread (e.g. "invalid_json",
 * "invalid_date", "null_argument", "invalid_options"), or "" when none. Never NULL. Same
 * lifetime as solen_last_error().
 */
SOLEN_API const char* solen_last_error_code(void);

/**
 * JSON pointer to the offending place of the last failure on this thread, inside the input
 * that was rejected (e.g. "/members/0/birth_date"; "" for the whole document or when not
 * applicable). Never NULL. Same lifetime as solen_last_error().
 */
SOLEN_API const char* solen_last_error_path(void);

/**
 * Name of a status as a static string ("SOLEN_OK", "SOLEN_E_PARSE", ...), or
 * "SOLEN_E_UNKNOWN" for a value this library does not know. Never NULL, never free it.
 * Thread-safe.
 */
SOLEN_API const char* solen_status_name(solen_status status);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SOLEN_H */
