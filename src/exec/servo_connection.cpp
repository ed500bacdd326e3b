#include "exec/servo_connection.hpp"

#include <fmt/format.h>

#include <csignal>
#include <utility>
#include <vector>

#include "exec/process_group.hpp"

namespace troupe::exec {

ServoConnection::ServoConnection(uv_loop_t* loop, config::Framing framing,
                                 const config::Limits& limits, std::string label,
                                 Listener& listener)
    : loop_(loop),
      framing_(framing),
      label_(std::move(label)),
      listener_(listener),
      max_log_lines_(limits.max_log_lines_per_test_case),
      decoder_(framing, limits.max_message_bytes),
      stderr_lines_(limits.max_stderr_bytes_per_servo,
                    [this](std::string line) { listener_.on_stderr_line(std::move(line)); }),
      process_(loop, ServoProcess::Handlers{
                         [this](std::string_view bytes) { on_stdout(bytes); },
                         [this](std::string_view bytes) { stderr_lines_.feed(bytes); },
                         [this] {
                           stdout_closed_ = true;
                           check_drained();
                         },
                         [this] {
                           stderr_closed_ = true;
                           stderr_lines_.finish();
                           check_drained();
                         },
                         [this](ExitStatus status) { on_exit(status); },
                     }),
      drain_timer_(loop) {}

ServoConnection::~ServoConnection() = default;

std::string ServoConnection::spawn(const SpawnSpec& spec) {
  std::string error = process_.spawn(spec);
  if (!error.empty()) {
    gone_ = true;
    return fmt::format("cannot start servo {}: {}: {}", label_,
                       spec.argv.empty() ? std::string("(no command)") : spec.argv.front(), error);
  }
  return {};
}

void ServoConnection::request(std::string_view method, const nlohmann::json& params, int timeout_ms,
                              Callback callback) {
  if (broken()) {
    callback(RequestFailure{kProtocolErrorKind, protocol_error_});
    return;
  }
  if (exited() || gone_) {
    callback(RequestFailure{kExitedKind, exit_description()});
    return;
  }
  std::int64_t id = next_id_++;
  auto timer = std::make_unique<Timer>(loop_);
  timer->start(static_cast<std::uint64_t>(timeout_ms < 0 ? 0 : timeout_ms),
               [this, id, timeout_ms] { on_timeout(id, timeout_ms); });
  pending_.emplace(id, Pending{std::string(method), std::move(callback), std::move(timer)});
  process_.write(rpc::encode_frame(framing_, rpc::encode_request(id, method, params)));
}

void ServoConnection::on_timeout(std::int64_t id, int timeout_ms) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  if (decoder_.has_partial()) {
    // The servo started a reply and stalled inside it: that is a broken stream, not a slow step.
    protocol_error(
        fmt::format("no complete reply to '{}' within {} ms; stdout stopped inside a "
                    "message: \"{}\"",
                    it->second.method, timeout_ms, decoder_.partial_preview()));
    return;
  }
  Callback cb = std::move(it->second.callback);
  const std::string method = std::move(it->second.method);
  pending_.erase(it);
  abandoned_.insert(id);
  cb(RequestFailure{kTimeoutKind, fmt::format("no reply from {} to '{}' within {} ms", label_,
                                              method, timeout_ms)});
}

void ServoConnection::on_stdout(std::string_view bytes) {
  if (broken()) return;
  std::vector<std::string> bodies;
  bool ok = decoder_.feed(bytes, bodies);
  for (auto& body : bodies) {
    if (broken()) return;
    // Only executeStep results carry logs; capping them while parsing bounds the memory a reply
    // with a million log lines costs.
    auto decoded = rpc::decode_reply(body, max_log_lines_);
    std::string().swap(body);  // a large body is not kept while its reply is handled
    if (auto* why = std::get_if<std::string>(&decoded)) {
      protocol_error(*why);
      return;
    }
    on_reply(std::move(std::get<rpc::Reply>(decoded)));
  }
  if (!ok) protocol_error(decoder_.error());
}

void ServoConnection::on_reply(rpc::Reply reply) {
  auto it = pending_.find(reply.id);
  if (it == pending_.end()) {
    if (abandoned_.erase(reply.id) > 0) return;  // late reply to a request that timed out
    // Ids are handed out in increasing order, so a known id that is not pending was answered.
    if (reply.id >= 1 && reply.id < next_id_)
      protocol_error(fmt::format("second reply to request {} (it was already answered)", reply.id));
    else
      protocol_error(fmt::format("reply with unknown id {} (the last request sent had id {})",
                                 reply.id, next_id_ - 1));
    return;
  }
  Callback cb = std::move(it->second.callback);
  pending_.erase(it);
  cb(std::move(reply));
}

void ServoConnection::protocol_error(const std::string& why) {
  if (broken()) return;
  protocol_error_ = fmt::format("protocol error from {}: {}", label_, why);
  // A servo that breaks the protocol cannot be trusted to answer anything: kill it now.
  process_.signal_group(SIGKILL);
  fail_all_pending(RequestFailure{kProtocolErrorKind, protocol_error_});
}

void ServoConnection::fail_all_pending(const RequestFailure& failure) {
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [id, entry] : pending) {
    (void)id;
    entry.timer.reset();
    if (entry.callback) entry.callback(failure);
  }
}

void ServoConnection::on_exit(const ExitStatus& status) {
  exit_status_ = status;
  exited_at_ms_ = uv_now(loop_);
  check_drained();
}

void ServoConnection::check_drained() {
  if (gone_ || !exited()) return;
  bool timed_out = uv_now(loop_) - exited_at_ms_ >= kDrainLimitMs;
  bool drained = stdout_closed_ && stderr_closed_ && !process_group_alive(pid());
  if (!drained && !timed_out) {
    // Members forked while the group was being killed get the signal too.
    if (stdout_closed_ && stderr_closed_) process_.signal_group(SIGKILL);
    if (!drain_timer_.armed()) drain_timer_.start(kDrainPollMs, [this] { check_drained(); });
    return;
  }
  drain_timer_.stop();
  gone_ = true;
  stderr_lines_.finish();
  fail_all_pending(RequestFailure{broken() ? kProtocolErrorKind : kExitedKind,
                                  broken() ? protocol_error_ : exit_description()});
  listener_.on_gone(exit_status_);
}

std::string ServoConnection::exit_description(std::string_view when) const {
  std::string text;
  if (exit_status_.signal)
    text =
        fmt::format("servo {} was killed by signal {}", label_, signal_name(*exit_status_.signal));
  else if (exit_status_.exit_code)
    text = fmt::format("servo {} exited with code {}", label_, *exit_status_.exit_code);
  else
    text = fmt::format("servo {} is not running", label_);
  text += when;
  if (!broken() && decoder_.has_partial()) text += "; " + decoder_.eof_error();
  std::string tail = stderr_lines_.tail();
  if (!tail.empty()) text += "\nstderr tail:\n" + tail;
  return text;
}

}  // namespace troupe::exec
