"""The statistics (S§11(2), S§45): each figure counted in a few queries, and equal to the list
of the items behind it; a closed-but-unsolved suggestion is counted as what it is."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from congress.roles import Role
from suggestions.reports.statistics import figures, levels
from suggestions.reports.statistics.levels import Filters
from tests.suggestions.follow_up import at
from tests.suggestions.statistics_data import TODAY, build_province

pytestmark = pytest.mark.django_db
# On PostgreSQL each count first reads the data's version (its cache, test_statistics_cache).
VERSION = 1 if connection.vendor == "postgresql" else 0


@pytest.fixture
def province(lead, make_deputy, staff, units, session):
    return build_province(
        lead=lead, other_lead=make_deputy("赵强"), staff=staff, units=units, session=session
    )


def _values(table):
    [row] = table.rows
    return {f.name: f.value for f in row.figures}


def test_the_suggestions_of_a_year_are_counted_by_what_became_of_them(province, django_assert_num_queries):
    with django_assert_num_queries(1 + VERSION):
        table = figures.totals("suggestions", Filters(year=2025), TODAY)
    assert _values(table) == {
        "filed": 5, "accepted": 2, "not_accepted": 1, "merged": 1, "withdrawn": 1, "assigned": 2, "replied": 2,
        "category_a": 1, "category_b": 0, "category_c": 1,
        "satisfied": 1, "basically_satisfied": 0, "unsatisfied": 1, "rehandled": 1, "closed": 2,
    }  # fmt: skip


def test_a_closed_suggestion_one_unit_could_not_solve_is_category_c_not_solved(province):
    values = _values(figures.totals("suggestions", Filters(), TODAY))
    # The split suggestion is closed; its transport part is B, its education part C.
    assert values["closed"] == 2
    assert values["category_c"] == 1 and values["category_a"] == 2


def test_the_units_parts_are_counted_with_their_clocks(province, django_assert_num_queries):
    with django_assert_num_queries(1 + VERSION):
        table = figures.totals("handling", Filters(), TODAY)
    assert _values(table) == {
        "assigned": 6, "objected": 2, "reassigned": 1, "extended": 1, "owing_reply": 6, "replied": 4,
        "replied_on_time": 3, "replied_late": 1, "overdue": 1,
        "category_a": 2, "category_b": 1, "category_c": 1,
        "satisfied": 1, "basically_satisfied": 0, "unsatisfied": 2, "rehandled": 1,
    }  # fmt: skip


def test_unkept_commitments_are_reported_as_unkept(province):
    values = _values(figures.totals("commitments", Filters(), TODAY))
    assert values == {"made": 3, "kept": 1, "kept_on_time": 0, "kept_late": 1, "unkept": 1, "open": 1}


def test_a_unit_head_s_unit_filter_counts_only_its_parts(province, units):
    values = _values(figures.totals("handling", Filters(unit=units["transport"].pk), TODAY))
    assert values["assigned"] == 2 and values["category_b"] == 1 and values["category_c"] == 0


def test_each_breakdown_is_one_query_and_one_for_the_names(province, django_assert_max_num_queries):
    for by in figures.DIMENSIONS:
        for level in levels.LEVELS:
            with django_assert_max_num_queries(2 + VERSION):  # the names are read once per process
                table = figures.breakdown(level, by, Filters(), TODAY)
            # A suggestion has no one unit: its units' parts are the handling level's.
            assert (table is None) == (level == "suggestions" and by in {"unit", "unit_kind"})


def test_the_totals_summed_from_a_breakdown_equal_the_totals_counted(province):
    # The page reads each level once: its totals are its breakdown's groups added up.
    for by in figures.DIMENSIONS:
        for level in levels.LEVELS:
            table = figures.breakdown(level, by, Filters(), TODAY)
            if table is None or by == "year":
                continue
            counted = figures.totals(level, Filters(), TODAY).rows[0]
            summed = figures.totals_of(table, Filters()).rows[0]
            assert summed == counted, (level, by)
            assert counted.get(table.columns[0][0]) > 0, (level, by)  # not a sum of nothing


def test_the_trend_has_a_row_per_year_filed(province):
    table = figures.breakdown("suggestions", "year", Filters(), TODAY)
    assert table is not None
    assert [(r.label, r.get("filed")) for r in table.rows] == [("2025", 5), ("2026", 2)]


def test_every_figure_equals_the_number_of_items_behind_it(province):
    stats = figures.statistics(Filters(), TODAY)
    checked = 0
    for table in [*stats.totals, *stats.breakdowns]:
        level = levels.LEVELS[table.level]
        for row in table.rows:
            filters = Filters() if table.by == "" else Filters(**{table.by: row.key})
            for figure in row.figures:
                assert levels.items(level, figure.name, filters, TODAY).count() == figure.value, (
                    table.level,
                    table.by,
                    row.label,
                    figure.name,
                )
                checked += 1
    assert checked > 200


# --- The pages ------------------------------------------------------------------------------------


def _page(client, user, **query):
    query.setdefault("year", "")  # every year; the page opens on this year
    client.force_login(user)
    with at(2026, 7, 1):
        return client.get(reverse("statistics:index"), query, HTTP_ACCEPT_LANGUAGE="en")


def _list_total(client, url):
    with at(2026, 7, 1):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    return response.context["total"]


@pytest.mark.parametrize("by", figures.DIMENSIONS)
def test_every_figure_on_the_page_links_to_a_list_of_as_many_items(client, province, staff, by):
    response = _page(client, staff, by=by, congress=province["solved"].congress_id)
    assert response.status_code == 200
    stats = response.context["stats"]
    checked = 0
    for table in [*stats.totals, *stats.breakdowns]:
        for row in table.rows:
            for figure in row.figures:
                assert _list_total(client, figure.url) == figure.value, (
                    table.level,
                    table.by,
                    row.label,
                    figure.name,
                )
                checked += 1
    assert checked >= 37


def test_the_links_keep_the_filters_asked_for(client, province, staff):
    response = _page(client, staff, year=2025, area=province["roads"].pk)
    [suggestions, handling, commitments] = response.context["stats"].totals
    assert suggestions.rows[0].get("filed") == 2  # the split one and the withdrawn one
    for table in (suggestions, handling, commitments):
        for figure in table.rows[0].figures:
            assert "year=2025" in figure.url and f"area={province['roads'].pk}" in figure.url
            assert _list_total(client, figure.url) == figure.value


def test_the_page_opens_on_this_year(client, province, staff):
    client.force_login(staff)
    with at(2026, 7, 1):
        response = client.get(reverse("statistics:index"))
    assert response.context["stats"].filters.year == 2026
    assert response.context["stats"].totals[0].rows[0].get("filed") == 2


def test_the_page_shows_charts_from_a_data_island_and_tables(client, province, staff):
    response = _page(client, staff)
    page = response.content.decode()
    assert 'id="statistics-data" type="application/json"' in page
    assert "vendor/echarts-6.1.0/echarts.min.js" in page and "js/statistics.js" in page
    assert "<script>" not in page  # no inline script (CSP)
    assert "Category C: explained, not solved" in page


def test_the_page_reads_in_a_fixed_number_of_queries(client, province, staff, django_assert_max_num_queries):
    client.force_login(staff)
    # Signing in (3), the three levels' totals and breakdowns (6), the filters' choices (6,
    # cached five minutes per process: none on the next page); on PostgreSQL JIT off and on (2).
    for by in figures.DIMENSIONS:
        with at(2026, 7, 1), django_assert_max_num_queries(17):
            assert client.get(reverse("statistics:index"), {"by": by, "year": ""}).status_code == 200


def test_a_figure_s_list_reads_in_a_fixed_number_of_queries(
    client, province, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    for level, names in levels.NAMES.items():
        for name in names:
            with at(2026, 7, 1), django_assert_max_num_queries(10):
                response = client.get(reverse("statistics:items"), {"level": level, "figure": name})
            assert response.status_code == 200


def test_the_page_exports_every_table_with_the_same_figures(client, province, staff):
    response = _page(client, staff, by="unit", export="xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 5  # three levels' totals, two levels by unit
    totals = list(book.worksheets[1].values)
    header, row = totals[0], totals[1]
    values = dict(zip(header[1:], row[1:], strict=True))
    assert values["Category C: explained, not solved"] == 1 and values["Replied on time"] == 3
    by_unit = {r[0]: r for r in list(book.worksheets[3].values)[1:]}
    assert by_unit["省交通运输厅"][1] == 2


def test_a_figure_s_list_exports_its_items(client, province, staff):
    client.force_login(staff)
    with at(2026, 7, 1):
        response = client.get(
            reverse("statistics:items"), {"level": "handling", "figure": "replied_late", "export": "xlsx"}
        )
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert len(rows) == 2 and rows[1][2] == "省教育厅"


def test_an_unknown_figure_is_a_clear_refusal(client, province, staff):
    client.force_login(staff)
    response = client.get(reverse("statistics:items"), {"level": "handling", "figure": "made"})
    assert response.status_code == 400


def test_a_unit_head_reads_the_figures_of_the_unit_s_own_parts(client, province, units):
    response = _page(client, units["unit1head"], unit=units["transport"].pk)
    [_s, handling, _c] = response.context["stats"].totals
    assert handling.rows[0].get("assigned") == 3  # education's three parts, whatever was asked
    education = units["education"].pk
    assert all(f"unit={education}" in f.url for f in handling.rows[0].figures)
    assert _list_total(client, handling.rows[0].figures[0].url + f"&unit={units['transport'].pk}") == 3


@pytest.mark.parametrize("role", [Role.UNIT_HANDLER, Role.DEPUTY, Role.DELEGATION_STAFF])
def test_others_may_not_read_the_statistics(client, province, make_user, units, role):
    user = make_user(
        f"u-{role}", role, organisation=units["education"] if role == Role.UNIT_HANDLER else None
    )
    client.force_login(user)
    assert client.get(reverse("statistics:index")).status_code == 403
    assert (
        client.get(reverse("statistics:items"), {"level": "suggestions", "figure": "filed"}).status_code
        == 403
    )


def test_the_secretariat_and_a_supervisor_read_every_figure(client, province, make_user, make_unit):
    committee = make_unit("省人大财政经济委员会", kind="special_committee")
    for user in (
        make_user("sec", Role.SECRETARIAT),
        make_user("sup", Role.SUPERVISOR, organisation=committee),
    ):
        response = _page(client, user)
        assert response.context["stats"].totals[0].rows[0].get("filed") == 7


# --- The API ------------------------------------------------------------------------------------


def _api(api, user, **query):
    with at(2026, 7, 1):
        return api(user).get("/api/v1/stats/suggestions/", query, HTTP_ACCEPT_LANGUAGE="en")


def test_the_api_gives_the_page_s_figures_with_the_list_behind_each(api, client, province, staff):
    response = _api(api, staff, year=2025, by="unit")
    assert response.status_code == 200
    body = response.json()
    assert body["filters"] == {"year": 2025}
    assert body["totals"]["suggestions"]["category_c"]["value"] == 1
    assert body["totals"]["commitments"]["unkept"]["value"] == 1
    assert set(body["breakdowns"]) == {"handling", "commitments"}
    education = next(r for r in body["breakdowns"]["handling"] if r["label"] == "省教育厅")
    assert education["figures"]["replied_late"]["value"] == 1
    client.force_login(staff)
    for level, named in body["totals"].items():
        for name, figure in named.items():
            assert _list_total(client, figure["list"].removeprefix("http://testserver")) == figure["value"], (
                level,
                name,
            )


def test_the_api_reads_in_a_fixed_number_of_queries(api, province, staff, django_assert_max_num_queries):
    for by in figures.DIMENSIONS:
        with django_assert_max_num_queries(17):  # as the page
            assert _api(api, staff, by=by).status_code == 200


def test_the_api_refuses_a_bad_filter_and_a_reader_it_is_not_for(api, province, staff, units):
    bad = _api(api, staff, year="last")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    assert _api(api, units["unit1"]).status_code == 403
    assert _api(api, None).status_code in (401, 403)


def test_a_unit_head_gets_the_unit_s_own_figures_from_the_api(api, province, units):
    body = _api(api, units["unit1head"], unit=units["transport"].pk).json()
    assert body["filters"] == {"unit": units["education"].pk}
    assert body["totals"]["handling"]["assigned"]["value"] == 3
