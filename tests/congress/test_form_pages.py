"""Form pages as in a design system: each hint and error an input points to exists on the page."""

import re

import pytest
from django import forms
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from congress.models import User
from tests.crawl import crawl

pytestmark = pytest.mark.django_db

ROLES_TO_WALK = ["staff1", "sec1", "review1", "super1", "unit1", "unit1head", "deputy1", "dele1", "station1"]


def test_every_aria_describedby_on_every_page_points_to_an_element_that_exists():
    call_command("seed_demo", password="demo-pass-1")
    dangling: list[str] = []
    pages_with_forms = 0
    for username in ROLES_TO_WALK:
        client = Client(headers={"accept-language": "en"})
        client.force_login(User.objects.get(username=username))
        for url, page in crawl(client, per_shape=1, limit=120):
            pages_with_forms += bool(page.described_by)
            dangling += [
                f"{username} {url} {el} → #{ref}" for el, ref in page.described_by if ref not in page.ids
            ]
    assert dangling == [], "\n".join(dangling)
    assert pages_with_forms > 10  # the walk reached the form pages


class _Sample(forms.Form):
    title = forms.CharField(help_text="One matter per suggestion.")
    due = forms.DateField(required=False)
    unit = forms.ChoiceField(choices=[("", "---------"), ("edu", "Education")])
    areas = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, help_text="Tick one or more."
    )


def _render(form: forms.Form) -> str:
    with translation.override("en"):
        return render_to_string("includes/form_errors.html", {"form": form}) + "".join(
            render_to_string("includes/field.html", {"field": f}) for f in form
        )


def test_a_refused_form_lists_each_error_at_the_top_linked_to_its_field_and_described_by_ids_that_exist():
    html = _render(_Sample(data={}))
    from tests.crawl import Page

    page = Page()
    page.feed(html)
    assert page.described_by and all(ref in page.ids for _, ref in page.described_by)
    assert {"id_title_helptext", "id_title_error", "id_unit_error", "id_areas_helptext"} <= page.ids
    assert '<a href="#id_title">' in html and '<a href="#id_areas">' in html
    assert "There is a problem" in html


def test_the_hint_sits_between_the_label_and_the_input():
    html = _render(_Sample())
    assert html.index("<label") < html.index('id="id_title_helptext"') < html.index('name="title"')


def test_a_date_field_states_the_format_it_takes():
    html = _render(_Sample())
    assert re.search(r'<label for="id_due">[^<]*<span class="muted small">\(YYYY-MM-DD\)</span>', html)


def test_an_empty_select_choice_is_a_prompt_not_dashes():
    html = _render(_Sample())
    assert "---------" not in html
    assert '<option value="" selected>Choose…</option>' in html
