"""How every page answers a refusal: one decorator, the same for every app's views.

A service refuses with a DomainError (congress.errors). On a page that means:
- 403: the forbidden page; 404: not found (nothing about the record leaks);
- any other refusal: the page is shown again in place, the form as the user typed it and
  the rule's message at the top, with the refusal's status (409, 400), so nothing already
  typed is lost and a client or a test sees the refusal for what it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from congress.errors import DomainError

View = TypeVar("View", bound=Callable[..., HttpResponse])


def refusals(view: View | None = None, *, show: Callable[..., HttpResponse] | None = None) -> Any:
    """Decorate a page view: a DomainError escaping it is answered as described above.

    The page shown again is the view itself, run as a GET with the POST data still bound
    (views build their forms from `request.POST or None` and act only on a POST), or
    `show`, the page a button posts from, for views that only take a POST.
    """

    def decorate(function: View) -> View:
        @wraps(function)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return function(request, *args, **kwargs)
            except DomainError as error:
                if error.status == 403:
                    raise PermissionDenied(str(error.detail)) from error
                if error.status == 404:
                    raise Http404(str(error.detail)) from error
                if request.method != "POST":
                    raise
                return shown_again(request, error, show or function, *args, **kwargs)

        return cast(View, wrapper)

    return decorate(view) if view is not None else decorate


def shown_again(
    request: HttpRequest, error: DomainError, page: Callable[..., HttpResponse], *args: Any, **kwargs: Any
) -> HttpResponse:
    messages.error(request, str(error.detail))
    request.POST  # noqa: B018 - read while still a POST, so the form stays bound as typed
    # The service's transaction rolled back; as a GET the page only renders, it acts on nothing.
    request.method = "GET"
    # A page may put the refusal beside its form.
    request.refusal = error  # type: ignore[attr-defined]
    response = page(request, *args, **kwargs)
    if not response.has_header("Location"):
        response.status_code = error.status
    return response
