// Structured errors of Solen: a code, a JSON pointer to the offending place, a message.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace solen {
inline namespace v1 {

/// Kinds of failure; mirrored by the C ABI status codes.
enum class ErrorKind { invalid_argument, parse, schema, rules, evaluation, io, internal };

/// Thrown for input or rule-pack problems. `code` is a stable snake_case identifier
/// (e.g. "invalid_date"), `path` a JSON pointer ("/members/0/birth_date"). Messages never
/// quote the offending value: household data is personal.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, std::string path, const std::string& message)
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), path_(std::move(path)) {}
  ErrorKind kind() const noexcept { return kind_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& path() const noexcept { return path_; }

 private:
  ErrorKind kind_;
  std::string code_;
  std::string path_;
};

}  // namespace v1
}  // namespace solen
