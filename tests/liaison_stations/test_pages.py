"""The station pages: what the public sees (and never sees), the challenge and the rate limit
of the web form, QR codes, and the working pages per role."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from liaison_stations.abuse import CHALLENGE_SALT
from liaison_stations.models import Opinion
from liaison_stations.services.opinions import opinion_answer, opinion_classify
from liaison_stations.services.receptions import reception_cancel, reception_schedule
from tests.conftest import PASSWORD
from tests.liaison_stations.conftest import at

pytestmark = pytest.mark.django_db


def solve(html: str) -> dict[str, str]:
    """Read the form's signed question and answer it, as a person would."""
    match = re.search(r'name="challenge_token" value="([^"]+)"', html)
    assert match, "the form carries a signed question"
    token = match.group(1)
    data = signing.loads(token, salt=CHALLENGE_SALT)
    return {"challenge_token": token, "challenge_answer": str(data["a"] + data["b"])}


def published(register, clerk, **extra) -> Opinion:
    opinion = register(**extra)
    opinion_classify(
        opinion=opinion,
        summary="王秀英反映北门外路面积水（电话 13912345678）",
        category="transport",
        actor=clerk,
    )
    return opinion_answer(
        opinion=opinion, answer="已电话告知王秀英（坞城路 8 号院），路面已修复。", actor=clerk
    )


def test_the_public_station_page_shows_deputies_hours_duties_and_handled_matters(
    client, register, clerk, station, deputy
):
    station.duties = "听取群众意见"
    station.save()
    published(register, clerk)
    html = client.get(reverse("stations:page", args=[station.pk])).content.decode()
    for expected in [
        station.name,
        station.opening_hours,
        station.address,
        "听取群众意见",
        "李明",
        "路面已修复",
    ]:
        assert expected in html


def test_the_public_page_never_shows_a_visitor_s_name_or_contact(client, register, clerk, station):
    published(register, clerk)
    pages = [
        client.get(reverse("stations:page", args=[station.pk])).content.decode(),
        client.get(reverse("stations:matters", args=[station.pk])).content.decode(),
        client.get(reverse("stations:list")).content.decode(),
    ]
    for html in pages:
        assert "王秀英" not in html
        assert "13912345678" not in html
        assert "坞城路 8 号院" not in html


def test_a_secret_matter_and_a_matter_not_yet_in_hand_are_not_published(client, register, clerk, station):
    secret = register(matter="涉密")
    opinion_classify(
        opinion=secret, summary="某军工单位搬迁事项", category="other", is_secret=True, actor=clerk
    )
    opinion_answer(opinion=secret, answer="已处理", actor=clerk)
    pending = register()
    opinion_classify(opinion=pending, summary="尚未转办的事项", category="other", actor=clerk)
    html = client.get(reverse("stations:page", args=[station.pk])).content.decode()
    assert "某军工单位搬迁事项" not in html
    assert "尚未转办的事项" not in html


def test_the_station_list_groups_stations_by_city_and_filters(client, station, make_station):
    make_station("大同某联络站", city="大同")
    html = client.get(reverse("stations:list"), {"city": "太原"}).content.decode()
    assert station.name in html
    assert "大同某联络站" not in html
    export = client.get(reverse("stations:list"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_web_form_sends_an_opinion_and_gives_the_tracking_code(client, station, address):
    form = client.get(reverse("stations:opinion-form", args=[station.pk])).content.decode()
    response = client.post(
        reverse("stations:opinion-form", args=[station.pk]),
        {"name": "张三", "contact": "13700000000", "matter": "路灯不亮", **solve(form)},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 201
    opinion = Opinion.objects.get()
    assert opinion.tracking_code in response.content.decode().replace("-", "")
    assert (opinion.station, opinion.source, opinion.status) == (station, "online", "pending")


def test_a_wrong_answer_to_the_check_question_is_refused(client, station, address):
    form = client.get(reverse("stations:opinion-form", args=[station.pk])).content.decode()
    answer = solve(form)
    answer["challenge_answer"] = str(int(answer["challenge_answer"]) + 1)
    response = client.post(
        reverse("stations:opinion-form", args=[station.pk]),
        {"name": "张三", "contact": "1", "matter": "x", **answer},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200
    assert not Opinion.objects.exists()
    # The form comes back with a new question.
    assert solve(response.content.decode())["challenge_token"] != answer["challenge_token"]


def test_a_solved_question_cannot_be_replayed(client, station, address):
    form = client.get(reverse("stations:opinion-form", args=[station.pk])).content.decode()
    data = {"name": "张三", "contact": "1", "matter": "x", **solve(form)}
    url = reverse("stations:opinion-form", args=[station.pk])
    assert client.post(url, data, REMOTE_ADDR=address).status_code == 201
    assert client.post(url, data, REMOTE_ADDR=address).status_code == 200
    assert Opinion.objects.count() == 1


def test_a_forged_question_is_refused(client, station, address):
    forged = signing.dumps({"a": 1, "b": 1, "n": "x"}, salt="another-salt")
    response = client.post(
        reverse("stations:opinion-form", args=[station.pk]),
        {"name": "张三", "contact": "1", "matter": "x", "challenge_token": forged, "challenge_answer": "2"},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200
    assert not Opinion.objects.exists()


def test_the_web_form_is_rate_limited_per_address(client, station, address, settings):
    settings.PUBLIC_OPINION_RATE = "2/3600"
    url = reverse("stations:opinion-form", args=[station.pk])
    statuses = []
    for _ in range(3):
        form = client.get(url).content.decode()
        statuses.append(
            client.post(
                url, {"name": "张三", "contact": "1", "matter": "x", **solve(form)}, REMOTE_ADDR=address
            ).status_code
        )
    assert statuses == [201, 201, 429]
    assert Opinion.objects.count() == 2


def test_the_deputy_s_qr_code_opens_the_form_addressed_to_the_deputy(client, deputy, address):
    svg = client.get(reverse("stations:deputy-qr-svg", args=[deputy.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg")
    sheet = client.get(reverse("stations:deputy-qr", args=[deputy.pk])).content.decode()
    assert reverse("stations:deputy-opinion-form", args=[deputy.pk]) in sheet
    form = client.get(reverse("stations:deputy-opinion-form", args=[deputy.pk])).content.decode()
    assert "李明" in form
    client.post(
        reverse("stations:deputy-opinion-form", args=[deputy.pk]),
        {"name": "张三", "contact": "1", "matter": "x", **solve(form)},
        REMOTE_ADDR=address,
    )
    assert Opinion.objects.get().deputy == deputy


def test_each_station_has_a_printable_qr_code(client, station):
    sheet = client.get(reverse("stations:qr", args=[station.pk])).content.decode()
    assert reverse("stations:qr-svg", args=[station.pk]) in sheet
    assert "http://testserver" + reverse("stations:opinion-form", args=[station.pk]) in sheet


def test_the_tracking_page_shows_the_answer_but_not_the_sender(client, register, clerk, address):
    opinion = published(register, clerk)
    html = client.get(
        reverse("stations:track"), {"code": opinion.tracking_code}, REMOTE_ADDR=address
    ).content.decode()
    assert "路面已修复" in html
    assert "王秀英" not in html and "13912345678" not in html


# --- Working pages ----------------------------------------------------------------------


def test_station_staff_register_a_visitor_on_the_form(client, clerk, station, deputy):
    client.login(username="station1", password=PASSWORD)
    response = client.post(
        reverse("stations:opinion-new") + f"?station={station.pk}",
        {
            "visitor_name": "王秀英",
            "visitor_contact": "13912345678",
            "matter": "路面积水",
            "category": "transport",
            "received_by": [deputy.pk],
            "received_on": "2026-03-04",
        },
    )
    opinion = Opinion.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("stations:opinion", args=[opinion.pk])
    assert list(opinion.received_by.all()) == [deputy]


def test_the_working_pages_open_for_station_staff(client, clerk, register, station):
    opinion = register()
    client.login(username="station1", password=PASSWORD)
    for name, args in [
        ("stations:desk", []),
        ("stations:opinions", []),
        ("stations:opinion", [opinion.pk]),
        ("stations:opinion-new", []),
        ("stations:receptions", []),
        ("stations:reception-new", []),
        ("stations:attendance", []),
        ("stations:missing-months", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    export = client.get(reverse("stations:opinions"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_unit_clerk_has_no_station_pages(client, make_user, unit):
    make_user("unit1", "unit_handler", organisation=unit)
    client.login(username="unit1", password=PASSWORD)
    assert client.get(reverse("stations:desk")).status_code == 403
    assert client.get(reverse("stations:attendance")).status_code == 403


def test_the_opinion_page_answers_and_publishes_through_its_forms(client, clerk, register, station):
    opinion = register()
    client.login(username="station1", password=PASSWORD)
    client.post(
        reverse("stations:opinion-classify", args=[opinion.pk]),
        {"summary": "路面积水", "category": "transport"},
    )
    client.post(
        reverse("stations:opinion-forward", args=[opinion.pk]),
        {"body_name": "区交通局", "forwarded_on": "2026-03-04"},
    )
    client.post(
        reverse("stations:opinion-answer", args=[opinion.pk]),
        {"answer": "已修复", "answered_on": "2026-03-05"},
    )
    opinion.refresh_from_db()
    assert opinion.status == "answered"
    assert "已修复" in client.get(reverse("stations:page", args=[station.pk])).content.decode()


def test_a_deputy_s_desk_shows_their_receptions_and_the_missing_activity(client, deputy):
    client.login(username=deputy.user.username, password=PASSWORD)
    html = client.get(reverse("stations:desk")).content.decode()
    assert reverse("stations:deputy-qr", args=[deputy.pk]) in html
    assert "D§21" in html or "第二十一条" in html


def test_a_deputy_turns_a_matter_into_a_suggestion_from_its_page(client, register, deputy):
    opinion = register(received_by=[deputy])
    client.login(username=deputy.user.username, password=PASSWORD)
    page = client.get(reverse("stations:opinion", args=[opinion.pk])).content.decode()
    assert reverse("stations:opinion-to-suggestion", args=[opinion.pk]) in page
    from suggestions.models import SubjectArea

    area = SubjectArea.objects.get(name="交通运输")
    response = client.post(
        reverse("stations:opinion-to-suggestion", args=[opinion.pk]),
        {"title": "关于修复北门道路的建议", "body": "道路坑洼积水。", "subject_area": area.pk},
    )
    opinion.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("suggestions:edit", args=[opinion.suggestion_id])
    assert opinion.suggestion.subject_area == area


def test_station_staff_keep_deputies_officers_and_public_information(client, clerk, station, make_deputy):
    deputy = make_deputy("新进站代表")
    client.login(username="station1", password=PASSWORD)
    assert client.get(reverse("stations:manage", args=[station.pk])).status_code == 200
    client.post(reverse("stations:attach", args=[station.pk]), {"deputy": deputy.pk, "basis": "constituency"})
    client.post(
        reverse("stations:officer-add", args=[station.pk]), {"name": "张丽", "background": "volunteer"}
    )
    client.post(
        reverse("stations:manage", args=[station.pk]),
        {
            "address": station.address,
            "opening_hours": "每周三 8:30–12:30",
            "duties": "",
            "head_name": "刘站长",
            "contact_phone": "",
        },
    )
    station.refresh_from_db()
    assert list(station.deputies.all()) == [deputy]
    assert [o.name for o in station.officers.all()] == ["张丽"]
    assert station.opening_hours == "每周三 8:30–12:30"
    html = client.get(reverse("stations:page", args=[station.pk])).content.decode()
    assert "新进站代表" in html and "张丽" in html and "刘站长" in html
    client.post(reverse("stations:detach", args=[station.pk, deputy.pk]))
    assert not station.deputies.exists()


def test_the_level_rule_refuses_a_deputy_elected_elsewhere_as_where_elected(
    client, clerk, station, make_deputy
):
    from deputies.models import Deputy

    outsider = make_deputy("外市代表")
    Deputy.objects.filter(pk=outsider.pk).update(constituency="大同市人民代表大会")
    client.login(username="station1", password=PASSWORD)
    response = client.post(
        reverse("stations:attach", args=[station.pk]),
        {"deputy": outsider.pk, "basis": "constituency"},
        follow=True,
    )
    assert not station.deputies.exists()
    assert "D§21" in response.content.decode() or "第二十一条" in response.content.decode()


def test_another_station_s_staff_cannot_keep_this_station(client, make_user, make_station, station):
    other = make_station("别处联络站")
    stranger = make_user("other", "station_staff")
    other.staff.add(stranger)
    client.login(username="other", password=PASSWORD)
    assert client.get(reverse("stations:manage", args=[station.pk])).status_code == 403


def test_a_refused_step_shows_the_opinion_again_with_what_was_typed(client, clerk, register):
    opinion = register()
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    client.login(username="station1", password=PASSWORD)
    response = client.post(
        reverse("stations:opinion-forward", args=[opinion.pk]),
        {"body_name": "", "note": "请尽快修复北门道路", "forwarded_on": "2026-03-04"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请尽快修复北门道路" in html  # the forward form as typed
    assert 'class="message message--error"' in html
    opinion.refresh_from_db()
    assert opinion.status == "pending"


def test_a_step_asked_twice_from_the_page_is_refused_with_409(client, clerk, register):
    opinion = register()
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    client.login(username="station1", password=PASSWORD)
    url = reverse("stations:opinion-answer", args=[opinion.pk])
    first = client.post(url, {"answer": "已修复", "answered_on": "2026-03-05"})
    again = client.post(url, {"answer": "已修复", "answered_on": "2026-03-05"})
    assert (first.status_code, again.status_code) == (302, 409)
    assert opinion.events.filter(action="answer").count() == 1


def test_the_opinion_page_offers_only_the_steps_its_user_may_take(client, clerk, register, deputy):
    opinion = register(received_by=[deputy])
    forward = reverse("stations:opinion-forward", args=[opinion.pk])
    suggest = reverse("stations:opinion-to-suggestion", args=[opinion.pk])
    client.login(username="station1", password=PASSWORD)
    page = client.get(reverse("stations:opinion", args=[opinion.pk])).content.decode()
    # Summarise first (D§31); only a deputy who received it makes it a suggestion.
    assert forward not in page and suggest not in page
    assert reverse("stations:opinion-classify", args=[opinion.pk]) in page
    opinion_classify(opinion=opinion, summary="路面积水", category="transport", actor=clerk)
    assert forward in client.get(reverse("stations:opinion", args=[opinion.pk])).content.decode()
    client.login(username=deputy.user.username, password=PASSWORD)
    page = client.get(reverse("stations:opinion", args=[opinion.pk])).content.decode()
    assert suggest in page and forward not in page


def test_the_reception_page_offers_holding_once_it_started_and_no_registration_once_cancelled(
    client, clerk, station
):
    day = timezone.localdate()
    later = reception_schedule(
        venue=station,
        kind="regular",
        starts_at=at(day + dt.timedelta(days=1), 8, 30),
        ends_at=at(day + dt.timedelta(days=1), 12, 30),
        deputies=[],
        actor=clerk,
    )
    client.login(username="station1", password=PASSWORD)
    url = reverse("stations:reception", args=[later.pk])
    page = client.get(url).content.decode()
    assert reverse("stations:reception-hold", args=[later.pk]) not in page  # not started (D§31)
    assert reverse("stations:reception-cancel", args=[later.pk]) in page
    assert f"?reception={later.pk}" in page
    refused = client.post(reverse("stations:reception-hold", args=[later.pk]), {"summary": "x"})
    assert refused.status_code == 400
    reception_cancel(reception=later, reason="暴雨", actor=clerk)
    page = client.get(url).content.decode()
    assert f"?reception={later.pk}" not in page
    assert reverse("stations:reception-cancel", args=[later.pk]) not in page
