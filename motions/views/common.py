"""What the motion pages share: the acting user, a motion looked up through the one
visibility rule, the session a page is about, the form check every posted action makes, and
file downloads."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from congress.errors import DomainError
from congress.models import Session, User
from congress.selectors import current_session
from motions.models import Motion, RecessReport
from motions.selectors import motions_visible_to


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def visible_motion(request: HttpRequest, pk: int) -> Motion:
    """The motion, if this user may see it; otherwise a 404 (never a leak)."""
    return get_object_or_404(
        motions_visible_to(request.user).select_related(
            "session__congress",
            "lead_deputy__delegation",
            "delegation",
            "subject_body",
            "review_body",
            "responsible_person",
        ),
        pk=pk,
    )


def session_asked(request: HttpRequest) -> Session | None:
    """The session a page is asked about (?session=, or a form's), else the current one; a
    malformed or unknown one is not found, never a server error."""
    pk = request.GET.get("session") or request.POST.get("session")
    if not pk:
        return current_session()
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(Session.objects.select_related("congress"), pk=pk)


def valid(form: forms.Form) -> dict[str, Any]:
    """The form's data, or a refusal that lists what is wrong; the page is shown again with the
    form as typed (congress.pages.refusals)."""
    if not form.is_valid():
        problems = "；".join(
            f"{form.fields[f].label if f in form.fields else ''} {' '.join(str(m) for m in e)}".strip()
            for f, e in form.errors.items()
        )
        raise DomainError("invalid", problems, status=400)
    return form.cleaned_data


def report_file_name(motion: Motion, report: RecessReport) -> str:
    """'0016号议案审议结果报告.pdf'."""
    name = report.file.name or ""
    suffix = name[name.rfind(".") :] if "." in name else ""
    return f"{motion.number_text}号议案审议结果报告{suffix}"
