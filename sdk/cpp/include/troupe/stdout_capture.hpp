#pragma once
// Keeps user output out of the protocol stream: fd 1 becomes a pipe whose lines go to the running
// step's logs (or to stderr between steps); the real stdout stays private to the protocol.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "troupe/log.hpp"

namespace troupe {

class StdoutCapture {
 public:
  StdoutCapture() = default;
  StdoutCapture(const StdoutCapture&) = delete;
  StdoutCapture& operator=(const StdoutCapture&) = delete;
  ~StdoutCapture() { stop(); }

  // Returns the protocol fd (a private copy of the real stdout), or -1 with `error` set.
  int start(std::string& error) {
    std::fflush(stdout);
    std::cout.flush();
    protocol_fd_ = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    int capture[2];
    int stop[2];
    if (protocol_fd_ < 0 || pipe2(capture, O_CLOEXEC) != 0) {
      error = std::string("can not redirect stdout: ") + std::strerror(errno);
      return -1;
    }
    if (pipe2(stop, O_CLOEXEC) != 0 || dup2(capture[1], STDOUT_FILENO) < 0) {
      error = std::string("can not redirect stdout: ") + std::strerror(errno);
      return -1;
    }
    close(capture[1]);
    read_fd_ = capture[0];
    stop_read_fd_ = stop[0];
    stop_write_fd_ = stop[1];
    fcntl(read_fd_, F_SETFL, fcntl(read_fd_, F_GETFL) | O_NONBLOCK);
    reader_ = std::thread([this] { read_loop(); });
    return protocol_fd_;
  }

  // Lines printed from now on go to `sink`; null sends them to stderr.
  void set_sink(std::shared_ptr<LogSink> sink) {
    std::lock_guard lock(mutex_);
    sink_ = std::move(sink);
  }

  // Waits until everything printed so far has reached the sink, then hands over a partial line.
  void drain() {
    std::fflush(stdout);
    std::cout.flush();
    std::unique_lock lock(mutex_);
    if (read_fd_ < 0) return;
    // Reads happen under the lock, so an empty pipe seen under the lock means all was processed.
    processed_.wait(lock, [this] {
      int pending = 0;
      return reader_done_ || ioctl(read_fd_, FIONREAD, &pending) != 0 || pending == 0;
    });
    flush_partial_line();
  }

  // Restores fd 1 and ends the reader thread.
  void stop() {
    if (!reader_.joinable()) return;
    drain();
    dup2(protocol_fd_, STDOUT_FILENO);
    const char byte = 0;
    [[maybe_unused]] auto written = write(stop_write_fd_, &byte, 1);
    reader_.join();
    for (int fd : {read_fd_, stop_read_fd_, stop_write_fd_}) close(fd);
    read_fd_ = stop_read_fd_ = stop_write_fd_ = -1;
  }

 private:
  void read_loop() {
    char buffer[4096];
    while (true) {
      pollfd fds[2] = {{read_fd_, POLLIN, 0}, {stop_read_fd_, POLLIN, 0}};
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (fds[1].revents != 0) break;
      std::unique_lock lock(mutex_);
      const auto count = read(read_fd_, buffer, sizeof buffer);
      if (count > 0) {
        pending_line_.append(buffer, static_cast<std::size_t>(count));
        emit_complete_lines();
      }
      const bool finished = count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR);
      if (finished) reader_done_ = true;
      lock.unlock();
      processed_.notify_all();
      if (finished) break;
    }
    std::lock_guard lock(mutex_);
    reader_done_ = true;
    processed_.notify_all();
  }

  void emit_complete_lines() {
    std::size_t newline;
    while ((newline = pending_line_.find('\n')) != std::string::npos) {
      emit(pending_line_.substr(0, newline));
      pending_line_.erase(0, newline + 1);
    }
    // A very long line without a newline is handed over in pieces to bound memory.
    if (pending_line_.size() > kMaxLineBytes) flush_partial_line();
  }

  void flush_partial_line() {
    if (pending_line_.empty()) return;
    emit(pending_line_);
    pending_line_.clear();
  }

  void emit(const std::string& line) {
    if (sink_) {
      sink_->add("info", line);
      return;
    }
    const std::string text = line + "\n";
    [[maybe_unused]] auto written = write(STDERR_FILENO, text.data(), text.size());
  }

  static constexpr std::size_t kMaxLineBytes = 64 * 1024;

  int protocol_fd_ = -1;
  int read_fd_ = -1;
  int stop_read_fd_ = -1;
  int stop_write_fd_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable processed_;
  std::shared_ptr<LogSink> sink_;
  std::string pending_line_;
  bool reader_done_ = false;
};

}  // namespace troupe
