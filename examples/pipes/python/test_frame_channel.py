"""Unit tests of frame_channel.py: the wire format (with the golden frame every language checks)
and a reader and writer over a real Unix socket."""
import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import frame_channel as fc  # noqa: E402

WAIT_S = 10.0


def unique_endpoint(name):
    return fc.endpoint_path("unit-py-%d-%s" % (os.getpid(), name))


class WireFormatTest(unittest.TestCase):
    def test_golden_frame_is_byte_for_byte_the_documented_one(self):
        # The same bytes are asserted in cpp frame_format_test.cpp and node frame_channel.test.js.
        self.assertEqual(fc.encode_frame(7, 5).hex(), "545246310700000005000000048f82df31506f8ead")

    def test_payload_follows_the_documented_formula(self):
        payload = fc.make_payload(3, 1000)
        self.assertEqual(list(payload), [(7 * 3 + 31 * i + i // 256) & 0xFF for i in range(1000)])

    def test_one_megabyte_frame_has_the_documented_checksum(self):
        self.assertEqual(fc.crc32(fc.make_payload(1, 1048576)), 0xDBDA0728)

    def test_empty_frame_is_a_header_with_checksum_zero(self):
        self.assertEqual(fc.encode_frame(1, 0).hex(), "54524631010000000000000000000000")

    def test_corrupt_checksum_fault_flips_one_bit(self):
        good, bad = fc.encode_frame(7, 5), fc.encode_frame(7, 5, "corrupt-checksum")
        self.assertEqual(good[:12], bad[:12])
        self.assertEqual(good[12] ^ bad[12], 1)
        self.assertEqual(good[16:], bad[16:])

    def test_endpoint_is_named_after_the_run_id(self):
        self.assertEqual(os.path.basename(fc.endpoint_path("2026/11 26")), "troupe-pipes-2026_11_26.sock")


class ChannelTest(unittest.TestCase):
    def test_frames_arrive_in_order_then_end_of_stream(self):
        reader = fc.FrameReader(unique_endpoint("order"))
        try:
            writer = fc.FrameWriter(reader.endpoint)
            self.assertEqual([writer.write_frame(s) for s in (10, 0, 1048576)], [1, 2, 3])
            writer.close()
            events = [reader.next(WAIT_S) for _ in range(4)]
            self.assertEqual([(e.kind, e.sequence, e.size) for e in events[:3]],
                             [("frame", 1, 10), ("frame", 2, 0), ("frame", 3, 1048576)])
            self.assertEqual((events[3].kind, events[3].message), ("end", ""))
        finally:
            reader.close()
        self.assertFalse(os.path.exists(reader.endpoint))

    def test_next_times_out_without_a_writer(self):
        reader = fc.FrameReader(unique_endpoint("idle"))
        try:
            self.assertIsNone(reader.next(0.05))
        finally:
            reader.close()

    def test_faulty_writer_causes_a_checksum_mismatch(self):
        reader = fc.FrameReader(unique_endpoint("crc"))
        try:
            writer = fc.FrameWriter(reader.endpoint, fault="corrupt-checksum")
            writer.write_frame(8)
            event = reader.next(WAIT_S)
            writer.close()
            good = fc.crc32(fc.make_payload(1, 8))
            self.assertEqual(event.kind, "error")
            self.assertEqual(event.message, "checksum mismatch in frame 1: header says %s, payload of 8 bytes has %s"
                             % (fc.hex32(good ^ 1), fc.hex32(good)))
        finally:
            reader.close()

    def test_truncated_frame_is_reported_at_end_of_stream(self):
        reader = fc.FrameReader(unique_endpoint("cut"))
        try:
            raw = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            raw.connect(reader.endpoint)
            raw.sendall(fc.encode_frame(1, 100)[:56])
            raw.close()
            event = reader.next(WAIT_S)
            self.assertEqual((event.kind, event.message),
                             ("end", "stream ended inside frame 1: got 40 of 100 payload bytes"))
        finally:
            reader.close()

    def test_huge_length_is_rejected_before_reading_it(self):
        reader = fc.FrameReader(unique_endpoint("huge"))
        try:
            raw = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            raw.connect(reader.endpoint)
            raw.sendall(fc.HEADER.pack(fc.FRAME_MAGIC, 1, 0xFFFFFFFF, 0))
            event = reader.next(WAIT_S)
            raw.close()
            self.assertEqual(event.message, "frame 1 declares 4294967295 payload bytes, more than the limit of 16777216")
        finally:
            reader.close()

    def test_writer_sees_a_broken_pipe_when_the_reader_is_gone(self):
        reader = fc.FrameReader(unique_endpoint("gone"))
        writer = fc.FrameWriter(reader.endpoint)
        writer.write_frame(1)
        self.assertEqual(reader.next(WAIT_S).kind, "frame")
        reader.close()
        with self.assertRaises(fc.BrokenConnection):
            writer.write_frame(1)
        writer.close()

    def test_connecting_without_a_reader_names_the_endpoint(self):
        endpoint = unique_endpoint("none")
        with self.assertRaisesRegex(fc.ChannelError, "cannot connect to " + endpoint):
            fc.FrameWriter(endpoint)

    def test_stale_endpoint_is_replaced(self):
        endpoint = unique_endpoint("stale")
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stale.bind(endpoint)
        stale.close()
        reader = fc.FrameReader(endpoint)
        try:
            writer = fc.FrameWriter(endpoint)
            writer.write_frame(3)
            self.assertEqual(reader.next(WAIT_S).size, 3)
            writer.close()
        finally:
            reader.close()
        self.assertFalse(os.path.exists(endpoint))

    def test_streaming_blocks_on_a_full_queue_and_ends_when_the_writer_goes(self):
        reader = fc.FrameReader(unique_endpoint("stream"), queue_limit=4)
        try:
            writer = fc.FrameWriter(reader.endpoint)
            writer.start_streaming(4096)
            self.assertEqual([reader.next(WAIT_S).sequence for _ in range(3)], [1, 2, 3])
            writer.close()
            event = reader.next(WAIT_S)
            while event is not None and event.kind == "frame":
                event = reader.next(WAIT_S)
            self.assertEqual(event.kind, "end")
        finally:
            reader.close()


if __name__ == "__main__":
    unittest.main()
