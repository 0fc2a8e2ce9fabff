// The extern "C" entry points of libsolen: thin shims over solen::Engine behind guarded().
// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "guard.hpp"
#include "options.hpp"
#include "solen/engine.hpp"
#include "solen/error.hpp"
#include "solen/solen.h"
#include "stream_batch.hpp"

/// The opaque handle: an immutable engine (copies of solen::Engine share the compiled pack).
struct solen_engine {
  solen::Engine impl;
};

namespace {

using solen::capi::guarded;
using solen::capi::Input;
using solen::capi::null_argument;

#define SOLEN_STR2(x) #x
#define SOLEN_STR(x) SOLEN_STR2(x)
constexpr const char* version_string = SOLEN_STR(SOLEN_VERSION_MAJOR) "." SOLEN_STR(
    SOLEN_VERSION_MINOR) "." SOLEN_STR(SOLEN_VERSION_PATCH);

/// Household errors that mean "not readable JSON" (the reader's codes); every other household
/// error is about the content of valid JSON (SOLEN_E_SCHEMA).
bool is_parse_code(std::string_view code) {
  constexpr std::string_view parse_codes[] = {"invalid_json", "invalid_utf8", "duplicate_key",
                                              "too_deep", "line_too_long"};
  return std::find(std::begin(parse_codes), std::end(parse_codes), code) != std::end(parse_codes);
}

/// Clears the out pointers first, so that every failure path leaves them NULL / 0.
void reset(char** out, std::size_t* out_len) {
  *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
}

void hand_out(const std::string& s, char** out, std::size_t* out_len) {
  *out = solen::capi::to_c_string(s);
  if (out_len != nullptr) *out_len = s.size();
}

template <class Build>
solen_status new_engine(solen_engine** out, Build&& build) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded(Input::rules, [&] {
    *out = new solen_engine{build()};
    return SOLEN_OK;
  });
}

/// The options text of a call, or SOLEN_E_INVALID_ARGUMENT with the offending option's path.
solen_status parse_options(const char* options, std::size_t options_len, solen::BatchOptions& opts) {
  return guarded(Input::options, [&] {
    opts = solen::capi::read_options(options, options_len);
    return SOLEN_OK;
  });
}

solen_status evaluate_one(const solen_engine* engine, const char* json, std::size_t len,
                          const char* options, std::size_t options_len, char** out,
                          std::size_t* out_len) {
  if (out == nullptr) return null_argument("out_json");
  reset(out, out_len);
  if (engine == nullptr) return null_argument("engine");
  if (json == nullptr) return null_argument("household_json");
  solen::BatchOptions opts;
  if (solen_status s = parse_options(options, options_len, opts); s != SOLEN_OK) return s;
  return guarded(Input::household, [&] {
    std::string decision;
    solen::DecisionError err;
    if (!engine->impl.evaluate_json(std::string_view(json, len), decision, err, opts.eval)) {
      solen_status status = is_parse_code(err.code) ? SOLEN_E_PARSE : SOLEN_E_SCHEMA;
      return solen::capi::fail(status, err.code, err.path, err.message);
    }
    hand_out(decision, out, out_len);
    return SOLEN_OK;
  });
}

solen_status evaluate_lines(const solen_engine* engine, const char* jsonl, std::size_t len,
                            const char* options, std::size_t options_len, char** out,
                            std::size_t* out_len) {
  if (out == nullptr) return null_argument("out_jsonl");
  reset(out, out_len);
  if (engine == nullptr) return null_argument("engine");
  if (jsonl == nullptr) return null_argument("jsonl");
  solen::BatchOptions opts;
  if (solen_status s = parse_options(options, options_len, opts); s != SOLEN_OK) return s;
  return guarded(Input::household, [&] {
    std::size_t size = 0;
    *out = solen::capi::evaluate_memory(engine->impl, std::string_view(jsonl, len), opts, size);
    if (out_len != nullptr) *out_len = size;
    return SOLEN_OK;
  });
}

solen_status evaluate_file(const solen_engine* engine, const char* in_path, const char* out_path,
                           const char* options, std::size_t options_len, char** summary_json,
                           std::size_t* summary_len) {
  if (summary_json != nullptr) *summary_json = nullptr;
  if (summary_len != nullptr) *summary_len = 0;
  if (engine == nullptr) return null_argument("engine");
  if (in_path == nullptr) return null_argument("in_path");
  if (out_path == nullptr) return null_argument("out_path");
  solen::BatchOptions opts;
  if (solen_status s = parse_options(options, options_len, opts); s != SOLEN_OK) return s;
  return guarded(Input::household, [&] {
    solen::Summary summary;
    solen::capi::evaluate_files(engine->impl, in_path, out_path, opts,
                                summary_json != nullptr ? &summary : nullptr);
    if (summary_json != nullptr) hand_out(summary.to_json(), summary_json, summary_len);
    return SOLEN_OK;
  });
}

}  // namespace

extern "C" {

SOLEN_API uint32_t solen_abi_version(void) { return SOLEN_ABI_VERSION; }

SOLEN_API uint32_t solen_version_number(void) { return SOLEN_VERSION_NUMBER; }

SOLEN_API const char* solen_version_string(void) { return version_string; }

SOLEN_API solen_status solen_engine_new_default(solen_engine** out) {
  return new_engine(out, [] { return solen::Engine::embedded(); });
}

SOLEN_API solen_status solen_engine_new_from_json(const char* rules_json, size_t len,
                                                  solen_engine** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (rules_json == nullptr) return null_argument("rules_json");
  return new_engine(out,
                    [&] { return solen::Engine::from_json(std::string_view(rules_json, len)); });
}

SOLEN_API solen_status solen_engine_new_from_file(const char* path, solen_engine** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (path == nullptr) return null_argument("path");
  return new_engine(out, [&] { return solen::Engine::from_file(std::string(path)); });
}

SOLEN_API void solen_engine_free(solen_engine* engine) { delete engine; }

SOLEN_API const char* solen_engine_pack_id(const solen_engine* engine) {
  return engine == nullptr ? nullptr : engine->impl.pack().id.c_str();
}

SOLEN_API const char* solen_engine_pack_version(const solen_engine* engine) {
  return engine == nullptr ? nullptr : engine->impl.pack().version.c_str();
}

SOLEN_API const char* solen_engine_pack_sha256(const solen_engine* engine) {
  return engine == nullptr ? nullptr : engine->impl.pack().sha256.c_str();
}

SOLEN_API const char* solen_engine_pack_title(const solen_engine* engine) {
  return engine == nullptr ? nullptr : engine->impl.pack().title.c_str();
}

SOLEN_API solen_status solen_evaluate(const solen_engine* engine, const char* household_json,
                                      size_t len, char** out_json, size_t* out_len) {
  return evaluate_one(engine, household_json, len, nullptr, 0, out_json, out_len);
}

SOLEN_API solen_status solen_evaluate_ex(const solen_engine* engine, const char* household_json,
                                         size_t len, const char* options_json, size_t options_len,
                                         char** out_json, size_t* out_len) {
  return evaluate_one(engine, household_json, len, options_json, options_len, out_json, out_len);
}

SOLEN_API solen_status solen_evaluate_batch(const solen_engine* engine, const char* jsonl,
                                            size_t len, char** out_jsonl, size_t* out_len) {
  return evaluate_lines(engine, jsonl, len, nullptr, 0, out_jsonl, out_len);
}

SOLEN_API solen_status solen_evaluate_batch_ex(const solen_engine* engine, const char* jsonl,
                                               size_t len, const char* options_json,
                                               size_t options_len, char** out_jsonl,
                                               size_t* out_len) {
  return evaluate_lines(engine, jsonl, len, options_json, options_len, out_jsonl, out_len);
}

SOLEN_API solen_status solen_evaluate_file(const solen_engine* engine, const char* in_path,
                                           const char* out_path, const char* options_json,
                                           size_t options_len, char** summary_json,
                                           size_t* summary_len) {
  return evaluate_file(engine, in_path, out_path, options_json, options_len, summary_json,
                       summary_len);
}

SOLEN_API void solen_string_free(char* s) { std::free(s); }

SOLEN_API const char* solen_last_error(void) {
  const solen::capi::LastError& e = solen::capi::last_error();
  return e.degraded ? "out of memory while recording an error" : e.message.c_str();
}

SOLEN_API const char* solen_last_error_code(void) {
  const solen::capi::LastError& e = solen::capi::last_error();
  return e.degraded ? "out_of_memory" : e.code.c_str();
}

SOLEN_API const char* solen_last_error_path(void) { return solen::capi::last_error().path.c_str(); }

SOLEN_API const char* solen_status_name(solen_status status) {
  switch (static_cast<int>(status)) {
    case SOLEN_OK:
      return "SOLEN_OK";
    case SOLEN_E_INVALID_ARGUMENT:
      return "SOLEN_E_INVALID_ARGUMENT";
    case SOLEN_E_PARSE:
      return "SOLEN_E_PARSE";
    case SOLEN_E_SCHEMA:
      return "SOLEN_E_SCHEMA";
    case SOLEN_E_RULES:
      return "SOLEN_E_RULES";
    case SOLEN_E_EVALUATION:
      return "SOLEN_E_EVALUATION";
    case SOLEN_E_NOMEM:
      return "SOLEN_E_NOMEM";
    case SOLEN_E_IO:
      return "SOLEN_E_IO";
    case SOLEN_E_INTERNAL:
      return "SOLEN_E_INTERNAL";
    default:
      return "SOLEN_E_UNKNOWN";
  }
}

}  // extern "C"
