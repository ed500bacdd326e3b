#include "exec/timer.hpp"

#include <utility>

namespace troupe::exec {

Timer::Timer(uv_loop_t* loop) : handle_(new uv_timer_t) {
  uv_timer_init(loop, handle_);
  handle_->data = this;
}

Timer::~Timer() {
  uv_timer_stop(handle_);
  handle_->data = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(handle_),
           [](uv_handle_t* h) { delete reinterpret_cast<uv_timer_t*>(h); });
}

void Timer::start(std::uint64_t delay_ms, std::function<void()> on_fire) {
  on_fire_ = std::move(on_fire);
  armed_ = true;
  // The loop's cached time may be stale after slow work in this iteration (e.g. spawning);
  // without a refresh the timer would fire early.
  uv_update_time(handle_->loop);
  uv_timer_start(handle_, &Timer::on_timer, delay_ms, 0);
}

void Timer::stop() {
  armed_ = false;
  on_fire_ = nullptr;
  uv_timer_stop(handle_);
}

void Timer::on_timer(uv_timer_t* handle) {
  auto* self = static_cast<Timer*>(handle->data);
  if (self == nullptr) return;
  self->armed_ = false;
  // Moved out first: the callback may re-arm this timer or destroy its owner.
  auto callback = std::move(self->on_fire_);
  self->on_fire_ = nullptr;
  if (callback) callback();
}

}  // namespace troupe::exec
