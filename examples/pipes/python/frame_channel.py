"""Framed messages over a Unix domain socket, the Python implementation of the pipes example.

A FrameReader owns the endpoint and accepts and reads in the background into a bounded queue; a
FrameWriter connects and writes frames. The wire format (docs/example.md) is a 16-byte
little-endian header - magic, sequence, payload length, CRC-32 of the payload - then the payload.
"""
import collections
import errno
import os
import re
import select
import socket
import stat
import struct
import threading
import zlib

FRAME_MAGIC = 0x31465254  # the bytes "TRF1"
HEADER = struct.Struct("<IIII")
HEADER_SIZE = HEADER.size
MAX_PAYLOAD_SIZE = 16 * 1024 * 1024  # bounds what a reader allocates, whatever a header claims

# Faults a deliberately broken writer can inject (the python-faulty platform).
FAULTS = ("corrupt-checksum",)


class ChannelError(Exception):
    """A channel operation failed; the message names the endpoint and the reason."""


class BrokenConnection(ChannelError):
    """The peer is gone: writing gave EPIPE or ECONNRESET."""


def crc32(data):
    return zlib.crc32(data) & 0xFFFFFFFF


def hex32(value):
    return "0x%08x" % value


# Byte i of a payload is (7 * sequence + 31 * i + i // 256) mod 256. Within a 256-byte block the
# bytes are the fixed block below shifted by (7 * sequence + block), so we translate whole blocks.
_BASE_BLOCK = bytes((31 * j) & 0xFF for j in range(256))
_SHIFTS = [bytes((b + s) & 0xFF for b in range(256)) for s in range(256)]


def make_payload(sequence, size):
    blocks = []
    for block in range((size + 255) // 256):
        blocks.append(_BASE_BLOCK.translate(_SHIFTS[(7 * sequence + block) & 0xFF]))
    return b"".join(blocks)[:size]


def payload_byte(sequence, index):
    return (7 * sequence + 31 * index + index // 256) & 0xFF


def find_payload_difference(sequence, payload):
    expected = make_payload(sequence, len(payload))
    if payload == expected:
        return None
    return next(i for i in range(len(payload)) if payload[i] != expected[i])


def encode_frame(sequence, size, fault=None):
    payload = make_payload(sequence, size)
    checksum = crc32(payload)
    if fault == "corrupt-checksum":
        checksum ^= 0x00000001  # the injected bug: one flipped bit of the checksum
    return HEADER.pack(FRAME_MAGIC, sequence, size, checksum) + payload


def endpoint_path(run_id):
    """$TMPDIR (else /tmp)/troupe-pipes-<run id>.sock; unsafe file-name characters become '_'."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", run_id)
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", "troupe-pipes-%s.sock" % safe)


def _check_path_length(path):
    if len(path.encode()) > 107:
        raise ChannelError("endpoint %s is %d bytes long; a Unix socket path may have at most 107 "
                           "(set TMPDIR to a shorter folder)" % (path, len(path.encode())))


def remove_stale_endpoint(path):
    """Removes `path` if it is a socket nobody listens on (left by a killed reader)."""
    try:
        if not stat.S_ISSOCK(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
        return False
    except ConnectionRefusedError:
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        probe.close()


class StreamEvent:
    """What the reader saw: kind is "frame", "end" (message: a truncated frame, if any) or "error"."""

    def __init__(self, kind, connection, sequence=0, size=0, checksum=0, message=""):
        self.kind = kind
        self.connection = connection
        self.sequence = sequence
        self.size = size
        self.checksum = checksum
        self.message = message

    def __repr__(self):
        return "StreamEvent(%s, seq=%d, size=%d, %r)" % (self.kind, self.sequence, self.size, self.message)


class _Stopped(Exception):
    pass


class FrameReader:
    def __init__(self, endpoint, queue_limit=256):
        """Creates the endpoint (replacing a stale socket file) and starts accepting."""
        self.endpoint = endpoint
        _check_path_length(endpoint)
        try:
            mode = os.lstat(endpoint).st_mode
        except OSError:
            mode = None
        if mode is not None:
            if not stat.S_ISSOCK(mode):
                raise ChannelError("endpoint %s exists and is not a socket" % endpoint)
            if not remove_stale_endpoint(endpoint):
                raise ChannelError("endpoint %s is in use by another reader" % endpoint)
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._listener.bind(endpoint)
            self._listener.listen(8)
        except OSError as error:
            self._listener.close()
            raise ChannelError("cannot listen on %s: %s" % (endpoint, error.strerror))
        self._listener.setblocking(False)
        self._wake_read, self._wake_write = os.pipe()
        self._queue = collections.deque()
        self._queue_limit = max(1, queue_limit)
        self._changed = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="pipes-reader", daemon=True)
        self._thread.start()

    def close(self):
        """Stops the background thread, closes the sockets, removes the endpoint."""
        with self._changed:
            if self._stopping:
                return
            self._stopping = True
            self._changed.notify_all()
        os.write(self._wake_write, b"x")
        self._thread.join()
        self._listener.close()
        os.close(self._wake_read)
        os.close(self._wake_write)
        try:
            os.unlink(self.endpoint)
        except OSError:
            pass

    def next(self, wait_s):
        """The next StreamEvent, waiting up to wait_s seconds; None if none came in time."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._queue, timeout=max(0.0, wait_s)):
                return None
            event = self._queue.popleft()
            self._changed.notify_all()
            return event

    def _push(self, event):
        with self._changed:
            # A full queue stops reading, so a fast writer blocks instead of growing our memory.
            self._changed.wait_for(lambda: self._stopping or len(self._queue) < self._queue_limit)
            if self._stopping:
                raise _Stopped()
            self._queue.append(event)
            self._changed.notify_all()

    def _wait_readable(self, sock):
        readable, _, _ = select.select([sock, self._wake_read], [], [])
        if self._wake_read in readable:
            raise _Stopped()

    def _serve(self):
        connection = 0
        try:
            while True:
                self._wait_readable(self._listener)
                try:
                    conn, _ = self._listener.accept()
                except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                    continue
                connection += 1
                with conn:
                    conn.setblocking(True)
                    self._read_connection(conn, connection)
        except _Stopped:
            pass

    def _read_exact(self, conn, size):
        """(bytes, ended): ended is True when the stream closed before `size` bytes."""
        data = bytearray()
        while len(data) < size:
            self._wait_readable(conn)
            try:
                chunk = conn.recv(min(size - len(data), 1 << 20))
            except InterruptedError:
                continue
            except ConnectionResetError:
                chunk = b""  # a killed writer with data in flight resets the connection
            if not chunk:
                return bytes(data), True
            data += chunk
        return bytes(data), False

    def _read_connection(self, conn, connection):
        frames = 0
        while True:
            try:
                header, ended = self._read_exact(conn, HEADER_SIZE)
            except OSError as error:
                self._push(StreamEvent("error", connection, message="reading from %s failed: %s"
                                       % (self.endpoint, error.strerror)))
                return
            if ended:
                message = "" if not header else (
                    "stream ended inside a frame header after frame %d: got %d of 16 bytes"
                    % (frames, len(header)))
                self._push(StreamEvent("end", connection, message=message))
                return
            magic, sequence, size, checksum = HEADER.unpack(header)
            if magic != FRAME_MAGIC:
                self._push(StreamEvent("error", connection, message=(
                    'bad magic %s in the header after frame %d (expected %s, "TRF1"): the stream '
                    "is not in the pipes format" % (hex32(magic), frames, hex32(FRAME_MAGIC)))))
                return
            if size > MAX_PAYLOAD_SIZE:
                self._push(StreamEvent("error", connection, message=(
                    "frame %d declares %d payload bytes, more than the limit of %d"
                    % (sequence, size, MAX_PAYLOAD_SIZE))))
                return
            try:
                payload, ended = self._read_exact(conn, size)
            except OSError as error:
                self._push(StreamEvent("error", connection, message="reading from %s failed: %s"
                                       % (self.endpoint, error.strerror)))
                return
            if ended:
                self._push(StreamEvent("end", connection, message=(
                    "stream ended inside frame %d: got %d of %d payload bytes"
                    % (sequence, len(payload), size))))
                return
            actual = crc32(payload)
            if actual != checksum:
                self._push(StreamEvent("error", connection, message=(
                    "checksum mismatch in frame %d: header says %s, payload of %d bytes has %s"
                    % (sequence, hex32(checksum), size, hex32(actual)))))
                return
            at = find_payload_difference(sequence, payload)
            if at is not None:
                self._push(StreamEvent("error", connection, message=(
                    "payload of frame %d differs at byte %d: %d instead of %d"
                    % (sequence, at, payload[at], payload_byte(sequence, at)))))
                return
            frames += 1
            self._push(StreamEvent("frame", connection, sequence, size, actual))


class FrameWriter:
    def __init__(self, endpoint, fault=None):
        """Connects to a reader's endpoint. `fault` injects a bug (see FAULTS) for demonstrations."""
        if fault is not None and fault not in FAULTS:
            raise ChannelError("unknown fault %r (known: %s)" % (fault, ", ".join(FAULTS)))
        self.endpoint = endpoint
        self.fault = fault
        _check_path_length(endpoint)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._sock.connect(endpoint)
        except OSError as error:
            self._sock.close()
            raise ChannelError("cannot connect to %s: %s (has the reader created the endpoint?)"
                               % (endpoint, error.strerror))
        self._next_sequence = 1
        self._lock = threading.Lock()
        self._stop_streaming = threading.Event()
        self._stream_thread = None

    @property
    def streaming(self):
        return self._stream_thread is not None

    def _send_frame(self, size):
        with self._lock:
            sequence = self._next_sequence
            try:
                self._sock.sendall(encode_frame(sequence, size, self.fault))
            except (BrokenPipeError, ConnectionResetError) as error:
                name = "EPIPE" if isinstance(error, BrokenPipeError) else "ECONNRESET"
                raise BrokenConnection("the reader's end of %s is closed: write failed with %s (%s)"
                                       % (self.endpoint, name, os.strerror(error.errno)))
            except OSError as error:
                raise ChannelError("writing to %s failed: %s" % (self.endpoint, error.strerror))
            self._next_sequence = sequence + 1
            return sequence

    def write_frame(self, size):
        """Writes the next frame; returns its sequence number (1 for a connection's first frame)."""
        if self.streaming:
            raise ChannelError("the writer is streaming frames; it cannot write one more")
        if size < 0 or size > MAX_PAYLOAD_SIZE:
            raise ChannelError("frame size %d is outside 0..%d" % (size, MAX_PAYLOAD_SIZE))
        return self._send_frame(size)

    def start_streaming(self, size):
        """Writes frames of `size` in the background until closed or the connection breaks."""
        if self.streaming:
            raise ChannelError("the writer is already streaming frames")
        if size < 0 or size > MAX_PAYLOAD_SIZE:
            raise ChannelError("frame size %d is outside 0..%d" % (size, MAX_PAYLOAD_SIZE))

        def stream():
            try:
                while not self._stop_streaming.is_set():
                    self._send_frame(size)
            except ChannelError:
                pass  # the stream ends when the reader goes away

        self._stream_thread = threading.Thread(target=stream, name="pipes-stream", daemon=True)
        self._stream_thread.start()

    def close(self):
        self._stop_streaming.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes a stream thread blocked in send
        except OSError:
            pass
        if self._stream_thread is not None:
            self._stream_thread.join()
        self._sock.close()
