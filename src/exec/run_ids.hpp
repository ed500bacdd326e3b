#pragma once
// Identifiers handed to servos: safe in file names, unique per run and per test case.
#include <cstddef>
#include <cstdint>
#include <string>

namespace troupe::exec {

// "20261126T104500-12345-1": UTC start time, troupe's pid, and a per-process run counter.
std::string make_run_id();
// "<run id>-0007" for the test case at `index` (0-based) of the plan.
std::string make_test_run_id(const std::string& run_id, std::size_t index);
// HARMONY_FEATURE_ID / featureId: distinct for every test case started by this process.
std::int64_t next_feature_id();

}  // namespace troupe::exec
