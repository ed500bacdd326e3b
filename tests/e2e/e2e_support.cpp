#include "e2e_support.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace troupe::e2e {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
std::string new_marker() {
  static std::atomic<int> counter{0};
  return std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(Clock::now().time_since_epoch().count());
}
}  // namespace

fs::path source_dir() { return TROUPE_SOURCE_DIR; }
fs::path servos_dir() { return source_dir() / "tests" / "servos"; }

fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::path(TROUPE_BINARY_DIR) / "e2e-scratch" / (name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Outcome run_troupe(const Invocation& inv) { return run_program(TROUPE_EXE, inv); }

Outcome run_program(const std::string& program, const Invocation& inv) {
  Outcome outcome;
  outcome.marker = new_marker();
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos && inv.env.count(kv.substr(0, eq))) continue;
    env_strings.push_back(kv);
  }
  for (const auto& [k, v] : inv.env) env_strings.push_back(k + "=" + v);
  env_strings.push_back("TROUPE_E2E_MARKER=" + outcome.marker);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), inv.args.begin(), inv.args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  if (!inv.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, inv.cwd.c_str());
  pid_t pid = 0;
  const auto start = Clock::now();
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) throw std::runtime_error(std::string("spawn failed: ") + std::strerror(rc));

  bool signalled = false;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    const auto elapsed = Clock::now() - start;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(inv.timeout - elapsed).count();
    if (left <= 0) {
      outcome.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    int n = poll(fds, 2, static_cast<int>(std::min<long long>(left, 200)));
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? outcome.out : outcome.err).append(buf, static_cast<size_t>(got));
      }
    }
    if (inv.signal && !signalled && !inv.signal_when.empty() &&
        outcome.out.find(inv.signal_when) != std::string::npos) {
      kill(pid, inv.signal);
      signalled = true;
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  outcome.max_rss_kib = usage.ru_maxrss;
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  return outcome;
}

namespace {
int count_marked(const std::string& needle) {
  int count = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/environ", std::ios::binary);
    if (!in) continue;
    std::string environ_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Zombies have an empty environ; they are reaped by their parent or init soon after.
    if (environ_text.find(needle) != std::string::npos) ++count;
  }
  closedir(proc);
  return count;
}
}  // namespace

int processes_left(const std::string& marker, std::chrono::milliseconds grace) {
  const std::string needle = "TROUPE_E2E_MARKER=" + marker + '\0';
  const auto deadline = Clock::now() + grace;
  int n = count_marked(needle);
  while (n > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling a census, not readiness
    n = count_marked(needle);
  }
  return n;
}

}  // namespace troupe::e2e
