"""Fuzzing the API with hypothesis: arbitrary bodies and headers get a 4xx and store nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.center.https_link import client_ssl_context
from tests.support.server import KIOSKS, Center

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_certificate_types = st.sampled_from(["juminhyo", "inkan", "koseki_zenbu", "x", ""])
_issue_bodies = st.fixed_dictionaries(
    {
        "items": st.lists(
            st.fixed_dictionaries(
                {"certificate_type": _certificate_types},
                optional={"options": _json, "copies": st.integers(-5, 50)},
            ),
            max_size=7,
        )
    }
)
_session_bodies = st.fixed_dictionaries(
    {},
    optional={
        "challenge_id": st.text(max_size=80),
        "certificate_der": st.text(max_size=200),
        "signature": st.text(max_size=200),
    },
)


@pytest.fixture(scope="module")
def client(center: Center) -> Iterator[httpx.Client]:
    """A kiosk's raw HTTPS client (mutual TLS) to the running center."""
    cert, key = center.tls.kiosk(KIOSKS[0])
    context = client_ssl_context(cert, key, center.tls.ca)
    with httpx.Client(base_url=center.url, verify=context, timeout=20) as raw:
        yield raw


_JSON = {"Content-Type": "application/json"}


def _check(response: Any) -> None:
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["reason_code"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=_session_bodies | _json)
def test_session_requests(client: httpx.Client, center: Center, body: Any) -> None:
    _check(client.post("/v1/sessions", content=json.dumps(body), headers=_JSON))
    assert center.service.store.issuance_count() == 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=_issue_bodies | _json,
    key=st.text(max_size=80),
    token=st.text(
        alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60
    ),
)
def test_issue_requests(
    client: httpx.Client, center: Center, body: Any, key: str, token: str
) -> None:
    headers = {**_JSON, "Authorization": f"Bearer {token}"}
    if key.isascii() and key.isprintable() and key.strip() == key:
        headers["Idempotency-Key"] = key
    _check(client.post("/v1/issuances", content=json.dumps(body), headers=headers))
    assert center.service.store.issuance_count() == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    number=st.text(
        alphabet=st.characters(min_codepoint=48, max_codepoint=122), min_size=1, max_size=30
    )
)
def test_status_lookups_never_fail(client: httpx.Client, number: str) -> None:
    response = client.get(f"/v1/registrations/{quote(number, safe='')}")
    if re.fullmatch(r"[0-9]{1,12}", number):
        assert response.status_code == 200
    else:  # not a 申請番号: refused before any lookup
        assert response.status_code in (404, 422)
    if response.status_code == 200:
        assert set(response.json()) == {"number", "state", "submitted_on", "decided_on"}


_registration_bodies = st.fixed_dictionaries(
    {},
    optional={
        "honseki": st.text(max_size=300),
        "hittosha": st.text(max_size=120),
        "hittosha_kana": st.text(max_size=120),
        "phone": st.text(max_size=20),
        "birth_date": st.dates().map(str) | st.text(max_size=12),
        "card_expiry": st.dates().map(str) | st.text(max_size=12),
        "card_security_code": st.text(max_size=6),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=_registration_bodies | _json)
def test_registration_requests(client: httpx.Client, center: Center, body: Any) -> None:
    headers = {**_JSON, "Authorization": "Bearer not-a-session"}
    _check(client.post("/v1/registrations", content=json.dumps(body), headers=headers))
    assert center.service.store.registrations() == []
