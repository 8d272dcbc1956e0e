"""What every part of the deputies' API shares: who acts, and a body read by its serializer."""

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


class StepReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
