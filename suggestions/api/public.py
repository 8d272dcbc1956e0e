"""GET /api/v1/public/replies/ (and /<id>/): the published replies, no sign-in (S§33,
WORKFLOWS.md §7). The same rules as the public page: never a draft, never a withheld reply,
never a deputy's contact data; a signed-in client sees exactly what the public sees."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import permissions, serializers, viewsets

from suggestions.models import Reply
from suggestions.reports.disclosure import published_replies
from suggestions.reports.filters import PublicReplyFilter


class PublicReplySerializer(serializers.ModelSerializer):
    suggestion_number = serializers.IntegerField(source="assignment.suggestion.number")
    suggestion_number_label = serializers.CharField(source="assignment.suggestion.number_label")
    suggestion_title = serializers.CharField(source="assignment.suggestion.title")
    session = serializers.SerializerMethodField()
    unit = serializers.IntegerField(source="assignment.unit_id")
    unit_name = serializers.CharField(source="assignment.unit.name")
    category_label = serializers.CharField(source="get_category_display")
    replied_on = serializers.SerializerMethodField()

    class Meta:
        model = Reply
        fields = [
            "id", "suggestion_number", "suggestion_number_label", "suggestion_title", "session", "unit",
            "unit_name", "category", "category_label", "round", "body", "plan", "path", "completion_date",
            "replied_on",
        ]  # fmt: skip

    def get_session(self, reply: Reply) -> str | None:
        suggestion = reply.assignment.suggestion
        return suggestion.session.name if suggestion.session else None

    def get_replied_on(self, reply: Reply) -> dt.date | None:
        """The day the unit's head signed it off, in Beijing."""
        return timezone.localdate(reply.approved_at) if reply.approved_at else None


class PublicReplyViewSet(viewsets.ReadOnlyModelViewSet):
    """Published replies: `q` searches the title, the reply and the unit's name; filter by
    `year`, `unit` and `category`. Newest first (best title match first when searching)."""

    serializer_class = PublicReplySerializer
    filterset_class = PublicReplyFilter
    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []
    ordering_fields = ["approved_at"]

    def get_queryset(self) -> QuerySet[Reply]:
        return published_replies()
