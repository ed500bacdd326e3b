#pragma once
// A one-shot libuv timer whose owner may be destroyed at any time, even from inside the callback:
// the handle's memory is released by the loop after uv_close, never by the destructor.
#include <uv.h>

#include <cstdint>
#include <functional>

namespace troupe::exec {

class Timer {
 public:
  explicit Timer(uv_loop_t* loop);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // (Re)arms the timer; a previous pending callback is dropped.
  void start(std::uint64_t delay_ms, std::function<void()> on_fire);
  void stop();
  bool armed() const { return armed_; }

 private:
  static void on_timer(uv_timer_t* handle);

  uv_timer_t* handle_;
  std::function<void()> on_fire_;
  bool armed_ = false;
};

}  // namespace troupe::exec
