"""One mapping of refusals for every page (congress.pages.refusals)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory

from congress.errors import DomainError
from congress.pages import refusals


class NoteForm(forms.Form):
    text = forms.CharField()


calls: list[str] = []


@refusals
def form_page(request: HttpRequest) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        calls.append(form.cleaned_data["text"])
        raise DomainError("too_late", "The window closed on 2026-01-05 (S§20).")
    return HttpResponse(f"form:{form['text'].value() or ''}")


def detail(request: HttpRequest) -> HttpResponse:
    return HttpResponse("detail")


@refusals(show=detail)
def button(request: HttpRequest) -> HttpResponse:
    raise DomainError("invalid_transition", "Already submitted.")


@refusals
def forbidden(request: HttpRequest) -> HttpResponse:
    raise DomainError("permission_denied", status=403)


@refusals
def gone(request: HttpRequest) -> HttpResponse:
    raise DomainError("not_found", status=404)


def post(data: dict[str, str] | None = None) -> HttpRequest:
    request = RequestFactory().post("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_refused_form_is_shown_again_as_typed_with_the_message_and_the_refusals_status():
    calls.clear()
    request = post({"text": "typed by the user"})
    response = form_page(request)
    assert response.status_code == 409
    assert response.content == b"form:typed by the user"
    assert calls == ["typed by the user"]  # the service ran once, not again on the re-render
    assert [str(m) for m in get_messages(request)] == ["The window closed on 2026-01-05 (S§20)."]


def test_a_refused_button_shows_the_page_it_belongs_to():
    request = post()
    response = button(request)
    assert (response.status_code, response.content) == (409, b"detail")
    assert [str(m) for m in get_messages(request)] == ["Already submitted."]


def test_a_refusal_for_the_person_is_forbidden_and_for_the_record_not_found():
    with pytest.raises(PermissionDenied):
        forbidden(post())
    with pytest.raises(Http404):
        gone(post())
