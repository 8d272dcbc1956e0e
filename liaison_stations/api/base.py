"""What every part of the stations' API shares: who acts, a body read by its serializer, a
reason, and the `actions` a detail carries (congress.workflow.available_actions)."""

from __future__ import annotations

from typing import Any, cast

from rest_framework import serializers
from rest_framework.request import Request

from congress.models import User


def actor(request: Any) -> User:
    """The signed-in user (the API's permissions ensure there is one)."""
    return cast(User, request.user)


def valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StationReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
