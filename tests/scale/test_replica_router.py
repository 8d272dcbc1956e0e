"""The replica router (congress.replica): reads of the portal's data go to `replica` only
inside reads_from_replica(); writes, reads in a transaction, other apps' tables and
everything outside the context stay on default.

`replica` here is a second connection to the test database itself, as Django's TEST MIRROR
makes it for DATABASE_REPLICA_URL's alias: the test sees where each query went."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.models import Session as WebSession
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from congress.models import Organisation
from congress.replica import reads_from_replica

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup: None) -> Iterator[None]:
    """The alias DATABASE_REPLICA_URL adds, mirrored onto the test database. Module-scoped so
    that it exists before each test's database set-up, which lists it as allowed."""
    connections.settings["replica"] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    try:
        yield
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


class Where:
    """Which connection ran how many queries inside the block."""

    def __enter__(self) -> Where:
        self.default = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.replica.__exit__(*exc)
        self.default.__exit__(*exc)

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.default), len(self.replica)


@reads_from_replica()
def units_in_a_report() -> list[str]:
    return list(Organisation.objects.order_by("name").values_list("name", flat=True))


def test_a_read_inside_the_context_goes_to_the_replica_and_sees_the_same_rows(make_unit):
    make_unit("省教育厅")
    with Where() as where, reads_from_replica():
        names = list(Organisation.objects.values_list("name", flat=True))
    assert names == ["省教育厅"]
    assert where.counts == (0, 1)
    assert "congress_organisation" in where.replica[0]["sql"]


def test_a_report_function_decorated_reads_from_the_replica(make_unit):
    make_unit("省交通运输厅")
    with Where() as where:
        assert units_in_a_report() == ["省交通运输厅"]
    assert where.counts == (0, 1)


def test_outside_the_context_everything_reads_default(make_unit):
    make_unit("省教育厅")
    with Where() as where:
        Organisation.objects.count()
    assert where.counts == (1, 0)


def test_writes_inside_the_context_stay_on_default():
    with Where() as where, reads_from_replica():
        Organisation.objects.create(name="省卫生健康委员会", kind=Organisation.Kind.GOVERNMENT)
    assert where.counts[1] == 0
    assert where.counts[0] >= 1


def test_a_read_inside_a_transaction_sees_its_own_writes_on_default():
    with Where() as where, reads_from_replica(), transaction.atomic():
        Organisation.objects.create(name="省卫生健康委员会", kind=Organisation.Kind.GOVERNMENT)
        assert Organisation.objects.filter(name="省卫生健康委员会").exists()
    assert where.counts[1] == 0


def test_tables_that_are_not_the_portals_data_stay_on_default():
    with Where() as where, reads_from_replica():
        WebSession.objects.count()  # sessions, like tokens' checks and the throttle, must be current
    assert where.counts == (1, 0)


def test_the_overdue_board_reads_from_the_replica(make_user, client):
    from congress.roles import Role

    client.force_login(make_user("staff1", Role.COMMITTEE_STAFF))
    with Where() as where:
        response = client.get("/overdue/")
    assert response.status_code == 200
    # Signing in (the session, the user) reads default; the board's own queries the replica.
    assert where.counts[1] > 0
