#pragma once
// Framed messages over a Unix domain socket: a FrameReader owns the endpoint and accepts and
// reads in the background into a bounded queue; a FrameWriter connects and writes frames.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace pipes {

// A channel operation failed; what() says which endpoint and why.
struct ChannelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The peer is gone: writing gave EPIPE or ECONNRESET.
struct BrokenConnection : ChannelError {
  using ChannelError::ChannelError;
};

// $TMPDIR (else /tmp)/troupe-pipes-<run id>.sock; characters unsafe in a file name become '_'.
std::filesystem::path endpoint_path(const std::string& run_id);

// Removes `path` if it is a socket nobody listens on (left by a killed reader). True if removed.
bool remove_stale_endpoint(const std::filesystem::path& path);

// What the reader saw on the stream, in order.
struct StreamEvent {
  enum class Kind { Frame, EndOfStream, Error };
  Kind kind = Kind::Frame;
  std::uint32_t sequence = 0;      // Frame
  std::uint32_t payload_size = 0;  // Frame
  std::uint32_t checksum = 0;      // Frame
  std::uint64_t connection = 0;    // 1 for the first accepted writer, 2 for the next, ...
  std::string message;             // Error: what is wrong; EndOfStream: a truncated frame, if any
};

class FrameReader {
 public:
  // Creates the endpoint (replacing a stale socket file) and starts accepting. Throws ChannelError.
  explicit FrameReader(std::filesystem::path endpoint, std::size_t queue_limit = 256);
  ~FrameReader();  // stops the background thread, closes the sockets, removes the endpoint
  FrameReader(const FrameReader&) = delete;
  FrameReader& operator=(const FrameReader&) = delete;

  // The next event, waiting up to `wait` for one; nullopt if none came in time.
  std::optional<StreamEvent> next(std::chrono::milliseconds wait);
  const std::filesystem::path& endpoint() const { return endpoint_; }

 private:
  void serve();
  void read_connection(int connection_fd, std::uint64_t connection);
  bool wait_readable(int fd);    // false when stopping
  bool push(StreamEvent event);  // false when stopping

  std::filesystem::path endpoint_;
  std::size_t queue_limit_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<StreamEvent> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

class FrameWriter {
 public:
  // Connects to a reader's endpoint. Throws ChannelError naming the endpoint and the reason.
  explicit FrameWriter(const std::filesystem::path& endpoint);
  ~FrameWriter();  // stops streaming and closes the connection
  FrameWriter(const FrameWriter&) = delete;
  FrameWriter& operator=(const FrameWriter&) = delete;

  // Writes the next frame; returns its sequence number (1 for the first frame of a connection).
  // Throws BrokenConnection when the reader is gone, ChannelError otherwise.
  std::uint32_t write_frame(std::uint32_t payload_size);

  // Writes frames of `payload_size` in the background until stopped or the connection breaks.
  void start_streaming(std::uint32_t payload_size);
  bool streaming() const { return stream_thread_.joinable(); }
  std::uint32_t frames_written() const { return next_sequence_.load() - 1; }

 private:
  void send_all(const std::vector<std::uint8_t>& bytes);

  std::filesystem::path endpoint_;
  int fd_ = -1;
  std::atomic<std::uint32_t> next_sequence_{1};
  std::atomic<bool> stop_streaming_{false};
  std::thread stream_thread_;
};

}  // namespace pipes
