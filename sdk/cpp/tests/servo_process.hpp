#pragma once
// Test helper: runs a servo binary with pipes on stdin/stdout/stderr and speaks JSON-RPC to it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "troupe/framing.hpp"

namespace troupe_test {

using namespace std::chrono_literals;

class ServoProcess {
 public:
  ServoProcess(const std::string& binary, troupe::Framing framing,
               std::vector<std::string> extra_env = {}, bool framing_by_env = false)
      : framing_(framing), decoder_(framing) {
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe failed");
    }
    const std::string framing_name =
        framing == troupe::Framing::Ndjson ? "ndjson" : "content-length";
    std::vector<std::string> args{binary};
    if (framing_by_env) {
      // A test may set its own TROUPE_FRAMING in `extra_env`.
      bool already_set = false;
      for (const auto& variable : extra_env) already_set |= variable.starts_with("TROUPE_FRAMING=");
      if (!already_set) extra_env.push_back("TROUPE_FRAMING=" + framing_name);
    } else {
      args.push_back("--framing");
      args.push_back(framing_name);
    }
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      dup2(err[1], 2);
      for (const auto& variable : extra_env) putenv(const_cast<char*>(variable.c_str()));
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    stdin_ = in[1];
    stdout_ = out[0];
    stderr_ = err[0];
  }

  ~ServoProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    for (int fd : {stdin_, stdout_, stderr_}) {
      if (fd >= 0) close(fd);
    }
  }

  pid_t pid() const { return pid_; }

  void write_raw(const std::string& bytes) {
    std::size_t offset = 0;
    while (offset < bytes.size()) {
      const auto written = write(stdin_, bytes.data() + offset, bytes.size() - offset);
      if (written <= 0) throw std::runtime_error("servo stdin closed");
      offset += static_cast<std::size_t>(written);
    }
  }

  void send(const nlohmann::json& message) {
    write_raw(troupe::encode_frame(framing_, message.dump()));
  }

  // Sends a request and returns the whole reply (with jsonrpc/id/result or error).
  nlohmann::json call(const std::string& method, const nlohmann::json& params = nullptr,
                      std::chrono::milliseconds within = 10s) {
    nlohmann::json request = {{"jsonrpc", "2.0"}, {"id", ++last_id_}, {"method", method}};
    if (!params.is_null()) request["params"] = params;
    send(request);
    auto reply = receive(within);
    if (!reply) throw std::runtime_error("no reply to " + method + "; stderr: " + read_stderr());
    return *reply;
  }

  int last_id() const { return last_id_; }

  std::optional<nlohmann::json> receive(std::chrono::milliseconds within = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (true) {
      if (auto frame = decoder_.next()) return nlohmann::json::parse(frame->body);
      if (!read_some(stdout_, deadline, raw_stdout_)) return std::nullopt;
    }
  }

  // All bytes the servo wrote on stdout so far.
  const std::string& raw_stdout() const { return raw_stdout_; }

  void close_stdin() {
    close(stdin_);
    stdin_ = -1;
  }

  // Waits for the servo to exit (its stdout reaching end of file); returns its exit status.
  std::optional<int> wait_exit(std::chrono::milliseconds within = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    std::string ignored;
    while (read_some(stdout_, deadline, ignored)) {
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // Stops reading replies, as a runner that died would.
  void close_stdout() {
    close(stdout_);
    stdout_ = -1;
  }

  // Waits for the servo to exit after close_stdout(), watching stderr reach end of file.
  std::optional<int> wait_exit_without_stdout(std::chrono::milliseconds within = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (read_some(stderr_, deadline, stderr_text_)) {
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // Everything the servo wrote on stderr until now (does not block).
  std::string read_stderr() {
    std::string text;
    char buffer[4096];
    while (true) {
      pollfd fd{stderr_, POLLIN, 0};
      if (poll(&fd, 1, 0) <= 0) break;
      const auto count = read(stderr_, buffer, sizeof buffer);
      if (count <= 0) break;
      text.append(buffer, static_cast<std::size_t>(count));
    }
    stderr_text_ += text;
    return stderr_text_;
  }

  // Reads stderr until end of file (the servo exited), up to `within`.
  std::string read_stderr_until_exit(std::chrono::milliseconds within = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (read_some(stderr_, deadline, stderr_text_)) {
    }
    return stderr_text_;
  }

 private:
  // False at end of file or when the deadline passes.
  bool read_some(int fd, std::chrono::steady_clock::time_point deadline, std::string& sink) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[65536];
    const auto count = read(fd, buffer, sizeof buffer);
    if (count <= 0) return false;
    sink.append(buffer, static_cast<std::size_t>(count));
    if (fd == stdout_) decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(count)));
    return true;
  }

  troupe::Framing framing_;
  troupe::FrameDecoder decoder_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int stdin_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  int last_id_ = 0;
  std::string raw_stdout_;
  std::string stderr_text_;
};

}  // namespace troupe_test
