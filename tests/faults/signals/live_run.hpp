#pragma once
// The real troupe binary running in the background while a test watches it: its output, the
// beacons its servos send through a FIFO (what they are doing right now), signals sent at exact
// moments, and how long troupe took to exit after the last one.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "e2e_support.hpp"

namespace troupe::faults {

struct Beacon {
  std::string event;  // e.g. "spawned", "hangs", "shutdown", "exit", "grandchild"
  std::string role;
  int pid = 0;
};

struct LiveRunSetup {
  std::vector<std::string> args;
  std::filesystem::path cwd;  // also holds the beacon FIFO
  std::map<std::string, std::string> env{};
};

class LiveRun {
 public:
  explicit LiveRun(const LiveRunSetup& setup);
  ~LiveRun();  // SIGKILLs and reaps troupe if a failed test left it running
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  // Reads output and beacons until `count` beacons of `event` have arrived in all; false when
  // troupe exits first or `within` passes.
  bool wait_for(const std::string& event, int count, std::chrono::milliseconds within);
  // Reads output until it holds `text` `count` times; false when troupe exits first or `within`
  // passes.
  bool wait_for_output(const std::string& text, int count, std::chrono::milliseconds within);
  int beacon_count(const std::string& event) const;
  const std::vector<Beacon>& beacons() const { return beacons_; }

  void send(int signal);
  // Waits for troupe to exit (SIGKILL after `within`, then timed_out is set).
  e2e::Outcome finish(std::chrono::milliseconds within);
  // Exit time minus the time of the last signal sent (valid after finish()).
  std::chrono::milliseconds exit_after_last_signal() const { return exit_after_signal_; }

  pid_t pid() const { return pid_; }
  const std::string& marker() const { return marker_; }
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  using Clock = std::chrono::steady_clock;
  // One poll of the three pipes; false once troupe's stdout and stderr are both closed.
  bool pump(int timeout_ms);
  void read_beacons();

  std::string marker_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int out_fd_ = -1, err_fd_ = -1, beacon_fd_ = -1;
  std::string out_, err_, beacon_text_;
  std::vector<Beacon> beacons_;
  Clock::time_point started_;
  Clock::time_point last_signal_;
  std::chrono::milliseconds exit_after_signal_{0};
};

// True when `pid` no longer runs (absent, or a zombie waiting for its parent).
bool process_ended(int pid);

}  // namespace troupe::faults
