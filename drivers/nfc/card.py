"""A connected My Number Card: detection, the auth certificate, PIN tries, VERIFY and SIGN."""

from __future__ import annotations

from drivers.nfc import jpki
from drivers.nfc.apdu import (
    CLA_ISO,
    CLA_PROPRIETARY,
    EXTENDED_MAX_LE,
    INS_READ_BINARY,
    INS_SELECT,
    INS_SIGN,
    INS_VERIFY,
    SHORT_MAX_LE,
    build_command,
    der_total_length,
    split_response,
)
from drivers.nfc.errors import (
    BadResponseError,
    CardError,
    NotMyNumberCardError,
    PinFormatError,
    PinLockedError,
    WrongPinError,
)
from drivers.nfc.transport import DEFAULT_APDU_TIMEOUT_S, ExchangeStats, TimedExchanger, Transport

SIGNATURE_LENGTH = 256


def _tries_from_sw(sw: int) -> int | None:
    """The tries left that a ``63 Cx`` status word reports, else None."""
    if sw & 0xFFF0 == jpki.SW_PIN_TRIES_BASE:
        return sw & 0x000F
    return None


class MyNumberCard:
    """The JPKI application of a connected My Number Card (user-authentication side only)."""

    def __init__(self, transport: Transport, timeout_s: float = DEFAULT_APDU_TIMEOUT_S) -> None:
        self._transport = transport
        self._exchanger = TimedExchanger(transport, timeout_s)
        self._selected_ef: bytes | None = None

    @property
    def atr(self) -> bytes:
        """The card's answer to reset (differs between card batches; not used for detection)."""
        return self._transport.atr

    @property
    def stats(self) -> ExchangeStats:
        """APDUs and bytes exchanged with this card so far."""
        return self._exchanger.stats

    def _command(self, apdu: bytes | bytearray, context: str) -> tuple[bytes, int]:
        """Exchange one APDU and split the answer; a short answer is a ``BadResponseError``."""
        raw = self._exchanger.exchange(apdu)
        try:
            return split_response(raw)
        except BadResponseError as exc:
            raise BadResponseError(f"{context}: {exc}") from None

    def _expect_ok(self, apdu: bytes | bytearray, context: str) -> bytes:
        """Exchange one APDU that must end in 90 00; return its data."""
        data, sw = self._command(apdu, context)
        if sw != jpki.SW_OK:
            raise CardError(sw, context)
        return data

    def detect(self) -> None:
        """SELECT the JPKI application and check the token; any other card is refused."""
        apdu = build_command(CLA_ISO, INS_SELECT, 0x04, 0x0C, jpki.JPKI_AID)
        _, sw = self._command(apdu, "select JPKI")
        if sw != jpki.SW_OK:
            raise NotMyNumberCardError(f"no JPKI application (status {sw:04X})")
        self._selected_ef = None
        try:
            self._select_ef(jpki.EF_TOKEN)
            token = self._read_exact(0, jpki.TOKEN_LENGTH, "read token")
        except CardError as exc:
            raise NotMyNumberCardError(f"no JPKI token (status {exc.sw:04X})") from None
        if not token.startswith(jpki.MY_NUMBER_CARD_TOKEN):
            raise NotMyNumberCardError("the JPKI token is not that of a My Number Card")

    def _select_ef(self, fid: bytes) -> None:
        """SELECT an elementary file of the JPKI application (skipped when already selected)."""
        if self._selected_ef == fid:
            return
        self._selected_ef = None
        self._expect_ok(build_command(CLA_ISO, INS_SELECT, 0x02, 0x0C, fid), f"select {fid.hex()}")
        self._selected_ef = fid

    def _read_at(self, offset: int, length: int, context: str) -> bytes:
        """One READ BINARY of up to ``length`` bytes; more than asked or nothing is refused."""
        extended = length > SHORT_MAX_LE
        apdu = build_command(
            CLA_ISO, INS_READ_BINARY, offset >> 8, offset & 0xFF, le=length, extended=extended
        )
        data = self._expect_ok(apdu, context)
        if not data or len(data) > length:
            raise BadResponseError(f"{context}: {len(data)} bytes for {length} asked")
        return data

    def _read_exact(self, offset: int, length: int, context: str) -> bytes:
        """Read ``length`` bytes from ``offset``, in as many READ BINARY as the reader needs."""
        chunk_limit = EXTENDED_MAX_LE if self._transport.extended_length else SHORT_MAX_LE
        out = bytearray()
        while len(out) < length:
            want = min(chunk_limit, length - len(out))
            out += self._read_at(offset + len(out), want, context)
        return bytes(out)

    def read_auth_certificate(self) -> bytes:
        """The user-authentication certificate (EF 000A) in DER; no PIN needed."""
        self._select_ef(jpki.EF_AUTH_CERT)
        first_length = EXTENDED_MAX_LE if self._transport.extended_length else SHORT_MAX_LE
        first = self._read_at(0, first_length, "read certificate")
        total = der_total_length(first)
        if len(first) >= total:
            return first[:total]
        return first + self._read_exact(len(first), total - len(first), "read certificate")

    def pin_tries_left(self) -> int:
        """Tries left on the auth PIN, without consuming one (0 = locked)."""
        self._select_ef(jpki.EF_AUTH_PIN)
        apdu = build_command(CLA_ISO, INS_VERIFY, 0x00, jpki.AUTH_PIN_REFERENCE)
        _, sw = self._command(apdu, "PIN tries")
        tries = _tries_from_sw(sw)
        if tries is not None:
            return tries
        if sw in jpki.PIN_LOCKED_SWS:
            return 0
        if sw == jpki.SW_OK:
            # Some cards answer 90 00 while the PIN is verified: the counter is then full.
            return jpki.AUTH_PIN_MAX_TRIES
        raise CardError(sw, "PIN tries")

    def sign_with_auth_key(self, pin: bytearray, digest: bytes) -> bytes:
        """VERIFY ``pin``, then sign the SHA-256 ``digest`` (PKCS#1 v1.5); ``pin`` ends zeroed."""
        verify = bytearray()
        try:
            if len(pin) != jpki.AUTH_PIN_LENGTH or not all(0x30 <= b <= 0x39 for b in pin):
                raise PinFormatError("the authentication PIN is 4 digits")
            if len(digest) != 32:
                raise ValueError("digest must be a 32-byte SHA-256 value")
            self._select_ef(jpki.EF_AUTH_PIN)
            verify = build_command(CLA_ISO, INS_VERIFY, 0x00, jpki.AUTH_PIN_REFERENCE, pin)
            _, sw = self._command(verify, "verify PIN")
        finally:
            pin[:] = bytes(len(pin))
            verify[:] = bytes(len(verify))
        self._check_verify(sw)
        self._select_ef(jpki.EF_AUTH_KEY)
        digest_info = jpki.SHA256_DIGEST_INFO_PREFIX + digest
        apdu = build_command(
            CLA_PROPRIETARY, INS_SIGN, 0x00, jpki.AUTH_PIN_REFERENCE, digest_info, SHORT_MAX_LE
        )
        signature = self._expect_ok(apdu, "sign")
        if len(signature) != SIGNATURE_LENGTH:
            raise BadResponseError(f"sign: {len(signature)}-byte signature")
        return signature

    @staticmethod
    def _check_verify(sw: int) -> None:
        """Turn the status word of a VERIFY with a PIN into success or a PIN error."""
        if sw == jpki.SW_OK:
            return
        tries = _tries_from_sw(sw)
        if sw in jpki.PIN_LOCKED_SWS:
            raise PinLockedError("the authentication PIN is locked")
        if tries is not None:
            raise WrongPinError(tries)
        raise CardError(sw, "verify PIN")

    def disconnect(self) -> None:
        """Release the card; the object is unusable afterwards."""
        self._transport.close()
