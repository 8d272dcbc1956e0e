"""CheckboxList (congress/widgets.py): the boxes Django's CheckboxSelectMultiple gives through the
portal's field include, written in one pass."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.roles import Role
from congress.widgets import CheckboxList, OptionChoice, OptionList
from suggestions.models import SubjectArea
from tests.crawl import Page
from tests.suggestions.follow_up import at, make_assignment, make_suggestion

CHOICES = [("1", "甲"), ("2", "<b>乙</b> & 丙"), ("3", '"丁"')]


class Lean(forms.Form):
    areas = forms.MultipleChoiceField(choices=CHOICES, widget=CheckboxList, help_text="Tick one or more.")
    note = forms.CharField()


class Stock(forms.Form):
    areas = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Tick one or more."
    )
    note = forms.CharField()


def _render(form: forms.Form) -> str:
    with translation.override("en"):
        return "".join(render_to_string("includes/field.html", {"field": f}) for f in form)


def _parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.mark.parametrize(
    "data", [None, {"note": "x"}, {"areas": ["2"]}, {"areas": ["1", "3"], "note": ""}, {"areas": ["9"]}]
)
def test_the_lean_boxes_are_the_markup_django_writes_through_the_field_include(data):
    lean, stock = _render(Lean(data)), _render(Stock(data))
    assert " ".join(lean.split()) == " ".join(stock.split())


def test_a_refused_submit_keeps_the_ticked_boxes_ticked():
    form = Lean({"areas": ["1", "3"]})
    assert not form.is_valid()  # the note is missing
    html = _render(form)
    assert '<input type="checkbox" name="areas" value="1" id="id_areas_0" checked>' in html
    assert '<input type="checkbox" name="areas" value="2" id="id_areas_1">' in html
    assert '<input type="checkbox" name="areas" value="3" id="id_areas_2" checked>' in html


def test_labels_and_values_are_escaped():
    class Odd(forms.Form):
        pick = forms.MultipleChoiceField(
            choices=[('"><script>', "<script>alert(1)</script>")], widget=CheckboxList
        )

    html = _render(Odd())
    assert "<script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_each_box_has_its_own_id_and_its_label_around_it():
    ids = re.findall(r' id="(id_areas[^"]*)"', _render(Lean()))
    assert ids == ["id_areas", "id_areas_helptext", "id_areas_0", "id_areas_1", "id_areas_2"]
    assert len(ids) == len(set(ids))


def test_the_fieldset_is_described_by_its_hint_and_error_and_the_boxes_say_invalid():
    html = _render(Lean({"note": "x"}))
    page = _parsed(html)
    assert (
        '<fieldset class="choices" id="id_areas" aria-describedby="id_areas_helptext id_areas_error">' in html
    )
    assert all(ref in page.ids for _, ref in page.described_by)
    assert html.count('aria-invalid="true"') == len(CHOICES)
    assert 'aria-invalid="true"' not in _render(Lean({"note": "x", "areas": ["1"]}))


def test_no_choices_say_none():
    class Empty(forms.Form):
        pick = forms.MultipleChoiceField(choices=[], widget=CheckboxList, required=False)

    assert '<p class="muted small">None.</p>' in _render(Empty())


@pytest.mark.django_db
def test_the_rectification_order_form_keeps_the_suggestions_ticked_after_a_refused_submit(
    client: Any, make_user: Any, make_unit: Any, make_deputy: Any
) -> None:
    staff = make_user("staff1", Role.COMMITTEE_STAFF)
    unit = make_unit("省教育厅")
    area = SubjectArea.objects.get_or_create(name="教育")[0]
    lead = make_deputy("李明")
    day, due = dt.date(2026, 2, 1), dt.date(2026, 5, 6)
    titles = [f"关于<乡村>学校的建议{n}" for n in range(3)]
    late = [
        make_assignment(make_suggestion(lead=lead, area=area, staff=staff, title=title), unit, staff=staff,
                        assigned_on=day, reply_due=due)
        for title in titles
    ]  # fmt: skip
    client.force_login(staff)
    url = reverse("suggestions:rectification-new", args=[unit.pk])
    with at(2026, 7, 1):
        response = client.post(url, {"ground": 3, "finding": "", "assignments": [late[0].pk, late[2].pk]})
    assert response.status_code == 200
    html = response.content.decode()
    boxes = dict(
        re.findall(r'<input type="checkbox" name="assignments" value="(\d+)"[^>]*?( checked)?>', html)
    )
    assert boxes == {str(late[0].pk): " checked", str(late[1].pk): "", str(late[2].pk): " checked"}
    assert "关于&lt;乡村&gt;学校的建议0" in html
    page = _parsed(html)
    assert all(ref in page.ids for _, ref in page.described_by)


# --- OptionList: a multiple <select> written in one pass ---------------------------------------


class LeanPicker(forms.Form):
    areas = forms.MultipleChoiceField(choices=CHOICES, widget=OptionList(attrs={"size": 5}))
    note = forms.CharField()


class StockPicker(forms.Form):
    areas = forms.MultipleChoiceField(choices=CHOICES, widget=forms.SelectMultiple(attrs={"size": 5}))
    note = forms.CharField()


def _attributes_sorted(html: str) -> str:
    """The markup with each <select>'s attributes in one order (Django's flatatt sorts them;
    its templates keep the order they were given) and no white space between tags (its
    templates put a line between options): the same elements either way."""

    def sort(match: re.Match[str]) -> str:
        return "<select " + " ".join(sorted(match.group(1).split())) + ">"

    return re.sub(r"<select ([^>]*)>", sort, re.sub(r">\s+<", "><", html))


@pytest.mark.parametrize(
    "data", [None, {"note": "x"}, {"areas": ["2"]}, {"areas": ["1", "3"]}, {"areas": ["9"]}]
)
def test_the_lean_picker_is_the_select_django_writes_through_the_field_include(data):
    lean, stock = _render(LeanPicker(data)), _render(StockPicker(data))
    assert "<select " in lean
    assert _attributes_sorted(lean) == _attributes_sorted(stock)


def test_a_refused_submit_keeps_the_picked_options_picked():
    form = LeanPicker({"areas": ["1", "3"]})
    assert not form.is_valid()  # the note is missing
    html = _render(form)
    assert '<option value="1" selected>甲</option>' in html
    assert '<option value="2">&lt;b&gt;乙&lt;/b&gt; &amp; 丙</option>' in html
    assert '<option value="3" selected>&quot;丁&quot;</option>' in html


def test_the_pickers_options_are_escaped():
    class Odd(forms.Form):
        pick = forms.MultipleChoiceField(
            choices=[('"><script>', "<script>alert(1)</script>")], widget=OptionList
        )

    html = _render(Odd())
    assert "<script>" not in html
    assert '<option value="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</option>' in html


@pytest.mark.django_db
def test_the_deputy_pickers_of_trainings_and_inspections_are_lean():
    from deputies.forms import InspectionEditForm

    assert isinstance(InspectionEditForm().fields["deputies"].widget, OptionList)


# --- OptionChoice: the single-choice <select> written in one pass -------------------------------

ONE_OF = [("", "---------"), *CHOICES]


class LeanChoice(forms.Form):
    area = forms.ChoiceField(choices=ONE_OF, widget=OptionChoice, help_text="Pick one.")
    note = forms.CharField()


class StockChoice(forms.Form):
    area = forms.ChoiceField(choices=ONE_OF, widget=forms.Select, help_text="Pick one.")
    note = forms.CharField()


@pytest.mark.parametrize(
    "data", [None, {"note": "x"}, {"area": "2"}, {"area": "3", "note": ""}, {"area": "9"}]
)
def test_the_lean_choice_is_the_select_django_writes_through_the_field_include(data):
    lean, stock = _render(LeanChoice(data)), _render(StockChoice(data))
    assert "<select " in lean and "multiple" not in lean
    assert _attributes_sorted(lean) == _attributes_sorted(stock)


def test_a_refused_submit_keeps_the_chosen_option_and_escapes_labels():
    form = LeanChoice({"area": "2"})
    assert not form.is_valid()  # the note is missing
    html = _render(form)
    assert '<option value="2" selected>&lt;b&gt;乙&lt;/b&gt; &amp; 丙</option>' in html
    assert '<option value="1">甲</option>' in html


@pytest.mark.django_db
def test_the_deputy_choices_of_a_leave_and_a_station_attachment_are_lean(make_deputy):
    from deputies.forms import LeaveForm
    from deputies.models import Deputy
    from liaison_stations.forms import AttachForm

    deputy = make_deputy("李明")
    form = LeaveForm(deputies=Deputy.objects.all())
    assert isinstance(form.fields["deputy"].widget, OptionChoice)
    assert isinstance(AttachForm().fields["deputy"].widget, OptionChoice)
    with translation.override("zh-hans"):
        html = str(form["deputy"])
    assert '<option value="" selected>请选择…</option>' in html
    assert f'<option value="{deputy.pk}">李明（{deputy.delegation.name}）</option>' in html
