"""GET /api/v1/stats/suggestions/: the statistics page's figures for the dashboards a province
already runs (issue 19), with the same filters and the same numbers, each figure with the URL
of the page listing the items behind it.

Who reads them is the page's rule (suggestions.reports.statistics.access): the committee, the
secretariat and the supervising bodies every figure, a unit's head the unit's own parts."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.replica import reads_from_replica
from suggestions.reports.statistics import figures
from suggestions.reports.statistics.access import BY_LABELS, StatisticsForm, breakdown_of, filters_for
from suggestions.reports.statistics.figures import Row, Table


class StatisticsFigureSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named label, not Field.label
    value = serializers.IntegerField()
    list = serializers.URLField(help_text="the page listing the items behind the figure")


def figure() -> serializers.Serializer:
    # A field is bound to one parent: each use gets its own.
    return StatisticsFigureSerializer()


ROW = inline_serializer(
    "StatisticsRow",
    {
        "key": serializers.CharField(
            allow_null=True, help_text="the area, unit, unit kind, delegation or year"
        ),
        "label": serializers.CharField(),
        "figures": serializers.DictField(child=figure()),
    },
)
STATISTICS_RESPONSE = inline_serializer(
    "SuggestionStatistics",
    {
        "filters": serializers.DictField(help_text="the filters applied (a unit head's own unit imposed)"),
        "totals": serializers.DictField(
            child=serializers.DictField(child=figure()),
            help_text="per level (suggestions, handling, commitments), each figure by name",
        ),
        "by": serializers.ChoiceField(choices=list(BY_LABELS)),
        "breakdowns": serializers.DictField(
            child=serializers.ListField(child=ROW), help_text="per level, a row per group"
        ),
    },
)


def _filter(name: str, kind: type, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, required=False, description=description)


PARAMETERS = [
    _filter("year", int, "filed in this calendar year (Beijing time)"),
    _filter("session", int, "filed at this session (id)"),
    _filter("area", int, "subject area (id)"),
    _filter("unit", int, "a handling unit had a part in it (id); a unit head always gets their own"),
    _filter("unit_kind", str, "government, court, procuratorate or other_unit"),
    _filter("delegation", int, "the lead deputy's delegation (id)"),
    _filter("congress", int, "the congress term (id); the trend runs over its years"),
    OpenApiParameter("by", str, enum=list(BY_LABELS), description="the breakdown (default area)"),
]


class SuggestionStatisticsView(APIView):
    """The figures of suggestions: filed and what became of them (suggestions), the units'
    parts (handling), the commitments of category-B replies (commitments); the totals and one
    breakdown. A closed-but-unsolved suggestion is category C, and an unkept commitment unkept."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=PARAMETERS, responses=STATISTICS_RESPONSE)
    def get(self, request: Request) -> Response:
        form = StatisticsForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors.get_json_data())
        filters = filters_for(request.user, form.cleaned_data)
        by = breakdown_of(form.cleaned_data)
        with reads_from_replica():
            stats = figures.statistics(filters, timezone.localdate(), dimensions=(by,))

        def row(r: Row) -> dict[str, Any]:
            return {
                name: {"label": f.label, "value": f.value, "list": request.build_absolute_uri(f.url)}
                for name, f in ((f.name, f) for f in r.figures)
            }

        def group(t: Table) -> list[dict[str, Any]]:
            return [
                {"key": None if r.key is None else str(r.key), "label": r.label, "figures": row(r)}
                for r in t.rows
            ]

        return Response(
            {
                "filters": filters.query(),
                "totals": {t.level: row(t.rows[0]) for t in stats.totals},
                "by": by,
                "breakdowns": {t.level: group(t) for t in stats.breakdowns},
            }
        )
