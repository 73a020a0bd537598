"""A faithful virtual My Number Card: the JPKI application, its files, PIN counter and RSA key."""

from __future__ import annotations

import functools
import hmac
import operator
import random
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from drivers.nfc import jpki
from drivers.nfc.apdu import (
    CLA_ISO,
    CLA_PROPRIETARY,
    INS_READ_BINARY,
    INS_SELECT,
    INS_SIGN,
    INS_VERIFY,
    Command,
    MalformedCommandError,
    parse_command,
)

#: A contactless (ISO 14443 type B) ATR as a PC/SC reader builds it; the last byte is TCK.
_ATR_BODY = bytes.fromhex("3B8880010000000000000000")
DEFAULT_ATR = _ATR_BODY + bytes((functools.reduce(operator.xor, _ATR_BODY[1:]),))

_DIGEST_INFO_HASHES: dict[bytes, hashes.HashAlgorithm] = {
    jpki.SHA256_DIGEST_INFO_PREFIX: hashes.SHA256(),
    bytes.fromhex("3041300D060960864801650304020205000430"): hashes.SHA384(),
    bytes.fromhex("3051300D060960864801650304020305000440"): hashes.SHA512(),
}


class CardWithdrawn(Exception):  # noqa: N818 - an event of the simulation, not an error
    """The card left the reader's field (power lost) before it could answer."""


@dataclass
class CardFaults:
    """Faults to inject: removal, slow or garbage replies, a locked PIN."""

    #: After answering this many APDUs the card leaves the field.
    remove_after_apdus: int | None = None
    #: Seconds the card takes before each answer.
    reply_delay_s: float = 0.0
    #: After answering this many APDUs every further answer is random bytes.
    garbage_after_apdus: int | None = None
    garbage_seed: int = 0
    #: The authentication PIN starts locked (no tries left).
    locked: bool = False


def _sw(value: int) -> bytes:
    """A status word as its two response bytes."""
    return value.to_bytes(2, "big")


class VirtualMyNumberCard:
    """The JPKI application of a My Number Card, answering command APDUs like the real card."""

    def __init__(
        self,
        auth_key: rsa.RSAPrivateKey,
        auth_certificate_der: bytes,
        pin: str,
        ca_certificate_der: bytes | None = None,
        faults: CardFaults | None = None,
        *,
        atr: bytes = DEFAULT_ATR,
    ) -> None:
        if len(pin) != jpki.AUTH_PIN_LENGTH or not pin.isascii() or not pin.isdigit():
            raise ValueError("the authentication PIN is 4 digits")
        self.atr = atr
        self.faults = faults or CardFaults()
        self._key = auth_key
        self._pin = bytearray(pin.encode("ascii"))
        self._files: dict[bytes, bytes] = {
            jpki.EF_TOKEN: jpki.MY_NUMBER_CARD_TOKEN.ljust(jpki.TOKEN_LENGTH, b"\x00"),
            jpki.EF_AUTH_CERT: auth_certificate_der,
        }
        if ca_certificate_der is not None:
            self._files[jpki.EF_AUTH_CA_CERT] = ca_certificate_der
        self._tries_left = 0 if self.faults.locked else jpki.AUTH_PIN_MAX_TRIES
        self._lock = threading.Lock()
        self._powered_off = threading.Event()
        #: Set while an APDU is being answered: a test waits on it to take the card away mid-APDU.
        self.answering = threading.Event()
        self._garbage = random.Random(self.faults.garbage_seed)
        self.apdu_count = 0
        self._reset_state()

    @property
    def tries_left(self) -> int:
        """Wrong PINs the card still accepts before it locks (0 = locked)."""
        return self._tries_left

    def _reset_state(self) -> None:
        """Forget the selection and the security state, as after a power-on or reset."""
        self._selected_app: bytes | None = None
        self._selected_ef: bytes | None = None
        self._pin_verified = False

    def power_on(self) -> None:
        """The card enters a reader's field: fresh state, ready to answer."""
        with self._lock:
            self._powered_off.clear()
            self._reset_state()

    def power_off(self) -> None:
        """The card leaves the field: any answer in progress is lost."""
        self._powered_off.set()
        with self._lock:
            self._reset_state()

    def process_apdu(self, apdu: bytes) -> bytes:
        """Answer one command APDU with response data and a status word."""
        self.answering.set()
        try:
            return self._answer(apdu)
        finally:
            self.answering.clear()

    def _answer(self, apdu: bytes) -> bytes:
        if self._powered_off.is_set():
            raise CardWithdrawn("the card is not powered")
        faults = self.faults
        if faults.remove_after_apdus is not None and self.apdu_count >= faults.remove_after_apdus:
            self.power_off()
            raise CardWithdrawn("the card left the field")
        if faults.reply_delay_s and self._powered_off.wait(faults.reply_delay_s):
            raise CardWithdrawn("the card left the field while answering")
        with self._lock:
            self.apdu_count += 1
            garbage_after = faults.garbage_after_apdus
            if garbage_after is not None and self.apdu_count > garbage_after:
                return self._garbage.randbytes(self._garbage.randint(0, 8))
            try:
                command = parse_command(apdu)
            except MalformedCommandError:
                return _sw(jpki.SW_WRONG_LENGTH)
            return self._dispatch(command)

    def _dispatch(self, command: Command) -> bytes:
        """Route a parsed command to its handler by class and instruction."""
        if command.cla == CLA_ISO:
            handlers = {
                INS_SELECT: self._select,
                INS_READ_BINARY: self._read_binary,
                INS_VERIFY: self._verify,
            }
        elif command.cla == CLA_PROPRIETARY:
            handlers = {INS_SIGN: self._sign}
        else:
            return _sw(jpki.SW_CLA_NOT_SUPPORTED)
        handler = handlers.get(command.ins)
        if handler is None:
            return _sw(jpki.SW_INS_NOT_SUPPORTED)
        return handler(command)

    def _select(self, command: Command) -> bytes:
        """SELECT an application by AID (P1=04) or an EF of the JPKI application (P1=02)."""
        if command.p2 != 0x0C or command.p1 not in (0x02, 0x04):
            return _sw(jpki.SW_WRONG_P1P2)
        if command.le is not None:
            return _sw(jpki.SW_WRONG_LENGTH)
        if command.p1 == 0x04:
            if command.data != jpki.JPKI_AID:
                return _sw(jpki.SW_FILE_NOT_FOUND)
            self._reset_state()
            self._selected_app = command.data
            return _sw(jpki.SW_OK)
        if len(command.data) != 2:
            return _sw(jpki.SW_WRONG_LENGTH)
        known = (*self._files, jpki.EF_AUTH_KEY, jpki.EF_AUTH_PIN)
        if self._selected_app != jpki.JPKI_AID or command.data not in known:
            return _sw(jpki.SW_FILE_NOT_FOUND)
        self._selected_ef = command.data
        return _sw(jpki.SW_OK)

    def _read_binary(self, command: Command) -> bytes:
        """READ BINARY of the selected transparent EF from offset P1P2."""
        if command.data or command.le is None:
            return _sw(jpki.SW_WRONG_LENGTH)
        if command.p1 & 0x80:
            return _sw(jpki.SW_WRONG_P1P2)
        if self._selected_ef is None:
            return _sw(jpki.SW_NO_CURRENT_EF)
        content = self._files.get(self._selected_ef)
        if content is None:
            return _sw(jpki.SW_COMMAND_INCOMPATIBLE)
        offset = (command.p1 << 8) | command.p2
        if offset > len(content):
            return _sw(jpki.SW_OFFSET_OUT_OF_FILE)
        return content[offset : offset + command.le] + _sw(jpki.SW_OK)

    def _verify(self, command: Command) -> bytes:
        """VERIFY the auth PIN; without data it reports the tries left and consumes none."""
        if command.p1 != 0x00 or command.p2 != jpki.AUTH_PIN_REFERENCE:
            return _sw(jpki.SW_WRONG_P1P2)
        if self._selected_app != jpki.JPKI_AID:
            return _sw(jpki.SW_CONDITIONS_NOT_SATISFIED)
        if command.le is not None:
            return _sw(jpki.SW_WRONG_LENGTH)
        if not command.data:
            return _sw(jpki.SW_PIN_TRIES_BASE | self._tries_left)
        if len(command.data) != jpki.AUTH_PIN_LENGTH:
            return _sw(jpki.SW_WRONG_LENGTH)
        if self._tries_left == 0:
            return _sw(jpki.SW_AUTH_METHOD_BLOCKED)
        if hmac.compare_digest(command.data, bytes(self._pin)):
            self._tries_left = jpki.AUTH_PIN_MAX_TRIES
            self._pin_verified = True
            return _sw(jpki.SW_OK)
        self._tries_left -= 1
        self._pin_verified = False
        return _sw(jpki.SW_PIN_TRIES_BASE | self._tries_left)

    def _sign(self, command: Command) -> bytes:
        """COMPUTE DIGITAL SIGNATURE over a DigestInfo with the auth key (EF 0017 selected)."""
        if command.p1 != 0x00 or command.p2 != jpki.AUTH_PIN_REFERENCE:
            return _sw(jpki.SW_WRONG_P1P2)
        if self._selected_ef != jpki.EF_AUTH_KEY:
            return _sw(jpki.SW_NO_CURRENT_EF)
        if self._tries_left == 0:
            return _sw(jpki.SW_AUTH_METHOD_BLOCKED)
        if not self._pin_verified:
            return _sw(jpki.SW_SECURITY_NOT_SATISFIED)
        if command.le is None or command.le < self._key.key_size // 8:
            return _sw(jpki.SW_WRONG_LENGTH)
        for prefix, algorithm in _DIGEST_INFO_HASHES.items():
            digest = command.data[len(prefix) :]
            if command.data.startswith(prefix) and len(digest) == algorithm.digest_size:
                signature = self._key.sign(digest, padding.PKCS1v15(), utils.Prehashed(algorithm))
                return signature + _sw(jpki.SW_OK)
        return _sw(jpki.SW_WRONG_DATA)
