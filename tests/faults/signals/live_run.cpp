#include "live_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace troupe::faults {
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

std::string new_marker() {
  static std::atomic<int> counter{0};
  return "signals-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

void read_into(int& fd, std::string& text) {
  char buffer[65536];
  const ssize_t got = read(fd, buffer, sizeof buffer);
  if (got > 0) {
    text.append(buffer, static_cast<std::size_t>(got));
  } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
    close(fd);
    fd = -1;
  }
}

}  // namespace

LiveRun::LiveRun(const LiveRunSetup& setup) : marker_(new_marker()) {
  const fs::path fifo = setup.cwd / "beacons.fifo";
  fs::remove(fifo);
  if (mkfifo(fifo.c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
  // Read and write end at once: servos' writes never block and the FIFO never reports EOF.
  beacon_fd_ = open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  int out_pipe[2], err_pipe[2];
  if (beacon_fd_ < 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");

  std::map<std::string, std::string> env = setup.env;
  env["SIGNAL_BEACON"] = fifo.string();
  env["TROUPE_E2E_MARKER"] = marker_;
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    if (!env.count(kv.substr(0, kv.find('=')))) env_strings.push_back(kv);
  }
  for (const auto& [key, value] : env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings{TROUPE_EXE};
  argv_strings.insert(argv_strings.end(), setup.args.begin(), setup.args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addchdir_np(&actions, setup.cwd.c_str());
  started_ = Clock::now();
  const int rc = posix_spawn(&pid_, TROUPE_EXE, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  if (rc != 0) throw std::runtime_error(std::string("spawn failed: ") + std::strerror(rc));
}

LiveRun::~LiveRun() {
  if (!reaped_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  for (int fd : {out_fd_, err_fd_, beacon_fd_})
    if (fd >= 0) close(fd);
}

bool LiveRun::pump(int timeout_ms) {
  pollfd fds[3] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}, {beacon_fd_, POLLIN, 0}};
  const int ready = poll(fds, 3, timeout_ms);
  if (ready > 0) {
    if (fds[0].revents) read_into(out_fd_, out_);
    if (fds[1].revents) read_into(err_fd_, err_);
    if (fds[2].revents) read_beacons();
  }
  return out_fd_ >= 0 || err_fd_ >= 0;
}

void LiveRun::read_beacons() {
  char buffer[4096];
  ssize_t got;
  while ((got = read(beacon_fd_, buffer, sizeof buffer)) > 0)
    beacon_text_.append(buffer, static_cast<std::size_t>(got));
  for (auto nl = beacon_text_.find('\n'); nl != std::string::npos; nl = beacon_text_.find('\n')) {
    std::istringstream line(beacon_text_.substr(0, nl));
    beacon_text_.erase(0, nl + 1);
    Beacon beacon;
    line >> beacon.event >> beacon.role >> beacon.pid;
    beacons_.push_back(beacon);
  }
}

int LiveRun::beacon_count(const std::string& event) const {
  int n = 0;
  for (const auto& beacon : beacons_) n += beacon.event == event;
  return n;
}

bool LiveRun::wait_for(const std::string& event, int count, milliseconds within) {
  const auto deadline = Clock::now() + within;
  while (beacon_count(event) < count) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || !pump(static_cast<int>(left))) return beacon_count(event) >= count;
  }
  return true;
}

bool LiveRun::wait_for_output(const std::string& text, int count, milliseconds within) {
  const auto occurrences = [&] {
    int n = 0;
    for (auto at = out_.find(text); at != std::string::npos; at = out_.find(text, at + 1)) ++n;
    return n;
  };
  const auto deadline = Clock::now() + within;
  while (occurrences() < count) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || !pump(static_cast<int>(left))) return occurrences() >= count;
  }
  return true;
}

void LiveRun::send(int signal) {
  last_signal_ = Clock::now();
  kill(pid_, signal);
}

e2e::Outcome LiveRun::finish(milliseconds within) {
  e2e::Outcome outcome;
  outcome.marker = marker_;
  const auto deadline = Clock::now() + within;
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      outcome.timed_out = true;
      kill(pid_, SIGKILL);
      break;
    }
    if (!pump(static_cast<int>(left))) break;
  }
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  const auto ended = Clock::now();
  read_beacons();
  outcome.elapsed = std::chrono::duration_cast<milliseconds>(ended - started_);
  exit_after_signal_ = std::chrono::duration_cast<milliseconds>(ended - last_signal_);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  outcome.out = out_;
  outcome.err = err_;
  return outcome;
}

bool process_ended(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!stat || !std::getline(stat, text)) return true;
  const auto paren = text.rfind(')');
  return paren == std::string::npos || paren + 2 >= text.size() || text[paren + 2] == 'Z';
}

}  // namespace troupe::faults
