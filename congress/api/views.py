import django_filters
from csp.decorators import csp_update
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.api.serializers import MeSerializer, SessionSerializer, UnitSerializer
from congress.lists import PortalFilterSet
from congress.models import Organisation, Session


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)


class SessionFilter(PortalFilterSet):
    congress = django_filters.NumberFilter(field_name="congress__number")

    class Meta:
        model = Session
        fields = ["congress"]


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Session.objects.select_related("congress")
    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ["opens", "number"]


class UnitFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=[(k.value, k.label) for k in Organisation.HANDLING_KINDS])
    q = django_filters.CharFilter(method="search", label="q")

    class Meta:
        model = Organisation
        fields = ["kind", "is_active"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Handling units (承办单位)."""

    queryset = Organisation.objects.filter(kind__in=Organisation.HANDLING_KINDS)
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    ordering_fields = ["name", "sort_order"]


# The split view serves its setup script from a URL, so the docs work under the portal's CSP.
_docs = SpectacularSwaggerSplitView.as_view(url_name="api-schema")


# Swagger UI sets inline styles as it draws; scripts stay the portal's own (no inline script).
@csp_update({"style-src": ["'unsafe-inline'"]})
def api_docs(request: HttpRequest) -> HttpResponse:
    """The browsable docs (WORKFLOWS.md §7). Only read: another method (OPTIONS) has no page
    to describe and is answered 405 in the API's shape rather than failing on a template."""
    if request.method not in ("GET", "HEAD"):
        return JsonResponse(
            {"code": "method_not_allowed", "detail": _("This page can only be read.")},
            status=405,
            headers={"Allow": "GET, HEAD"},
        )
    return _docs(request)
