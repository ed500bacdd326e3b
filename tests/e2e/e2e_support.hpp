#pragma once
// Runs the real troupe binary for end-to-end tests: captured output, exit status, wall time,
// and a census of processes left behind (every process started by the run carries a unique
// marker in its environment, so reparented grandchildren are found too).
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace troupe::e2e {

struct Outcome {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
  std::chrono::milliseconds elapsed{0};
  bool timed_out = false;
  std::string marker;  // the env marker of this run
  long max_rss_kib = 0;  // peak resident memory of the program itself (not its children)
};

struct Invocation {
  std::vector<std::string> args{};  // after the program
  std::filesystem::path cwd{};
  std::map<std::string, std::string> env{};  // added to the test's environment
  std::chrono::milliseconds timeout{60000};
  // Send this signal to troupe when its stdout first contains `signal_when` (empty = never).
  int signal = 0;
  std::string signal_when{};
};

Outcome run_troupe(const Invocation& inv);
Outcome run_program(const std::string& program, const Invocation& inv);

// Processes whose environment holds TROUPE_E2E_MARKER=<marker>; waits up to `grace` for them to go.
int processes_left(const std::string& marker, std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

// A fresh directory under the build tree for one test's files.
std::filesystem::path scratch_dir(const std::string& name);
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

std::filesystem::path source_dir();
std::filesystem::path servos_dir();  // tests/servos

}  // namespace troupe::e2e
