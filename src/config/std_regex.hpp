#pragma once
// <regex> without GCC 12's false -Wmaybe-uninitialized inside std::function, which fires under
// -O2 with sanitizers and would break -Werror builds (GCC bug 105562 and relatives).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#else
#include <regex>
#endif
