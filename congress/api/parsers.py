"""JSON as the API reads it: numbers must be finite.

Python reads 1e400 as infinity and NaN as a float; a serializer then fails deep inside with
an OverflowError (a 500). Refused here, with the API's 400 answer, for every endpoint.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ParseError(f"JSON parse error - the number {text[:20]} is too large")
    return value


def _no_constants(text: str) -> float:
    raise ParseError(f"JSON parse error - {text} is not a number")


class FiniteJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(
                stream.read().decode(encoding), parse_float=_finite, parse_constant=_no_constants
            )
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
