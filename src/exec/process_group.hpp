#pragma once
// Signals and reaping for a servo's process group (each servo is a session leader: pgid == pid).
#include <string>

namespace troupe::exec {

// Sends `signal` to every process of the group; false when the group no longer exists.
bool signal_process_group(int pgid, int signal);
// Reaps members of the group that are our children (orphans re-parented to us as subreaper),
// then reports whether any process of the group still exists.
bool process_group_alive(int pgid);
// "SIGSEGV" for 11; "signal 99" for unknown numbers.
std::string signal_name(int signal);

// While alive, orphaned grandchildren of servos are re-parented to this process (Linux
// PR_SET_CHILD_SUBREAPER), so they can be reaped and their group seen to be gone. Restores the
// previous setting on destruction.
class SubreaperScope {
 public:
  SubreaperScope();
  ~SubreaperScope();
  SubreaperScope(const SubreaperScope&) = delete;
  SubreaperScope& operator=(const SubreaperScope&) = delete;

 private:
  int previous_ = 0;
  bool changed_ = false;
};

}  // namespace troupe::exec
