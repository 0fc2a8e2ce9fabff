// Sub-commands of the `solen` command-line tool.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace solen::cli {

/// Each command takes its own arguments (without the command name) and returns the exit code:
/// 0 done, 1 fatal error (unreadable input, invalid pack), 2 bad usage.
int evaluate(const std::vector<std::string>& args);
int check(const std::vector<std::string>& args);
int explain(const std::vector<std::string>& args);
int summary(const std::vector<std::string>& args);
int generate(const std::vector<std::string>& args);

}  // namespace solen::cli
