"""Fuzzing the configuration loader: any input is a Config or one ConfigError line, nothing else."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from issuance_contract.toml_schema import ConfigError
from kiosk_app.config import Config, demo_config_text, parse_config

_DEMO_LINES = demo_config_text().splitlines()

toml_scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
    st.sampled_from(["1.5", "nan", "inf", "1979-05-27", "07:32:00", "[]", "{}", "[1, 2]"]),
)


def _outcome(text: str) -> Config | str:
    try:
        return parse_config(text, "fuzz.toml")
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith("fuzz.toml: ")
        assert "\n" not in message
        return message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    _outcome(text)


@settings(max_examples=300, deadline=None)
@given(
    line=st.integers(min_value=0, max_value=len(_DEMO_LINES) - 1),
    value=toml_scalars,
)
def test_one_value_replaced_in_the_demo_config(line: int, value: str) -> None:
    lines = list(_DEMO_LINES)
    if "=" not in lines[line] or lines[line].lstrip().startswith("#"):
        lines.insert(line, f"extra_key = {value}")
    else:
        key = lines[line].split("=", 1)[0]
        lines[line] = f"{key}= {value}"
    text = "\n".join(lines)
    result = _outcome(text)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert isinstance(result, str)
        assert "not valid TOML" in result


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_lines_dropped_from_the_demo_config(data: st.DataObject) -> None:
    dropped = data.draw(st.sets(st.integers(min_value=0, max_value=len(_DEMO_LINES) - 1)))
    text = "\n".join(line for i, line in enumerate(_DEMO_LINES) if i not in dropped)
    result = _outcome(text)
    if isinstance(result, Config):
        assert set(result.certificates) == set(parse_config(demo_config_text(), "d").certificates)
