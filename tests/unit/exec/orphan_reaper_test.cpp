// OrphanReaper: descendants re-parented to troupe (the subreaper) are killed and reaped, live
// servos and their groups and children from before the reaper are left alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>
#include <csignal>

#include "exec/process_group.hpp"

namespace troupe::exec::testing {
namespace {

// Forks a child that starts `sleep 300` in a new session (setsid) and exits at once, so the
// sleeper is re-parented to us. Returns the sleeper's pid, read from a pipe (the event, no sleep).
int orphan_an_escaped_sleeper() {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  pid_t middle = ::fork();
  if (middle == 0) {
    pid_t sleeper = ::fork();
    if (sleeper == 0) {
      ::setsid();
      ::execlp("sleep", "sleep", "300", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    (void)!::write(fds[1], &sleeper, sizeof sleeper);
    ::_exit(0);
  }
  ::close(fds[1]);
  pid_t sleeper = -1;
  if (::read(fds[0], &sleeper, sizeof sleeper) != sizeof sleeper) sleeper = -1;
  ::close(fds[0]);
  int status = 0;
  ::waitpid(middle, &status, 0);  // after this the sleeper's parent is us
  return sleeper;
}

bool is_gone(int pid) {
  return ::kill(pid, 0) == -1 && errno == ESRCH;
}

TEST(OrphanReaper, KillsAndReapsOrphansButNotChildrenFromBefore) {
  // A child we had before the reaper: none of its business.
  pid_t ours = ::fork();
  if (ours == 0) {
    ::execlp("sleep", "sleep", "300", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(ours, 0);

  SubreaperScope subreaper;
  uv_loop_t loop;
  uv_loop_init(&loop);
  int orphan = -1;
  {
    OrphanReaper reaper(&loop);
    orphan = orphan_an_escaped_sleeper();
    ASSERT_GT(orphan, 0);
    EXPECT_EQ(reaper.sweep(), 1);
    reaper.kill_and_reap_all();  // waits for the SIGKILLed orphan and reaps it
    EXPECT_TRUE(is_gone(orphan));
    EXPECT_EQ(reaper.sweep(), 0);
  }
  uv_run(&loop, UV_RUN_DEFAULT);
  EXPECT_EQ(uv_loop_close(&loop), 0);

  EXPECT_FALSE(is_gone(ours));
  ::kill(ours, SIGKILL);
  int status = 0;
  EXPECT_EQ(::waitpid(ours, &status, 0), ours);
}

TEST(OrphanReaper, LeavesLiveServosAndTheirGroupsAlone) {
  SubreaperScope subreaper;
  uv_loop_t loop;
  uv_loop_init(&loop);
  {
    OrphanReaper reaper(&loop);
    // Stands in for a servo: a child leading its own group, registered as live.
    pid_t servo = ::fork();
    if (servo == 0) {
      ::setpgid(0, 0);
      ::execlp("sleep", "sleep", "300", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ASSERT_GT(servo, 0);
    ::setpgid(servo, servo);
    register_live_servo(servo);
    EXPECT_EQ(reaper.sweep(), 0);
    EXPECT_FALSE(is_gone(servo));
    unregister_live_servo(servo);
    ::kill(servo, SIGKILL);
    int status = 0;
    EXPECT_EQ(::waitpid(servo, &status, 0), servo);
  }
  uv_run(&loop, UV_RUN_DEFAULT);
  EXPECT_EQ(uv_loop_close(&loop), 0);
}

}  // namespace
}  // namespace troupe::exec::testing
