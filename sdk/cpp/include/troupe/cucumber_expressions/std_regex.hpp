#pragma once
// <regex> without GCC 12's false -Wmaybe-uninitialized from std::function inside std::regex
// (seen with sanitizers and -Werror).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#else
#include <regex>
#endif
