"""Reads of the liaison stations, one module per audience: the working pages (`scope`: what each
user may see, the opinions and forwardings they work on), the receptions and their reports
(`receptions`: the month's reception, D§31, and each deputy's activities, D§21), and the public
(`public`: the stations, the board, tracking). The rest of the app imports them from here."""

from liaison_stations.selectors.public import (
    PublicMatter,
    Tracking,
    public_matter,
    public_station,
    public_stations,
    published_matters,
    tracking,
)
from liaison_stations.selectors.receptions import (
    HELD,
    Attendance,
    MissingMonths,
    attendance_report,
    counts_for_the_month,
    deputy_activities,
    missing_months_report,
    monthly_receptions,
    station_months_without_reception,
)
from liaison_stations.selectors.scope import (
    forwarded_by_due,
    forwarding_deadline,
    forwardings_due_between,
    normalise_tracking_code,
    open_forwarding,
    opinions_matching,
    opinions_overdue,
    opinions_visible_to,
    receptions_visible_to,
    stations_run_by,
    visitor_counts,
    with_open_forwarding,
)

__all__ = [
    "HELD",
    "Attendance",
    "MissingMonths",
    "PublicMatter",
    "Tracking",
    "attendance_report",
    "counts_for_the_month",
    "deputy_activities",
    "forwarded_by_due",
    "forwarding_deadline",
    "forwardings_due_between",
    "missing_months_report",
    "monthly_receptions",
    "normalise_tracking_code",
    "open_forwarding",
    "opinions_matching",
    "opinions_overdue",
    "opinions_visible_to",
    "public_matter",
    "public_station",
    "public_stations",
    "published_matters",
    "receptions_visible_to",
    "station_months_without_reception",
    "stations_run_by",
    "tracking",
    "visitor_counts",
    "with_open_forwarding",
]
