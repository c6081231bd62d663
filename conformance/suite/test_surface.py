"""The documented surface: every member on the API page, with its documented signature."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.binding import BINDING_NAMES
from conformance.signatures import check_member, iter_members
from conformance.suite.support import FLAGS

MEMBERS = list(iter_members())


@pytest.mark.clause("SURF-01")
@pytest.mark.parametrize("name", BINDING_NAMES)
def test_binding_exposes_the_name(impl: Any, name: str) -> None:
    # Reads the binding's list of missing names instead of asking for the
    # name: asking would make this test "not run" on a partial binding.
    assert name not in impl.missing, (
        f"the binding does not expose {name}; tests needing it are not run"
    )


@pytest.mark.clause("SURF-01")
@pytest.mark.parametrize(
    ("owner", "member", "spec"),
    MEMBERS,
    ids=[f"{owner}.{member}" if member else owner for owner, member, _ in MEMBERS],
)
def test_documented_member_has_documented_signature(
    impl: Any, owner: str, member: str, spec: dict[str, Any]
) -> None:
    if member:
        problems = check_member(getattr(impl, owner), member, spec)
    else:
        problems = check_member(impl, owner, spec)
    assert not problems, "\n".join(problems)


@pytest.mark.clause("SURF-02")
@pytest.mark.parametrize("handler_class", ["BaseCallbackHandler", "AsyncCallbackHandler"])
def test_handler_flags_default_to_false(impl: Any, handler_class: str) -> None:
    handler = getattr(impl, handler_class)()
    observed = {flag: getattr(handler, flag) for flag in ["raise_error", "run_inline", *FLAGS]}
    assert observed == dict.fromkeys(observed, False)


@pytest.mark.clause("SURF-03")
def test_async_handler_is_a_base_handler(impl: Any) -> None:
    assert issubclass(impl.AsyncCallbackHandler, impl.BaseCallbackHandler)
    assert issubclass(impl.UsageMetadataCallbackHandler, impl.BaseCallbackHandler)


@pytest.mark.clause("ASYNC-01")
def test_is_async_tells_the_manager_kind(impl: Any) -> None:
    assert impl.CallbackManager(handlers=[]).is_async is False
    assert impl.AsyncCallbackManager(handlers=[]).is_async is True


@pytest.mark.clause("SURF-03")
def test_managers_share_the_base_manager(impl: Any) -> None:
    assert issubclass(impl.CallbackManager, impl.BaseCallbackManager)
    assert issubclass(impl.AsyncCallbackManager, impl.BaseCallbackManager)
