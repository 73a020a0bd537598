"""Touch widgets: buttons and labels with stable objectNames, a digit keypad, a kana keyboard."""

from __future__ import annotations

import random
import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget


def make_label(name: str, alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    """A label with a stable objectName that wraps long text."""
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(alignment)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def make_button(name: str, role: str = "") -> QPushButton:
    """A touch button with a stable objectName and a style role (see kiosk.qss)."""
    button = QPushButton()
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        button.setProperty("role", role)
    return button


#: The keypad's usual digit order: 1–9 on the grid, 0 below 8.
DIGIT_ORDER = "1234567890"
_RANDOM = random.SystemRandom()


class Keypad(QWidget):
    """The kiosk's own digit keypad (never a text field): 0–9, correction, clear, optional "-"."""

    #: A key was pressed, with its character.
    key_pressed = Signal(str)
    #: The correction key.
    backspace_pressed = Signal()
    #: The clear key.
    clear_pressed = Signal()

    def __init__(self, hyphen: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        grid = QGridLayout(self)
        grid.setSpacing(10)
        self._grid = grid
        self.order = DIGIT_ORDER
        self.keys: dict[str, QPushButton] = {}
        for digit in DIGIT_ORDER:
            self._key(digit, f"key_{digit}")
        self.arrange(DIGIT_ORDER)
        self.clear_key = make_button("key_clear", "keypad")
        self.clear_key.clicked.connect(self.clear_pressed)
        grid.addWidget(self.clear_key, 3, 0)
        self.backspace_key = make_button("key_back", "keypad")
        self.backspace_key.setText("⌫")
        self.backspace_key.clicked.connect(self.backspace_pressed)
        grid.addWidget(self.backspace_key, 3, 2)
        if hyphen:
            grid.addWidget(self._key("-", "key_hyphen"), 4, 1)
        self.retranslate()

    def arrange(self, order: str) -> None:
        """Put the digit keys in ``order`` (a permutation of ``DIGIT_ORDER``): the first nine
        on the 3×3 grid, the last where 0 usually is. Each key keeps its digit and its name."""
        if sorted(order) != sorted(DIGIT_ORDER):
            raise ValueError(f"not an order of the ten digits: {order!r}")
        for digit in order:
            self._grid.removeWidget(self.keys[digit])
        for slot, digit in enumerate(order):
            row, column = (slot // 3, slot % 3) if slot < 9 else (3, 1)
            self._grid.addWidget(self.keys[digit], row, column)
        self.order = order

    def shuffle(self) -> str:
        """Put the digits in a new random order (from the OS's random source); returns it."""
        digits = list(DIGIT_ORDER)
        _RANDOM.shuffle(digits)
        self.arrange("".join(digits))
        return self.order

    def _key(self, char: str, name: str) -> QPushButton:
        button = make_button(name, "keypad")
        button.setText(char)
        button.clicked.connect(lambda _checked=False, c=char: self.key_pressed.emit(c))
        self.keys[char] = button
        return button

    def retranslate(self) -> None:
        """Apply the texts of the current language."""
        self.clear_key.setText(self.tr("Clear"))


#: The 50音 table (katakana, as readings are written), row by row.
KANA_ROWS = (
    "アイウエオ",
    "カキクケコ",
    "サシスセソ",
    "タチツテト",
    "ナニヌネノ",
    "ハヒフヘホ",
    "マミムメモ",
    "ヤ　ユ　ヨ",
    "ラリルレロ",
    "ワ　ヲ　ン",
)
_SMALL = dict(zip("アイウエオツヤユヨワ", "ァィゥェォッャュョヮ", strict=True))
DAKUTEN, HANDAKUTEN, SMALL, LONG_VOWEL, SPACE = "゛", "゜", "小", "ー", "　"


def modified(last: str, key: str) -> str | None:
    """``last`` with a dakuten, handakuten or small form applied, or None if it has none."""
    if key == SMALL:
        if last in _SMALL:
            return _SMALL[last]
        reverse = {v: k for k, v in _SMALL.items()}
        return reverse.get(last)
    mark = {DAKUTEN: "\u3099", HANDAKUTEN: "\u309a"}[key]
    base = unicodedata.normalize("NFD", last)[:1]
    combined = unicodedata.normalize("NFC", base + mark)
    return combined if len(combined) == 1 and combined != last else None


class KanaKeyboard(QWidget):
    """An on-screen 50音 keyboard (columns あ→わ from right to left, as on Japanese kiosks)."""

    #: A kana (or space / long vowel mark) was typed.
    key_pressed = Signal(str)
    #: ゛, ゜ or 小 was pressed: change the last character.
    modifier_pressed = Signal(str)
    #: The correction key.
    backspace_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kanaKeyboard")
        grid = QGridLayout(self)
        grid.setSpacing(4)
        columns = len(KANA_ROWS)
        for column, row in enumerate(KANA_ROWS):
            for line, char in enumerate(row):
                if char == "　":
                    continue
                button = make_button(f"kana_{ord(char):04X}", "kana")
                button.setText(char)
                button.clicked.connect(lambda _checked=False, c=char: self.key_pressed.emit(c))
                grid.addWidget(button, line, columns - column)
        for line, (char, name) in enumerate(
            ((DAKUTEN, "kana_dakuten"), (HANDAKUTEN, "kana_handakuten"), (SMALL, "kana_small"))
        ):
            button = make_button(name, "kana")
            button.setText(char)
            button.clicked.connect(lambda _checked=False, c=char: self.modifier_pressed.emit(c))
            grid.addWidget(button, line, 0)
        for line, (char, name) in enumerate(((LONG_VOWEL, "kana_long"), (SPACE, "kana_space"))):
            button = make_button(name, "kana")
            button.setText(char if char != SPACE else "␣")
            button.clicked.connect(lambda _checked=False, c=char: self.key_pressed.emit(c))
            grid.addWidget(button, 3 + line, 0)
        back = make_button("kana_back", "kana")
        back.setText("⌫")
        back.clicked.connect(self.backspace_pressed)
        grid.addWidget(back, 1, 1)  # the empty slot under ワ
