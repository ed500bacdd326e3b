#pragma once
// SIGINT/SIGTERM/SIGHUP while a run is in progress. Stopping (or destroying) the watch restores
// the default disposition of those signals (libuv does so when the last watcher of a signal stops).
#include <uv.h>

#include <array>
#include <functional>

namespace troupe::exec {

class SignalWatch {
 public:
  SignalWatch(uv_loop_t* loop, std::function<void(int signal)> on_signal);
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  void stop();

 private:
  static void on_signal(uv_signal_t* handle, int signal);

  std::function<void(int)> on_signal_;
  std::array<uv_signal_t*, 3> handles_{};
  bool stopped_ = false;
};

}  // namespace troupe::exec
