// The pipes servo in C++: the 'reader' and 'writer' steps of examples/pipes/features over
// frame_channel, served to troupe with the C++ servo SDK.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <troupe/servo.hpp>

#include "frame_channel.hpp"
#include "frame_format.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How long a step may wait for the stream: a little less than troupe's step timeout, so the
// step fails with what it waited for instead of being killed.
milliseconds wait_budget(const troupe::Step& step) {
  const auto timeout = step.timeout.count() > 0 ? step.timeout : milliseconds(30000);
  return timeout > milliseconds(1000) ? timeout - milliseconds(500) : timeout * 3 / 4;
}

std::uint32_t frame_size(int size) {
  if (size < 0)
    throw troupe::AssertionError("a frame size cannot be negative: " + std::to_string(size));
  return static_cast<std::uint32_t>(size);
}

// A whole number from a data table cell, or a failure naming the row and column.
std::uint32_t table_number(const troupe::Step& step, std::size_t row, const std::string& column) {
  const auto& cell = step.table->cell(row, column);
  std::uint32_t value = 0;
  const auto end = cell.data() + cell.size();
  const auto [stop, error] = std::from_chars(cell.data(), end, value);
  if (cell.empty() || error != std::errc() || stop != end)
    throw troupe::AssertionError("row " + std::to_string(row + 1) + ", column " + column + ": '" +
                                 cell + "' is not a whole number from 0 to 4294967295");
  return value;
}

std::string run_id_of(const troupe::Step& step) {
  if (step.test_run_id.empty())
    throw troupe::AssertionError("no test run id: initialize sent none and TROUPE_RUN_ID is unset");
  return step.test_run_id;
}

struct PipesServo {
  std::unique_ptr<pipes::FrameReader> reader;
  std::unique_ptr<pipes::FrameWriter> writer;
  std::filesystem::path writer_endpoint;
  bool writer_saw_broken_pipe = false;
  std::uint64_t last_connection = 0;
  std::uint32_t last_sequence = 0;

  pipes::FrameReader& require_reader() {
    if (!reader) throw troupe::AssertionError("the reader has not created the endpoint yet");
    return *reader;
  }
  pipes::FrameWriter& require_writer() {
    if (!writer) throw troupe::AssertionError("the writer is not connected to the endpoint");
    return *writer;
  }

  // The next frame, or a failure saying what came instead.
  pipes::StreamEvent next_frame(troupe::Step& step, Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    auto event = require_reader().next(std::max(left, milliseconds(0)));
    if (!event)
      throw troupe::AssertionError("no frame arrived within " +
                                   std::to_string(wait_budget(step).count()) + " ms");
    if (event->kind == pipes::StreamEvent::Kind::Error)
      throw troupe::AssertionError(event->message);
    if (event->kind == pipes::StreamEvent::Kind::EndOfStream)
      throw troupe::AssertionError(
          "the stream ended before the expected frame" +
          (event->message.empty() ? std::string() : " (" + event->message + ")"));
    if (event->connection != last_connection) last_sequence = 0;
    last_connection = event->connection;
    last_sequence = event->sequence;
    step.log.info("read frame " + std::to_string(event->sequence) + ": " +
                  std::to_string(event->payload_size) + " bytes, checksum " +
                  pipes::hex32(event->checksum));
    return *event;
  }

  void connect(troupe::Step& step) {
    writer.reset();
    const auto& endpoint = step.context["endpoint"];
    writer_endpoint = endpoint.is_string() ? std::filesystem::path(endpoint.get<std::string>())
                                           : pipes::endpoint_path(run_id_of(step));
    try {
      writer = std::make_unique<pipes::FrameWriter>(writer_endpoint);
    } catch (const pipes::ChannelError& error) {
      throw troupe::AssertionError(error.what());
    }
    writer_saw_broken_pipe = false;
    step.log.info("connected to " + writer_endpoint.string());
  }

  std::uint32_t write(troupe::Step& step, std::uint32_t size) {
    try {
      const auto sequence = require_writer().write_frame(size);
      step.log.info("wrote frame " + std::to_string(sequence) + ": " + std::to_string(size) +
                    " bytes");
      return sequence;
    } catch (const pipes::BrokenConnection& error) {
      writer_saw_broken_pipe = true;
      throw troupe::AssertionError(error.what());
    } catch (const pipes::ChannelError& error) {
      throw troupe::AssertionError(error.what());
    }
  }

  void cleanup() {
    reader.reset();
    writer.reset();
    // A killed reader cannot remove its endpoint; the writer that saw it go does.
    if (writer_saw_broken_pipe) pipes::remove_stale_endpoint(writer_endpoint);
    writer_saw_broken_pipe = false;
    last_connection = 0;
    last_sequence = 0;
  }
};

void register_reader_steps(troupe::Servo& servo, PipesServo& pipes_servo) {
  servo.given("creates the endpoint", [&](troupe::Step& step) {
    pipes_servo.reader.reset();
    const auto endpoint = pipes::endpoint_path(run_id_of(step));
    try {
      pipes_servo.reader = std::make_unique<pipes::FrameReader>(endpoint);
    } catch (const pipes::ChannelError& error) {
      throw troupe::AssertionError(error.what());
    }
    step.context["endpoint"] = endpoint.string();
    step.log.info("listening on " + endpoint.string());
  });

  servo.then("should read frame with size {int}", [&](troupe::Step& step, int size) {
    const auto frame = pipes_servo.next_frame(step, Clock::now() + wait_budget(step));
    troupe::expect(frame.payload_size == frame_size(size),
                   "frame " + std::to_string(frame.sequence) + " has " +
                       std::to_string(frame.payload_size) + " bytes, expected " +
                       std::to_string(size));
    step.data = {{"sequence", frame.sequence},
                 {"size", frame.payload_size},
                 {"checksum", pipes::hex32(frame.checksum)}};
  });

  servo.then("should read frame with size {int} and checksum {string}",
             [&](troupe::Step& step, int size, const std::string& checksum) {
               const auto frame = pipes_servo.next_frame(step, Clock::now() + wait_budget(step));
               troupe::expect(frame.payload_size == frame_size(size),
                              "frame " + std::to_string(frame.sequence) + " has " +
                                  std::to_string(frame.payload_size) + " bytes, expected " +
                                  std::to_string(size));
               troupe::expect(pipes::hex32(frame.checksum) == checksum,
                              "frame " + std::to_string(frame.sequence) + " has checksum " +
                                  pipes::hex32(frame.checksum) + ", expected " + checksum);
             });

  servo.then("should read {int} frames in order", [&](troupe::Step& step, int count) {
    const auto deadline = Clock::now() + wait_budget(step);
    for (int i = 0; i < count; ++i) {
      const auto expected = pipes_servo.last_sequence + 1;
      const auto frame = pipes_servo.next_frame(step, deadline);
      troupe::expect(frame.sequence == expected, "frame " + std::to_string(frame.sequence) +
                                                     " arrived where frame " +
                                                     std::to_string(expected) + " was expected");
    }
  });

  servo.then("should read frames:", [&](troupe::Step& step) {
    troupe::expect(step.table.has_value(), "the step needs a table with columns sequence and size");
    const auto deadline = Clock::now() + wait_budget(step);
    for (std::size_t row = 0; row < step.table->size(); ++row) {
      const auto sequence = table_number(step, row, "sequence");
      const auto size = table_number(step, row, "size");
      const auto frame = pipes_servo.next_frame(step, deadline);
      troupe::expect(frame.sequence == sequence && frame.payload_size == size,
                     "row " + std::to_string(row + 1) + ": got frame " +
                         std::to_string(frame.sequence) + " with " +
                         std::to_string(frame.payload_size) + " bytes, expected frame " +
                         std::to_string(sequence) + " with " + std::to_string(size));
    }
  });

  servo.then("should see the end of the stream", [&](troupe::Step& step) {
    const auto deadline = Clock::now() + wait_budget(step);
    int frames = 0;
    while (true) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      auto event = pipes_servo.require_reader().next(std::max(left, milliseconds(0)));
      if (!event)
        throw troupe::AssertionError("the stream did not end within " +
                                     std::to_string(wait_budget(step).count()) + " ms (" +
                                     std::to_string(frames) + " more frames read)");
      if (event->kind == pipes::StreamEvent::Kind::Error)
        throw troupe::AssertionError(event->message);
      if (event->kind == pipes::StreamEvent::Kind::EndOfStream) {
        step.log.info("end of stream after " + std::to_string(frames) + " more frames" +
                      (event->message.empty() ? std::string() : ": " + event->message));
        step.data = {{"framesBeforeEnd", frames}, {"truncated", event->message}};
        return;
      }
      ++frames;
    }
  });

  servo.then("should time out reading a frame after {int} ms", [&](troupe::Step& step, int ms) {
    troupe::expect(ms > 0 && milliseconds(ms) < wait_budget(step),
                   "a wait of " + std::to_string(ms) +
                       " ms must be positive and below the step's " +
                       std::to_string(wait_budget(step).count()) + " ms budget");
    const auto event = pipes_servo.require_reader().next(milliseconds(ms));
    troupe::expect(!event.has_value(),
                   "expected no frame for " + std::to_string(ms) + " ms, but the reader got " +
                       (event && event->kind == pipes::StreamEvent::Kind::Frame
                            ? "frame " + std::to_string(event->sequence)
                            : "an event: " + (event ? event->message : std::string())));
    step.log.info("no frame within " + std::to_string(ms) + " ms, as expected");
  });
}

void register_writer_steps(troupe::Servo& servo, PipesServo& pipes_servo) {
  servo.given("connects to the endpoint", [&](troupe::Step& step) { pipes_servo.connect(step); });
  servo.when("reconnects to the endpoint", [&](troupe::Step& step) { pipes_servo.connect(step); });

  servo.when("writes frame with size {int}", [&](troupe::Step& step, int size) {
    step.data = {{"sequence", pipes_servo.write(step, frame_size(size))}};
  });

  servo.when("writes {int} frames of size {int}", [&](troupe::Step& step, int count, int size) {
    for (int i = 0; i < count; ++i) pipes_servo.write(step, frame_size(size));
  });

  servo.when("writes frames:", [&](troupe::Step& step) {
    troupe::expect(step.table.has_value(), "the step needs a table with a size column");
    for (std::size_t row = 0; row < step.table->size(); ++row)
      pipes_servo.write(step, table_number(step, row, "size"));
  });

  servo.when("starts streaming frames of size {int}", [&](troupe::Step& step, int size) {
    try {
      pipes_servo.require_writer().start_streaming(frame_size(size));
    } catch (const pipes::ChannelError& error) {
      throw troupe::AssertionError(error.what());
    }
    step.log.info("streaming frames of " + std::to_string(size) + " bytes");
  });

  servo.then("should see a broken pipe when writing", [&](troupe::Step& step) {
    const auto deadline = Clock::now() + wait_budget(step);
    auto& writer = pipes_servo.require_writer();
    while (Clock::now() < deadline) {
      try {
        writer.write_frame(16);
      } catch (const pipes::BrokenConnection& error) {
        pipes_servo.writer_saw_broken_pipe = true;
        step.log.info(std::string("broken pipe, as expected: ") + error.what());
        step.data = {{"error", error.what()}};
        return;
      } catch (const pipes::ChannelError& error) {
        throw troupe::AssertionError(std::string("expected a broken pipe, got: ") + error.what());
      }
    }
    throw troupe::AssertionError("writes still succeed after " +
                                 std::to_string(wait_budget(step).count()) +
                                 " ms: the reader is alive");
  });
}

}  // namespace

int main(int argc, char** argv) {
  troupe::Servo servo;
  PipesServo pipes_servo;
  register_reader_steps(servo, pipes_servo);
  register_writer_steps(servo, pipes_servo);
  servo.on_cleanup([&](troupe::Hook& hook) {
    pipes_servo.cleanup();
    hook.log.info("closed the channel");
  });
  const int code = servo.run(argc, argv);
  pipes_servo.cleanup();
  return code;
}
