"""The API's filter backend: django-filter, with the portal's checked numbers and keys."""

from django_filters.rest_framework import DjangoFilterBackend

from congress.lists import PortalFilterSet


class FilterBackend(DjangoFilterBackend):
    # Filter sets built from `filterset_fields` get the same checks as the declared ones.
    filterset_base = PortalFilterSet
