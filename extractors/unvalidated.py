"""Pydantic models built from values that already hold their fields' types, without validation.

The layout builder and the span maker create models by the hundred per document from values they
made themselves; validating them again was a large part of the cost. `construct` sets the slots every
pydantic model has through their descriptors (three times cheaper than setattr, and cheaper than
`model_construct`). Values must be every field, in the order the model declares them, of its type:
callers check what they cannot vouch for and validate instead.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

_M = TypeVar("_M", bound=BaseModel)

# The steps of `construct`, for a loop that makes models by the thousand (one call less a model).
new_model = object.__new__
set_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def construct(cls: type[_M], values: dict[str, object], fields_set: set[str]) -> _M:
    """`cls` holding `values`, not validated. `fields_set` is kept as given: a set shared by many
    models is safe only when it names every field (assigning a field then adds nothing to it)."""
    model = new_model(cls)
    set_dict(model, values)
    set_fields_set(model, fields_set)
    set_extra(model, None)
    set_private(model, None)
    return model


def replaced(model: _M, **changes: object) -> _M:
    """`model.model_copy(update=changes)` at a third of the cost, for a model with no private or extra
    attributes: a shallow copy holding `changes` (not validated, as model_copy does not validate),
    which counts them among the fields set."""
    return construct(type(model), {**model.__dict__, **changes}, model.__pydantic_fields_set__ | changes.keys())
