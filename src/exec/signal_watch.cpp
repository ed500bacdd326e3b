#include "exec/signal_watch.hpp"

#include <csignal>
#include <utility>

namespace troupe::exec {

SignalWatch::SignalWatch(uv_loop_t* loop, std::function<void(int)> on_signal)
    : on_signal_(std::move(on_signal)) {
  const int signals[] = {SIGINT, SIGTERM, SIGHUP};
  for (std::size_t i = 0; i < handles_.size(); ++i) {
    handles_[i] = new uv_signal_t;
    uv_signal_init(loop, handles_[i]);
    handles_[i]->data = this;
    uv_signal_start(handles_[i], &SignalWatch::on_signal, signals[i]);
  }
}

SignalWatch::~SignalWatch() {
  stop();
}

void SignalWatch::stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto* handle : handles_) {
    uv_signal_stop(handle);
    handle->data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(handle),
             [](uv_handle_t* h) { delete reinterpret_cast<uv_signal_t*>(h); });
  }
}

void SignalWatch::on_signal(uv_signal_t* handle, int signal) {
  auto* self = static_cast<SignalWatch*>(handle->data);
  if (self != nullptr && self->on_signal_) self->on_signal_(signal);
}

}  // namespace troupe::exec
