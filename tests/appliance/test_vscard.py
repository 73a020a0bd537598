"""VSCard framing and the card-side client, against a peer that follows QEMU's passthru code."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from appliance.vscard import (
    HEADER,
    MAGIC,
    Decoder,
    ErrorCode,
    Message,
    MessageType,
    VSCardClient,
    VSCardProtocolError,
    error_code,
    init_message,
)


def test_init_message_is_the_handshake_qemu_answers() -> None:
    # The bytes verified against QEMU 7.2 (reference/appliance.md), from the card's side.
    assert init_message().encode() == bytes.fromhex(
        "00000001ffffffff0000000c565343440000000200000000"
    )


def test_decoder_reassembles_messages_split_anywhere() -> None:
    stream = (
        Message(MessageType.APDU, 0, bytes.fromhex("00a4040c")).encode()
        + Message(MessageType.ERROR, 0, struct.pack(">I", 0)).encode()
    )
    decoder = Decoder()
    messages = [message for byte in stream for message in decoder.feed(bytes([byte]))]
    assert messages == [
        Message(MessageType.APDU, 0, bytes.fromhex("00a4040c")),
        Message(MessageType.ERROR, 0, b"\0\0\0\0"),
    ]


def test_decoder_refuses_unknown_types_and_huge_lengths() -> None:
    with pytest.raises(VSCardProtocolError, match="type 99"):
        Decoder().feed(HEADER.pack(99, 0, 0))
    with pytest.raises(VSCardProtocolError, match="too long"):
        Decoder().feed(HEADER.pack(MessageType.APDU, 0, 1 << 20))


def test_error_code_reads_big_endian_codes_only_from_error_messages() -> None:
    assert error_code(Message(MessageType.ERROR, 0, struct.pack(">I", 2))) is (
        ErrorCode.CANNOT_ADD_MORE_READERS
    )
    with pytest.raises(VSCardProtocolError):
        error_code(Message(MessageType.ATR, 0, b"\0\0\0\0"))


class FakePassthru:
    """The QEMU side as ccid-card-passthru.c behaves: Init answered with Init, ReaderAdd/ATR/
    CardRemove with ERROR(SUCCESS) (ReaderAdd twice: CANNOT_ADD_MORE_READERS); APDUs to the card."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received: list[Message] = []
        self.responses: list[bytes] = []
        self.readers = 0
        self.connection: socket.socket | None = None
        self.got_response = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _reply(self, message: Message) -> None:
        assert self.connection is not None
        self.connection.sendall(message.encode())

    def _ok(self, code: ErrorCode = ErrorCode.SUCCESS) -> None:
        self._reply(Message(MessageType.ERROR, 0, struct.pack(">I", code)))

    def _serve(self) -> None:
        try:
            self.connection, _ = self.listener.accept()
        except OSError:  # closed before a client came
            return
        decoder = Decoder()
        while data := self.connection.recv(4096):
            for message in decoder.feed(data):
                self.received.append(message)
                if message.type is MessageType.INIT:
                    self._reply(Message(MessageType.INIT, 0xFFFFFFFF, message.payload))
                elif message.type is MessageType.READER_ADD:
                    self.readers += 1
                    self._ok(
                        ErrorCode.SUCCESS
                        if self.readers == 1
                        else ErrorCode.CANNOT_ADD_MORE_READERS
                    )
                elif message.type in (MessageType.ATR, MessageType.CARD_REMOVE):
                    self._ok()
                elif message.type is MessageType.APDU:
                    self.responses.append(message.payload)
                    self.got_response.set()

    def send_apdu(self, apdu: bytes) -> bytes:
        self.got_response.clear()
        self._reply(Message(MessageType.APDU, 0, apdu))
        assert self.got_response.wait(5)
        return self.responses[-1]

    def close(self) -> None:
        # Shut down first: the serving thread's recv then ends (b""), where closing the socket
        # under it made it raise EBADF now and then.
        if self.connection is not None:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(5)
        if self.connection is not None:
            self.connection.close()


@pytest.fixture
def passthru() -> Iterator[FakePassthru]:
    peer = FakePassthru()
    yield peer
    peer.close()


def test_client_handshakes_inserts_answers_and_removes(passthru: FakePassthru) -> None:
    client = VSCardClient("127.0.0.1", passthru.port)
    client.connect(timeout_s=5)
    client.insert(bytes.fromhex("3b8880010000000000000000"), lambda apdu: apdu[::-1] + b"\x90\x00")
    assert passthru.send_apdu(b"\x01\x02\x03") == b"\x03\x02\x01\x90\x00"
    client.remove()
    kinds = [message.type for message in passthru.received]
    assert kinds == [MessageType.INIT, MessageType.READER_ADD, MessageType.ATR,
                     MessageType.APDU, MessageType.CARD_REMOVE]  # fmt: skip
    assert passthru.received[0].payload[:4] == MAGIC
    assert client.apdu_count == 1
    client.close()


def test_a_refused_reader_is_an_error(passthru: FakePassthru) -> None:
    passthru.readers = 1  # QEMU already has its one reader
    client = VSCardClient("127.0.0.1", passthru.port)
    with pytest.raises(VSCardProtocolError, match="CANNOT_ADD_MORE_READERS"):
        client.connect(timeout_s=5)
    client.close()
