#pragma once
// A cheap, non-recursive look at JSON nesting, run before the (recursive) DOM parser so that a
// hostile "[[[[..." cannot overflow the stack.
#include <cstddef>
#include <string_view>

namespace troupe::rpc {

// Deepest nesting of arrays/objects in `text`, ignoring brackets inside strings. Stops counting
// once `limit` is exceeded (returns limit + 1). Malformed JSON is left to the parser.
std::size_t json_nesting_depth(std::string_view text, std::size_t limit);

}  // namespace troupe::rpc
