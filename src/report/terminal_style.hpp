#pragma once
// How a status looks on a terminal: its mark and its ANSI colour, shared by pretty, progress and
// summary so that one status reads the same everywhere.
#include <string>
#include <string_view>

#include "exec/events.hpp"

namespace troupe::report {

namespace ansi {
inline constexpr const char* kGreen = "32";
inline constexpr const char* kRed = "31";
inline constexpr const char* kYellow = "33";
inline constexpr const char* kCyan = "36";
inline constexpr const char* kDim = "2";
inline constexpr const char* kBold = "1";
}  // namespace ansi

// `text` wrapped in the colour when `color` is on, else unchanged.
std::string paint(bool color, const char* code, std::string_view text);

const char* status_color(exec::Status status);
const char* status_mark(exec::Status status);  // "✔", "✘", "↷", "?"

// Passed and skipped are fine; every other status (unknown included) fails a run.
bool is_failure(exec::Status status);

}  // namespace troupe::report
