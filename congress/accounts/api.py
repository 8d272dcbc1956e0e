"""Tokens over the API: issue (POST auth/token/), list and revoke one's own, log out everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.accounts.throttle import lockout_message
from congress.accounts.tokens import logout_everywhere, token_issue, token_revoke, tokens_of
from congress.accounts.two_factor import check_code, device_of
from congress.errors import DomainError
from congress.models import ApiToken, User


class TokenScheme(OpenApiAuthenticationExtension):
    """Describes congress.accounts.tokens.TokenAuthentication in the OpenAPI schema."""

    target_class = "congress.accounts.tokens.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token authentication: "Authorization: Token <key>" (POST /api/v1/auth/token/).',
        }


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    otp = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        help_text="The authenticator code, when the second factor is on.",
    )


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created", "expires", "last_used"]


class ObtainTokenView(APIView):
    """A new token for a username and password (WORKFLOWS.md §7). Repeated failures for one
    account from one address are refused for a cool-off with 429 `too_many_attempts`."""

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "IssuedToken", {"token": serializers.CharField(), "expires": serializers.DateTimeField()}
            )
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # The throttle (django-axes) counts the attempt on the underlying request.
        http_request = request._request
        user = authenticate(http_request, username=data["username"], password=data["password"])
        if getattr(http_request, "axes_locked_out", False):
            raise DomainError("too_many_attempts", lockout_message(), status=429)
        if user is None:
            raise DomainError("invalid", _("Wrong username or password."), status=400)
        device = device_of(user)
        if device is not None:
            if not data["otp"]:
                raise DomainError(
                    "otp_required",
                    _("This account signs in with a code from its authenticator app: send it as otp."),
                    status=400,
                )
            check_code(user, device, data["otp"])
        token, key = token_issue(user=user, name=data["name"] or _("API client"))
        return Response({"token": key, "expires": token.expires})


class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own tokens that still work; DELETE revokes one."""

    serializer_class = TokenSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return ApiToken.objects.none()
        return tokens_of(self.request.user)  # type: ignore[arg-type]

    def perform_destroy(self, instance: ApiToken) -> None:
        token_revoke(token=instance, actor=self.request.user)  # type: ignore[arg-type]


class LogoutEverywhereView(APIView):
    """End every session and token of the signed-in user, this one included."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        logout_everywhere(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
