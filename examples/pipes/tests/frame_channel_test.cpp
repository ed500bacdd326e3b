// FrameReader and FrameWriter over a real Unix socket: exchange, ordering, end of stream,
// corruption, broken pipe, stale endpoints.
#include "frame_channel.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include "frame_format.hpp"

namespace {

using std::chrono::milliseconds;
using Kind = pipes::StreamEvent::Kind;

constexpr milliseconds kWait{10000};

std::filesystem::path unique_endpoint(const std::string& name) {
  return pipes::endpoint_path("unit-" + std::to_string(getpid()) + "-" + name);
}

// Writes raw bytes as a writer would, to test how the reader handles bad streams.
int raw_connect(const std::filesystem::path& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, path.c_str());
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  EXPECT_EQ(connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  return fd;
}

void raw_send(int fd, const std::vector<std::uint8_t>& bytes) {
  ASSERT_EQ(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
}

TEST(FrameChannel, EndpointIsNamedAfterTheRunIdUnderTmpdir) {
  const auto path = pipes::endpoint_path("2026/11 26");
  EXPECT_EQ(path.filename(), "troupe-pipes-2026_11_26.sock");
}

TEST(FrameChannel, WriterFramesArriveInOrderWithTheirSizes) {
  pipes::FrameReader reader(unique_endpoint("order"));
  pipes::FrameWriter writer(reader.endpoint());
  EXPECT_EQ(writer.write_frame(10), 1u);
  EXPECT_EQ(writer.write_frame(0), 2u);
  EXPECT_EQ(writer.write_frame(1048576), 3u);
  for (std::uint32_t expected : {10u, 0u, 1048576u}) {
    const auto event = reader.next(kWait);
    ASSERT_TRUE(event.has_value());
    ASSERT_EQ(event->kind, Kind::Frame) << event->message;
    EXPECT_EQ(event->payload_size, expected);
  }
}

TEST(FrameChannel, ReaderReportsEndOfStreamWhenTheWriterCloses) {
  pipes::FrameReader reader(unique_endpoint("eos"));
  {
    pipes::FrameWriter writer(reader.endpoint());
    writer.write_frame(5);
  }
  EXPECT_EQ(reader.next(kWait)->kind, Kind::Frame);
  const auto end = reader.next(kWait);
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->kind, Kind::EndOfStream);
  EXPECT_EQ(end->message, "");
}

TEST(FrameChannel, NextTimesOutWithoutAWriter) {
  pipes::FrameReader reader(unique_endpoint("idle"));
  EXPECT_FALSE(reader.next(milliseconds(50)).has_value());
}

TEST(FrameChannel, CorruptChecksumIsReportedWithBothValues) {
  pipes::FrameReader reader(unique_endpoint("crc"));
  const int fd = raw_connect(reader.endpoint());
  auto frame = pipes::encode_frame(1, 8);
  frame[12] ^= 0xFF;  // the low byte of the checksum
  raw_send(fd, frame);
  const auto event = reader.next(kWait);
  close(fd);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->kind, Kind::Error);
  const auto good = pipes::crc32(pipes::make_payload(1, 8));
  EXPECT_EQ(event->message, "checksum mismatch in frame 1: header says " +
                                pipes::hex32(good ^ 0xFF) + ", payload of 8 bytes has " +
                                pipes::hex32(good));
}

TEST(FrameChannel, BadMagicAndHugeLengthAreRejectedWithoutReadingOn) {
  pipes::FrameReader reader(unique_endpoint("magic"));
  int fd = raw_connect(reader.endpoint());
  raw_send(fd, std::vector<std::uint8_t>(16, 'x'));
  auto event = reader.next(kWait);
  close(fd);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->kind, Kind::Error);
  EXPECT_NE(event->message.find("bad magic 0x78787878"), std::string::npos) << event->message;

  fd = raw_connect(reader.endpoint());
  const auto header = pipes::encode_header({pipes::kFrameMagic, 1, 0xFFFFFFFFu, 0});
  raw_send(fd, {header.begin(), header.end()});
  event = reader.next(kWait);
  close(fd);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->message,
            "frame 1 declares 4294967295 payload bytes, more than the limit of 16777216");
}

TEST(FrameChannel, TruncatedFrameIsReportedAtEndOfStream) {
  pipes::FrameReader reader(unique_endpoint("cut"));
  const int fd = raw_connect(reader.endpoint());
  auto frame = pipes::encode_frame(1, 100);
  frame.resize(16 + 40);
  raw_send(fd, frame);
  close(fd);
  const auto event = reader.next(kWait);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->kind, Kind::EndOfStream);
  EXPECT_EQ(event->message, "stream ended inside frame 1: got 40 of 100 payload bytes");
}

TEST(FrameChannel, WriterSeesABrokenPipeWhenTheReaderIsGone) {
  auto reader = std::make_optional<pipes::FrameReader>(unique_endpoint("gone"));
  pipes::FrameWriter writer(reader->endpoint());
  writer.write_frame(1);
  ASSERT_EQ(reader->next(kWait)->kind, Kind::Frame);
  reader.reset();
  EXPECT_THROW(writer.write_frame(1), pipes::BrokenConnection);
}

TEST(FrameChannel, ConnectingWithoutAReaderNamesTheEndpoint) {
  const auto endpoint = unique_endpoint("none");
  try {
    pipes::FrameWriter writer(endpoint);
    FAIL() << "connected to nothing";
  } catch (const pipes::ChannelError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot connect to " + endpoint.string()),
              std::string::npos);
  }
}

TEST(FrameChannel, StaleEndpointIsReplacedAndRemoved) {
  const auto endpoint = unique_endpoint("stale");
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, endpoint.c_str());
  ASSERT_EQ(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  close(fd);  // a socket file nobody listens on, as a killed reader leaves it
  {
    pipes::FrameReader reader(endpoint);
    pipes::FrameWriter writer(endpoint);
    writer.write_frame(3);
    EXPECT_EQ(reader.next(kWait)->payload_size, 3u);
  }
  EXPECT_FALSE(std::filesystem::exists(endpoint));
}

TEST(FrameChannel, StreamingBlocksOnAFullQueueAndEndsWhenTheWriterGoes) {
  pipes::FrameReader reader(unique_endpoint("stream"), 4);
  {
    pipes::FrameWriter writer(reader.endpoint());
    writer.start_streaming(4096);
    for (std::uint32_t sequence = 1; sequence <= 3; ++sequence)
      EXPECT_EQ(reader.next(kWait)->sequence, sequence);
  }
  std::optional<pipes::StreamEvent> event;
  while ((event = reader.next(kWait)) && event->kind == Kind::Frame) {
  }
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->kind, Kind::EndOfStream);
}

}  // namespace
