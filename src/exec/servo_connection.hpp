#pragma once
// JSON-RPC over one servo's pipes: framing, request ids, replies matched by id, per-request
// timeouts, protocol errors, stderr lines, and "gone" (exited, pipes drained, process group empty).
#include <uv.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "config/config.hpp"
#include "exec/servo_process.hpp"
#include "exec/stderr_lines.hpp"
#include "exec/timer.hpp"
#include "rpc/frame_decoder.hpp"
#include "rpc/json_rpc.hpp"

namespace troupe::exec {

// Why a request got no usable reply. `kind` becomes StepFinished::error_type.
struct RequestFailure {
  std::string kind;  // "timeout", "servo exited", "protocol error"
  std::string message;
};
using RequestResult = std::variant<rpc::Reply, RequestFailure>;

inline constexpr const char* kTimeoutKind = "timeout";
inline constexpr const char* kExitedKind = "servo exited";
inline constexpr const char* kProtocolErrorKind = "protocol error";

class ServoConnection {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void on_stderr_line(std::string line) = 0;
    // The servo exited, its pipes are drained and its process group is gone (or given up on).
    virtual void on_gone(const ExitStatus& status) = 0;
  };
  using Callback = std::function<void(RequestResult)>;

  // `label` names the servo in messages, e.g. "cpp:writer".
  ServoConnection(uv_loop_t* loop, config::Framing framing, const config::Limits& limits,
                  std::string label, Listener& listener);
  ~ServoConnection();
  ServoConnection(const ServoConnection&) = delete;
  ServoConnection& operator=(const ServoConnection&) = delete;

  // Empty on success, else a message naming the command.
  std::string spawn(const SpawnSpec& spec);
  // The callback runs exactly once (possibly before request() returns when the servo is already
  // gone or broken), unless the connection is destroyed first.
  void request(std::string_view method, const nlohmann::json& params, int timeout_ms,
               Callback callback);
  void close_stdin() { process_.close_stdin(); }
  void signal_group(int signal) { process_.signal_group(signal); }

  int pid() const { return process_.pid(); }
  const std::string& label() const { return label_; }
  bool exited() const { return process_.exited(); }
  bool gone() const { return gone_; }
  bool broken() const { return !protocol_error_.empty(); }
  const ExitStatus& exit_status() const { return exit_status_; }
  std::string stderr_tail() const { return stderr_lines_.tail(); }
  // "servo cpp:writer exited with code 3" / "... was killed by signal SIGSEGV", then `when`
  // (e.g. " before answering health"), then the stderr tail.
  std::string exit_description(std::string_view when = {}) const;

  // How long after the exit troupe waits for the pipes to close and the group to empty.
  static constexpr std::uint64_t kDrainLimitMs = 3000;
  static constexpr std::uint64_t kDrainPollMs = 5;

 private:
  struct Pending {
    std::string method;
    Callback callback;
    std::unique_ptr<Timer> timer;
  };

  void on_stdout(std::string_view bytes);
  void on_timeout(std::int64_t id, int timeout_ms);
  void on_reply(rpc::Reply reply);
  void on_exit(const ExitStatus& status);
  void check_drained();
  void protocol_error(const std::string& why);
  void fail_all_pending(const RequestFailure& failure);

  uv_loop_t* loop_;
  config::Framing framing_;
  std::string label_;
  Listener& listener_;
  std::size_t max_log_lines_;
  rpc::FrameDecoder decoder_;
  StderrLines stderr_lines_;
  ServoProcess process_;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, Pending> pending_;
  std::set<std::int64_t> abandoned_;  // timed out: a late reply is dropped, not a protocol error
  std::string protocol_error_;
  ExitStatus exit_status_;
  bool stdout_closed_ = false;
  bool stderr_closed_ = false;
  bool gone_ = false;
  std::uint64_t exited_at_ms_ = 0;
  Timer drain_timer_;
};

}  // namespace troupe::exec
