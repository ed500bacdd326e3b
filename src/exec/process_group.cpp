#include "exec/process_group.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace troupe::exec {
namespace {

std::set<int>& live_servos() {
  static std::set<int> pids;  // the runner is single-threaded
  return pids;
}

struct ChildProcess {
  int pid = 0;
  int pgid = 0;
  char state = '?';
};

// Children of `parent`, read from /proc/<pid>/stat (this kernel may lack
// /proc/<pid>/task/<tid>/children). A process that vanishes while being read is skipped.
std::vector<ChildProcess> children_of(int parent) {
  std::vector<ChildProcess> children;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return children;
  while (dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    char path[sizeof(entry->d_name) + 16];
    std::snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
    int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    char text[512];
    ssize_t got = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (got <= 0) continue;
    text[got] = '\0';
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const char* after_comm = std::strrchr(text, ')');
    if (after_comm == nullptr) continue;
    ChildProcess child;
    int ppid = 0;
    if (std::sscanf(after_comm + 1, " %c %d %d", &child.state, &ppid, &child.pgid) != 3) continue;
    if (ppid != parent) continue;
    child.pid = std::atoi(entry->d_name);
    children.push_back(child);
  }
  ::closedir(proc);
  return children;
}

void kill_process_and_own_group(const ChildProcess& child) {
  if (child.state == 'Z') return;
  if (child.pgid == child.pid) ::kill(-child.pid, SIGKILL);
  ::kill(child.pid, SIGKILL);
}

}  // namespace

void register_live_servo(int pid) {
  if (pid > 0) live_servos().insert(pid);
}

void unregister_live_servo(int pid) {
  live_servos().erase(pid);
}

bool signal_process_group(int pgid, int signal) {
  if (pgid <= 0) return false;  // never signal our own group or every process
  return ::kill(-pgid, signal) == 0;
}

bool process_group_alive(int pgid) {
  if (pgid <= 0) return false;
  for (;;) {
    int status = 0;
    pid_t reaped = ::waitpid(-pgid, &status, WNOHANG);
    if (reaped > 0) continue;
    if (reaped == -1 && errno == EINTR) continue;
    break;  // 0: members left that are not dead yet; -1/ECHILD: none of them is our child
  }
  if (::kill(-pgid, 0) == 0) return true;
  return errno != ESRCH;
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGHUP:
      return "SIGHUP";
    case SIGINT:
      return "SIGINT";
    case SIGQUIT:
      return "SIGQUIT";
    case SIGILL:
      return "SIGILL";
    case SIGTRAP:
      return "SIGTRAP";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGKILL:
      return "SIGKILL";
    case SIGUSR1:
      return "SIGUSR1";
    case SIGSEGV:
      return "SIGSEGV";
    case SIGUSR2:
      return "SIGUSR2";
    case SIGPIPE:
      return "SIGPIPE";
    case SIGALRM:
      return "SIGALRM";
    case SIGTERM:
      return "SIGTERM";
    case SIGCHLD:
      return "SIGCHLD";
    case SIGCONT:
      return "SIGCONT";
    case SIGSTOP:
      return "SIGSTOP";
    case SIGTSTP:
      return "SIGTSTP";
    case SIGXCPU:
      return "SIGXCPU";
    case SIGXFSZ:
      return "SIGXFSZ";
    case SIGSYS:
      return "SIGSYS";
    default:
      return "signal " + std::to_string(signal);
  }
}

OrphanReaper::OrphanReaper(uv_loop_t* loop)
    : loop_(loop), handle_(new uv_signal_t), sweep_later_(loop) {
  for (const auto& child : children_of(::getpid())) preexisting_.insert(child.pid);
  uv_signal_init(loop, handle_);
  handle_->data = this;
  uv_signal_start(
      handle_,
      [](uv_signal_t* handle, int) {
        if (handle->data != nullptr) static_cast<OrphanReaper*>(handle->data)->on_sigchld();
      },
      SIGCHLD);
  // Watching must not keep the loop running once the run is over.
  uv_unref(reinterpret_cast<uv_handle_t*>(handle_));
}

OrphanReaper::~OrphanReaper() {
  uv_signal_stop(handle_);
  handle_->data = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(handle_),
           [](uv_handle_t* h) { delete reinterpret_cast<uv_signal_t*>(h); });
}

void OrphanReaper::on_sigchld() {
  if (sweep_later_.armed()) return;
  uv_update_time(loop_);
  std::uint64_t since_last = uv_now(loop_) - last_sweep_ms_;
  if (last_sweep_ms_ == 0 || since_last >= kMinSweepIntervalMs) {
    sweep();
    return;
  }
  sweep_later_.start(kMinSweepIntervalMs - since_last, [this] { sweep(); });
}

int OrphanReaper::sweep() {
  sweep_later_.stop();
  uv_update_time(loop_);
  last_sweep_ms_ = uv_now(loop_);
  const auto& live = live_servos();
  int found = 0;
  for (const auto& child : children_of(::getpid())) {
    if (preexisting_.count(child.pid) || live.count(child.pid) || live.count(child.pgid)) continue;
    ++found;
    kill_process_and_own_group(child);
    int status = 0;
    ::waitpid(child.pid, &status, WNOHANG);  // reaps it if it is already dead
  }
  return found;
}

void OrphanReaper::kill_and_reap_all() {
  // Each round may orphan the children of the processes it kills; a fork bomb cannot keep
  // this going for ever.
  constexpr int kMaxRounds = 64;
  for (int round = 0; round < kMaxRounds; ++round) {
    std::vector<ChildProcess> orphans;
    for (const auto& child : children_of(::getpid()))
      if (!preexisting_.count(child.pid) && !live_servos().count(child.pid))
        orphans.push_back(child);
    if (orphans.empty()) return;
    for (const auto& orphan : orphans) kill_process_and_own_group(orphan);
    for (const auto& orphan : orphans) {
      int status = 0;
      while (::waitpid(orphan.pid, &status, 0) == -1 && errno == EINTR) {
      }
    }
  }
}

SubreaperScope::SubreaperScope() {
#ifdef __linux__
  int current = 0;
  if (::prctl(PR_GET_CHILD_SUBREAPER, &current, 0, 0, 0) == 0) {
    previous_ = current;
    if (current == 0 && ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0) changed_ = true;
  }
#endif
}

SubreaperScope::~SubreaperScope() {
#ifdef __linux__
  if (changed_) ::prctl(PR_SET_CHILD_SUBREAPER, previous_, 0, 0, 0);
#endif
}

}  // namespace troupe::exec
