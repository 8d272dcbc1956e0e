"""The counts behind the public form's and API's limits (liaison_stations.abuse)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UseCount(models.Model):
    """How often one key was used in one window: the opinions an address and contact had
    accepted this hour, an address's tracking look-ups, a check question answered.

    In the database, one row per key and window, so parallel requests cannot all pass a limit:
    a conditional UPDATE takes the row lock and counts one at a time. The key is a hash of what
    it counts: no address or contact is kept here."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("use count")
        verbose_name_plural = _("use counts")

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"
