import io

import django_filters
import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from congress.excel import excel_response
from congress.lists import list_context
from congress.models import Organisation

pytestmark = pytest.mark.django_db


class UnitFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind"]


def test_a_list_states_its_filter_and_total(make_unit):
    make_unit("省教育厅")
    make_unit("省高级人民法院", Organisation.Kind.COURT)
    request = RequestFactory().get("/units/", {"kind": "court"})
    filterset = UnitFilter(request.GET, queryset=Organisation.objects.all())
    context = list_context(request, filterset, filterset.qs)
    assert context["summary"] == "类别：法院 · 共 1 件"
    assert "export=xlsx" in context["export_query"]
    assert "kind=court" in context["export_query"]


def kind_choices():
    return [("court", "法院")]


class CallableChoiceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="类别", choices=kind_choices)

    class Meta:
        model = Organisation
        fields = ["kind"]


def test_a_filter_whose_choices_are_read_at_request_time_is_stated_too(make_unit):
    # The review queue's session filter reads its choices per request; its sentence used to fail.
    make_unit("省高级人民法院", Organisation.Kind.COURT)
    request = RequestFactory().get("/units/", {"kind": "court"})
    filterset = CallableChoiceFilter(request.GET, queryset=Organisation.objects.all())
    assert list_context(request, filterset, filterset.qs)["summary"] == "类别：法院 · 共 1 件"


def _units() -> list[tuple[int, str]]:
    return list(Organisation.objects.values_list("pk", "name"))


class ByUnitFilter(django_filters.FilterSet):
    # Choices by primary key, read when the form is built (as the list pages do).
    unit = django_filters.ChoiceFilter(label="承办单位", field_name="pk", choices=_units)

    class Meta:
        model = Organisation
        fields = ["unit"]


def test_a_filter_by_primary_key_is_stated_by_name(make_unit):
    unit = make_unit("省教育厅")
    request = RequestFactory().get("/units/", {"unit": str(unit.pk)})
    filterset = ByUnitFilter(request.GET, queryset=Organisation.objects.all())
    assert list_context(request, filterset, filterset.qs)["summary"] == "承办单位：省教育厅 · 共 1 件"


def test_the_excel_export_writes_dates_as_iso_text():
    import datetime as dt

    response = excel_response("单位.xlsx", "单位", ["名称", "日期"], [["省教育厅", dt.date(2024, 10, 8)]])
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].values)
    assert rows == [("名称", "日期"), ("省教育厅", "2024-10-08")]
    assert "UTF-8''%E5%8D%95%E4%BD%8D.xlsx" in response["Content-Disposition"]
