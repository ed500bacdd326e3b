#include "exec/process_group.hpp"

#include <sys/types.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace troupe::exec {

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
