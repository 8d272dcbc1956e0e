"""The roles of WORKFLOWS.md §6. A user may hold several."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DEPUTY = "deputy", _("Deputy")
    # 各代表团应当配备工作人员为代表提出建议/议案做好服务工作 (S§8, M§6); the secretariat serves
    # during the session (S§8, M§6).
    DELEGATION_STAFF = "delegation_staff", _("Delegation staff")
    SECRETARIAT = "secretariat", _("Session secretariat")
    REVIEW_COMMITTEE = "review_committee", _("Motion-review committee member")
    COMMITTEE_STAFF = "committee_staff", _("Committee staff")
    UNIT_HANDLER = "unit_handler", _("Handling unit clerk")
    UNIT_HEAD = "unit_head", _("Handling unit head")
    SUPERVISOR = "supervisor", _("Supervising body")
    STATION_STAFF = "station_staff", _("Liaison station staff")


# Roles that act for an organisation; a user holding one must belong to it.
UNIT_ROLES = frozenset({Role.UNIT_HANDLER, Role.UNIT_HEAD})
# The assigning bodies of S§17 and S§18: they review, route and decide.
ASSIGNING_ROLES = frozenset({Role.SECRETARIAT, Role.COMMITTEE_STAFF})
