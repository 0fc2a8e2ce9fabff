// The C ABI's exception firewall: thread-local last error and the C++-to-status mapping.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "solen/error.hpp"
#include "solen/solen.h"

namespace solen::capi {

/// The last failure of this thread. Messages, codes and paths never hold household data.
struct LastError {
  std::string message;
  std::string code;
  std::string path;
  bool degraded = false;  ///< storing the message failed (out of memory): use the fallbacks
};

inline LastError& last_error() noexcept {
  thread_local LastError e;
  return e;
}

inline void clear_last_error() noexcept {
  LastError& e = last_error();
  e.message.clear();  // clear() keeps the capacity and never throws
  e.code.clear();
  e.path.clear();
  e.degraded = false;
}

/// Records a failure and returns its status. Never throws: when memory is too short to copy
/// the message, the accessors fall back to static texts.
inline solen_status fail(solen_status status, std::string_view code, std::string_view path,
                         std::string_view message) noexcept {
  LastError& e = last_error();
  try {
    e.message.assign(message.data(), message.size());
    e.code.assign(code.data(), code.size());
    e.path.assign(path.data(), path.size());
    e.degraded = false;
  } catch (...) {
    e.message.clear();
    e.code.clear();
    e.path.clear();
    e.degraded = true;
  }
  return status;
}

/// Which input a call reads: rule packs report every content problem as SOLEN_E_RULES.
enum class Input { household, rules, options };

inline solen_status status_of(ErrorKind kind, Input input) noexcept {
  if (input == Input::rules &&
      (kind == ErrorKind::parse || kind == ErrorKind::schema || kind == ErrorKind::rules)) {
    return SOLEN_E_RULES;
  }
  if (input == Input::options && (kind == ErrorKind::parse || kind == ErrorKind::schema)) {
    return SOLEN_E_INVALID_ARGUMENT;
  }
  switch (kind) {
    case ErrorKind::invalid_argument:
      return SOLEN_E_INVALID_ARGUMENT;
    case ErrorKind::parse:
      return SOLEN_E_PARSE;
    case ErrorKind::schema:
      return SOLEN_E_SCHEMA;
    case ErrorKind::rules:
      return SOLEN_E_RULES;
    case ErrorKind::evaluation:
      return SOLEN_E_EVALUATION;
    case ErrorKind::io:
      return SOLEN_E_IO;
    case ErrorKind::internal:
      return SOLEN_E_INTERNAL;
  }
  return SOLEN_E_INTERNAL;
}

/// Runs `body` (returning solen_status) with the last error cleared first, and turns every
/// exception into a status plus a message. Nothing escapes: the C ABI is noexcept.
template <class F>
solen_status guarded(Input input, F&& body) noexcept {
  clear_last_error();
  try {
    return std::forward<F>(body)();
  } catch (const Error& e) {
    return fail(status_of(e.kind(), input), e.code(), e.path(), e.what());
  } catch (const nlohmann::json::exception& e) {
    // Only reachable for rule packs and options: households are read by the strict parser.
    solen_status s = input == Input::rules     ? SOLEN_E_RULES
                     : input == Input::options ? SOLEN_E_INVALID_ARGUMENT
                                               : SOLEN_E_PARSE;
    return fail(s, "invalid_json", "", e.what());
  } catch (const std::bad_alloc&) {
    return fail(SOLEN_E_NOMEM, "out_of_memory", "", "out of memory");
  } catch (const std::exception& e) {
    return fail(SOLEN_E_INTERNAL, "internal", "", e.what());
  } catch (...) {
    return fail(SOLEN_E_INTERNAL, "internal", "", "unknown C++ exception");
  }
}

/// Fails with SOLEN_E_INVALID_ARGUMENT naming the NULL parameter.
inline solen_status null_argument(const char* name) noexcept {
  clear_last_error();
  std::string_view n(name);
  LastError& e = last_error();
  solen_status s = fail(SOLEN_E_INVALID_ARGUMENT, "null_argument", "", n);
  if (!e.degraded) {
    try {
      e.message.insert(0, "argument is NULL: ");
    } catch (...) {
    }
  }
  return s;
}

/// Hands a string to the caller: malloc'ed copy with a NUL, released by solen_string_free().
inline char* to_c_string(std::string_view s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

}  // namespace solen::capi
