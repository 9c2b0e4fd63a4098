"""What the endpoints of every app share: the page size limits and eagerly resolved annotations."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, TypeVar

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0)


def typed(**annotations: Any) -> Callable[[ViewT], ViewT]:
    """Resolve a view's annotations now, in its own module, with ``annotations`` overriding them.

    Under ``from __future__ import annotations`` annotations are strings, and Ninja evaluates them
    in the globals of the function it is handed: for a paginated view that is the pagination
    wrapper's module, and a schema made inside a loop exists in no module at all.
    """

    def decorator(view: ViewT) -> ViewT:
        view.__annotations__ = {**typing.get_type_hints(view, include_extras=True), **annotations}
        return view

    return decorator
