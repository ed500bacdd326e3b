#pragma once
// Signals and reaping for a servo's process group (each servo is a session leader: pgid == pid).
#include <uv.h>

#include <cstdint>
#include <set>
#include <string>

#include "exec/timer.hpp"

namespace troupe::exec {

// Sends `signal` to every process of the group; false when the group no longer exists.
bool signal_process_group(int pgid, int signal);
// Reaps members of the group that are our children (orphans re-parented to us as subreaper),
// then reports whether any process of the group still exists.
bool process_group_alive(int pgid);
// Servos alive right now (their pid, which is also their process group id). A child of troupe
// that is neither a live servo nor in a live servo's group is an orphan (see OrphanReaper).
void register_live_servo(int pid);
void unregister_live_servo(int pid);

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

// Kills and reaps orphaned servo descendants during a run. As subreaper troupe inherits every
// process whose parent died; libuv only reaps the servos it spawned. On each SIGCHLD (and on
// sweep()) every child of troupe that is not a live servo, not in a live servo's process group
// and not a child from before the reaper existed is sent SIGKILL (with its own group, when it
// leads one) and reaped once dead. Orphans still in a live servo's group die with that group.
class OrphanReaper {
 public:
  explicit OrphanReaper(uv_loop_t* loop);
  // Closes the handle; the loop must run once more to free it.
  ~OrphanReaper();
  OrphanReaper(const OrphanReaper&) = delete;
  OrphanReaper& operator=(const OrphanReaper&) = delete;

  // Kills orphans and reaps those already dead; returns how many orphans were found.
  int sweep();
  // Sweeps on SIGCHLD at most this often (a sweep reads /proc/*/stat, ~1.5 ms for 150
  // processes); a SIGCHLD in between schedules one sweep for when the interval is over.
  static constexpr std::uint64_t kMinSweepIntervalMs = 50;
  // After the run (no servo left): kills every orphan and waits for each to die.
  void kill_and_reap_all();

 private:
  void on_sigchld();

  uv_loop_t* loop_;
  uv_signal_t* handle_;
  Timer sweep_later_;
  std::uint64_t last_sweep_ms_ = 0;
  std::set<int> preexisting_;  // children that are none of the run's business
};

}  // namespace troupe::exec
