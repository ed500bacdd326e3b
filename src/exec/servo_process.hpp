#pragma once
// One spawned servo: its process (leader of its own process group), its three pipes, and signals.
// Spawned without a shell. Handlers run on the loop; they may call any method but must not
// destroy the ServoProcess (owners destroy it from outside its callbacks).
#include <uv.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe::exec {

class Timer;

struct SpawnSpec {
  std::vector<std::string> argv;  // argv[0] is the program (PATH is searched when it has no '/')
  std::filesystem::path cwd;      // empty: inherit
  std::vector<std::string> env;   // complete environment, "NAME=value"
};

struct ExitStatus {
  std::optional<int> exit_code;
  std::optional<int> signal;
  // Set when troupe killed the process for a fault it saw itself, e.g.
  // "closed its stdout but kept running"; empty otherwise.
  std::string killed_because;
};

class ServoProcess {
 public:
  struct Handlers {
    std::function<void(std::string_view)> on_stdout;
    std::function<void(std::string_view)> on_stderr;
    std::function<void()> on_stdout_closed;
    std::function<void()> on_stderr_closed;
    std::function<void(ExitStatus)> on_exit;  // after the process is reaped
  };

  ServoProcess(uv_loop_t* loop, Handlers handlers);
  // A process still running is killed (whole group) and reaped here, synchronously.
  ~ServoProcess();
  ServoProcess(const ServoProcess&) = delete;
  ServoProcess& operator=(const ServoProcess&) = delete;

  // Empty on success, else why it could not be started (e.g. "no such file or directory").
  std::string spawn(const SpawnSpec& spec);
  int pid() const { return pid_; }
  bool running() const { return pid_ > 0 && !exited_; }
  bool exited() const { return exited_; }

  // Queues bytes for the servo's stdin; ignored once stdin is closed.
  void write(std::string bytes);
  // Closes stdin after the queued writes are flushed; the servo then sees EOF.
  void close_stdin();
  // Signals the whole process group (also after the leader exited, for its grandchildren).
  void signal_group(int signal);

  // A servo whose stdout reached EOF but which has not exited after this long can never reply
  // again: its group is killed. The wait tells a servo that exits (closing stdout first) apart.
  static constexpr std::uint64_t kStdoutClosedGraceMs = 250;

 private:
  struct Stream;
  static void on_process_exit(uv_process_t* process, int64_t exit_status, int term_signal);
  static void on_alloc(uv_handle_t* handle, size_t suggested, uv_buf_t* buf);
  static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf);
  static void close_stream(Stream*& stream);
  void watch_stdout_closed();

  uv_loop_t* loop_;
  Handlers handlers_;
  uv_process_t* process_ = nullptr;
  Stream* stdin_ = nullptr;
  Stream* stdout_ = nullptr;
  Stream* stderr_ = nullptr;
  int pid_ = 0;
  bool exited_ = false;
  std::unique_ptr<Timer> stdout_closed_timer_;
  std::string killed_because_;
};

}  // namespace troupe::exec
