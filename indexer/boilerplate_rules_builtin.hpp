// The built-in boilerplate rules: indexer/rules/boilerplate.rules, compiled into the binary
// (at configure time) so dateline-index works from any directory. Thread-safe.
#pragma once

#include <string_view>

namespace dateline::indexer {

// The text of the rules file, and the name messages give it.
std::string_view builtin_boilerplate_rules();
inline constexpr std::string_view kBuiltinBoilerplateRulesName = "indexer/rules/boilerplate.rules";

}  // namespace dateline::indexer
