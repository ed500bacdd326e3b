#include "frame_channel.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "frame_format.hpp"

namespace pipes {
namespace {

std::string describe_errno(int error) {
  const char* name = error == EPIPE ? "EPIPE" : error == ECONNRESET ? "ECONNRESET" : nullptr;
  return name ? std::string(name) + " (" + std::strerror(error) + ")" : std::strerror(error);
}

sockaddr_un socket_address(const std::filesystem::path& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.size() >= sizeof address.sun_path) {
    throw ChannelError("endpoint " + text + " is " + std::to_string(text.size()) +
                       " bytes long; a Unix socket path may have at most " +
                       std::to_string(sizeof address.sun_path - 1) +
                       " (set TMPDIR to a shorter folder)");
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  return address;
}

int new_socket() {
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw ChannelError(std::string("cannot create a Unix socket: ") + std::strerror(errno));
  return fd;
}

enum class ReadResult { Done, EndOfStream, Stopped, Failed };

}  // namespace

std::filesystem::path endpoint_path(const std::string& run_id) {
  std::string safe = run_id;
  for (auto& c : safe) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (!keep) c = '_';
  }
  const char* tmpdir = std::getenv("TMPDIR");
  const std::filesystem::path folder = tmpdir && *tmpdir ? tmpdir : "/tmp";
  return folder / ("troupe-pipes-" + safe + ".sock");
}

bool remove_stale_endpoint(const std::filesystem::path& path) {
  struct stat status {};
  if (lstat(path.c_str(), &status) != 0 || !S_ISSOCK(status.st_mode)) return false;
  const auto address = socket_address(path);
  const int fd = new_socket();
  const bool refused =
      connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 &&
      errno == ECONNREFUSED;
  close(fd);
  return refused && unlink(path.c_str()) == 0;
}

FrameReader::FrameReader(std::filesystem::path endpoint, std::size_t queue_limit)
    : endpoint_(std::move(endpoint)), queue_limit_(queue_limit == 0 ? 1 : queue_limit) {
  const auto address = socket_address(endpoint_);
  struct stat status {};
  if (lstat(endpoint_.c_str(), &status) == 0) {
    if (!S_ISSOCK(status.st_mode))
      throw ChannelError("endpoint " + endpoint_.string() + " exists and is not a socket");
    if (!remove_stale_endpoint(endpoint_))
      throw ChannelError("endpoint " + endpoint_.string() + " is in use by another reader");
  }
  listen_fd_ = new_socket();
  if (bind(listen_fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(listen_fd_, 8) != 0) {
    const int error = errno;
    close(listen_fd_);
    throw ChannelError("cannot listen on " + endpoint_.string() + ": " + std::strerror(error));
  }
  fcntl(listen_fd_, F_SETFL, fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
  if (pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    const int error = errno;
    close(listen_fd_);
    unlink(endpoint_.c_str());
    throw ChannelError(std::string("cannot create a pipe: ") + std::strerror(error));
  }
  thread_ = std::thread([this] { serve(); });
}

FrameReader::~FrameReader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  const char wake = 1;
  [[maybe_unused]] const auto written = write(wake_pipe_[1], &wake, 1);
  thread_.join();
  close(listen_fd_);
  close(wake_pipe_[0]);
  close(wake_pipe_[1]);
  unlink(endpoint_.c_str());
}

std::optional<StreamEvent> FrameReader::next(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, wait, [this] { return !queue_.empty(); })) return std::nullopt;
  auto event = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return event;
}

bool FrameReader::push(StreamEvent event) {
  std::unique_lock lock(mutex_);
  // A full queue stops reading, so a fast writer blocks instead of growing our memory.
  changed_.wait(lock, [this] { return stopping_ || queue_.size() < queue_limit_; });
  if (stopping_) return false;
  queue_.push_back(std::move(event));
  lock.unlock();
  changed_.notify_all();
  return true;
}

bool FrameReader::wait_readable(int fd) {
  while (true) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    const int ready = poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || fds[1].revents != 0) return false;
    if (fds[0].revents != 0) return true;
  }
}

void FrameReader::serve() {
  std::uint64_t connection = 0;
  while (wait_readable(listen_fd_)) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED)
        continue;
      push(StreamEvent{StreamEvent::Kind::Error, 0, 0, 0, connection,
                       "accepting on " + endpoint_.string() + " failed: " + std::strerror(errno)});
      return;
    }
    read_connection(fd, ++connection);
    close(fd);
  }
}

void FrameReader::read_connection(int fd, std::uint64_t connection) {
  auto read_exact = [&](std::uint8_t* into, std::size_t size, std::size_t& got) {
    got = 0;
    while (got < size) {
      if (!wait_readable(fd)) return ReadResult::Stopped;
      const auto count = recv(fd, into + got, size - got, 0);
      if (count == 0) return ReadResult::EndOfStream;
      if (count < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        // A writer killed with unread data in flight resets the connection: its stream ended.
        return errno == ECONNRESET ? ReadResult::EndOfStream : ReadResult::Failed;
      }
      got += static_cast<std::size_t>(count);
    }
    return ReadResult::Done;
  };
  auto event = [connection](StreamEvent::Kind kind, std::string message) {
    return StreamEvent{kind, 0, 0, 0, connection, std::move(message)};
  };
  std::uint32_t frames = 0;
  std::vector<std::uint8_t> payload;
  while (true) {
    std::array<std::uint8_t, kHeaderSize> header_bytes{};
    std::size_t got = 0;
    auto result = read_exact(header_bytes.data(), kHeaderSize, got);
    if (result == ReadResult::Stopped) return;
    if (result == ReadResult::EndOfStream) {
      push(event(StreamEvent::Kind::EndOfStream,
                 got == 0
                     ? std::string()
                     : "stream ended inside a frame header after frame " + std::to_string(frames) +
                           ": got " + std::to_string(got) + " of 16 bytes"));
      return;
    }
    if (result == ReadResult::Failed) {
      push(event(StreamEvent::Kind::Error,
                 "reading from " + endpoint_.string() + " failed: " + describe_errno(errno)));
      return;
    }
    const auto header = decode_header(header_bytes);
    if (header.magic != kFrameMagic) {
      push(event(StreamEvent::Kind::Error,
                 "bad magic " + hex32(header.magic) + " in the header after frame " +
                     std::to_string(frames) + " (expected " + hex32(kFrameMagic) +
                     ", \"TRF1\"): the stream is not in the pipes format"));
      return;
    }
    if (header.payload_size > kMaxPayloadSize) {
      push(event(StreamEvent::Kind::Error, "frame " + std::to_string(header.sequence) +
                                               " declares " + std::to_string(header.payload_size) +
                                               " payload bytes, more than the limit of " +
                                               std::to_string(kMaxPayloadSize)));
      return;
    }
    payload.resize(header.payload_size);
    result = read_exact(payload.data(), payload.size(), got);
    if (result == ReadResult::Stopped) return;
    if (result == ReadResult::EndOfStream) {
      push(event(StreamEvent::Kind::EndOfStream,
                 "stream ended inside frame " + std::to_string(header.sequence) + ": got " +
                     std::to_string(got) + " of " + std::to_string(header.payload_size) +
                     " payload bytes"));
      return;
    }
    if (result == ReadResult::Failed) {
      push(event(StreamEvent::Kind::Error,
                 "reading from " + endpoint_.string() + " failed: " + describe_errno(errno)));
      return;
    }
    const auto checksum = crc32(payload);
    if (checksum != header.checksum) {
      push(event(StreamEvent::Kind::Error,
                 "checksum mismatch in frame " + std::to_string(header.sequence) +
                     ": header says " + hex32(header.checksum) + ", payload of " +
                     std::to_string(payload.size()) + " bytes has " + hex32(checksum)));
      return;
    }
    if (const auto at = find_payload_difference(header.sequence, payload)) {
      push(event(StreamEvent::Kind::Error, "payload of frame " + std::to_string(header.sequence) +
                                               " differs at byte " + std::to_string(*at) + ": " +
                                               std::to_string(payload[*at]) + " instead of " +
                                               std::to_string(payload_byte(header.sequence, *at))));
      return;
    }
    ++frames;
    if (!push(StreamEvent{StreamEvent::Kind::Frame,
                          header.sequence,
                          header.payload_size,
                          checksum,
                          connection,
                          {}}))
      return;
  }
}

FrameWriter::FrameWriter(const std::filesystem::path& endpoint) : endpoint_(endpoint) {
  const auto address = socket_address(endpoint_);
  fd_ = new_socket();
  if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    close(fd_);
    throw ChannelError("cannot connect to " + endpoint_.string() + ": " + std::strerror(error) +
                       " (has the reader created the endpoint?)");
  }
}

FrameWriter::~FrameWriter() {
  stop_streaming_ = true;
  // Wakes a stream thread blocked in send(); the reader then sees the end of the stream.
  shutdown(fd_, SHUT_RDWR);
  if (stream_thread_.joinable()) stream_thread_.join();
  close(fd_);
}

void FrameWriter::send_all(const std::vector<std::uint8_t>& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    // MSG_NOSIGNAL: a closed reader must give EPIPE, not kill us with SIGPIPE.
    const auto count = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (count < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      if (error == EPIPE || error == ECONNRESET)
        throw BrokenConnection("the reader's end of " + endpoint_.string() +
                               " is closed: write failed with " + describe_errno(error));
      throw ChannelError("writing to " + endpoint_.string() + " failed: " + describe_errno(error));
    }
    sent += static_cast<std::size_t>(count);
  }
}

std::uint32_t FrameWriter::write_frame(std::uint32_t payload_size) {
  if (streaming()) throw ChannelError("the writer is streaming frames; it cannot write one more");
  if (payload_size > kMaxPayloadSize)
    throw ChannelError("frame size " + std::to_string(payload_size) + " exceeds the limit of " +
                       std::to_string(kMaxPayloadSize) + " bytes");
  const auto sequence = next_sequence_.load();
  send_all(encode_frame(sequence, payload_size));
  next_sequence_ = sequence + 1;
  return sequence;
}

void FrameWriter::start_streaming(std::uint32_t payload_size) {
  if (streaming()) throw ChannelError("the writer is already streaming frames");
  if (payload_size > kMaxPayloadSize)
    throw ChannelError("frame size " + std::to_string(payload_size) + " exceeds the limit of " +
                       std::to_string(kMaxPayloadSize) + " bytes");
  stream_thread_ = std::thread([this, payload_size] {
    try {
      while (!stop_streaming_) {
        const auto sequence = next_sequence_.load();
        send_all(encode_frame(sequence, payload_size));
        next_sequence_ = sequence + 1;
      }
    } catch (const ChannelError&) {
      // The stream ends when the reader goes away; nothing else to do in the background.
    }
  });
}

}  // namespace pipes
