#pragma once
// The libFuzzer entry point every fuzz target defines. Built with clang's -fsanitize=fuzzer it is
// driven by libFuzzer; otherwise replay_main.cpp feeds it the corpus files, as a CTest test.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
