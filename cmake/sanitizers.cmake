# Sanitizer and fuzzing builds (see docs/hardening.md). At most one of these per build dir.
#   TROUPE_SANITIZE         AddressSanitizer (with LeakSanitizer) + UndefinedBehaviorSanitizer
#   TROUPE_SANITIZE_THREAD  ThreadSanitizer, for the code that uses threads (the C++ SDK)
#   TROUPE_FUZZ             clang libFuzzer targets of tests/fuzz, with ASan + UBSan
# -fno-sanitize-recover=all: a UBSan report aborts the process, so it fails the test that saw it.
option(TROUPE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(TROUPE_SANITIZE_THREAD "Build with ThreadSanitizer" OFF)
option(TROUPE_FUZZ "Build the libFuzzer targets (clang only)" OFF)

set(_troupe_sanitizer_modes 0)
foreach(mode TROUPE_SANITIZE TROUPE_SANITIZE_THREAD TROUPE_FUZZ)
  if(${mode})
    math(EXPR _troupe_sanitizer_modes "${_troupe_sanitizer_modes} + 1")
  endif()
endforeach()
if(_troupe_sanitizer_modes GREATER 1)
  message(FATAL_ERROR
    "TROUPE_SANITIZE, TROUPE_SANITIZE_THREAD and TROUPE_FUZZ exclude each other: use one build dir each")
endif()

# GCC 12's -Wmaybe-uninitialized gives false positives in instrumented code (e.g. std::function
# inside <regex>, GCC bug 105562); the normal -Werror build keeps that warning.
if((TROUPE_SANITIZE OR TROUPE_SANITIZE_THREAD) AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wno-maybe-uninitialized)
endif()

if(TROUPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
elseif(TROUPE_SANITIZE_THREAD)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(TROUPE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TROUPE_FUZZ needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Coverage instrumentation everywhere; only the fuzz executables link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
