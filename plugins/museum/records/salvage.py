"""What can still be checked of a record that failed validation.

A record with one wrong field used to be dropped whole: its other problems stayed hidden (an image whose
file is missing, behind an image without alt text), and every record naming it was told "there is no
such record". The salvaged record holds the fields that are valid on their own (for a list of images,
each image's ``src`` even when the image lacks something else), and the catalogue checks those: its
references, vocabulary values and image files. It is never published: its problems stop the build.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from museum.records.models import Image, Record


@cache
def _adapter(model: type[Record], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


def _is_images(annotation: Any) -> bool:
    """Whether a field holds a list of images."""
    while get_origin(annotation) in (Union, Annotated):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    return get_origin(annotation) is list and get_args(annotation)[0] is Image


def salvage(model: type[Record], data: dict, error: ValidationError) -> Record:
    bad: dict[str, set[int] | None] = {}  # field -> the indexes of its bad items (None: the field itself)
    for item in error.errors(include_url=False):
        loc = item["loc"]
        if not loc or not isinstance(loc[0], str):
            continue
        if len(loc) > 1 and isinstance(loc[1], int) and bad.get(loc[0], set()) is not None:
            bad.setdefault(loc[0], set()).add(loc[1])
        else:
            bad[loc[0]] = None
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        raw = data.get(name)
        if raw is None:
            continue
        try:
            if name not in bad:
                values[name] = _adapter(model, name).validate_python(raw)
            elif bad[name] and isinstance(raw, list) and _is_images(info.annotation):
                values[name] = [_image(item) if i in bad[name] else Image.model_validate(item)
                                for i, item in enumerate(raw)]
        except (ValidationError, _NoSource):
            values.pop(name, None)
    for name, info in model.model_fields.items():
        if name not in values and info.is_required():  # (missing or wrong: the later checks skip it)
            values[name] = [] if get_origin(info.annotation) is list else None
    return model.model_construct(**values)


class _NoSource(Exception):
    pass


def _image(item: Any) -> Image:
    """An image that lacks something: its ``src``, for the check that the file exists."""
    if not isinstance(item, dict) or not isinstance(item.get("src"), str) or not item["src"]:
        raise _NoSource
    return Image.model_construct(src=item["src"])
