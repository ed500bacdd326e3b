#pragma once
// The one thread that runs user code (steps and hooks), so the protocol loop can enforce deadlines.
#include <unistd.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace troupe {

class StepWorker {
 public:
  // `wake_fd` receives one byte each time a job finishes, to wake the protocol loop's poll.
  explicit StepWorker(int wake_fd) : wake_fd_(wake_fd), thread_([this] { loop(); }) {}
  StepWorker(const StepWorker&) = delete;
  StepWorker& operator=(const StepWorker&) = delete;

  // Only when idle: a job still running here can not be stopped, so the process exits instead.
  ~StepWorker() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (busy()) {
      thread_.detach();
    } else {
      thread_.join();
    }
  }

  bool busy() const {
    std::lock_guard lock(mutex_);
    return busy_;
  }

  // Precondition: !busy().
  void submit(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      job_ = std::move(job);
      busy_ = true;
    }
    wake_.notify_all();
  }

 private:
  void loop() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || job_; });
        if (!job_) return;
        job = std::move(job_);
        job_ = nullptr;
      }
      job();
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
      }
      const char byte = 1;
      [[maybe_unused]] auto written = write(wake_fd_, &byte, 1);
    }
  }

  int wake_fd_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> job_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace troupe
