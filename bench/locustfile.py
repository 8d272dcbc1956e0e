"""Locust: the day of the motion deadline at ten times a province's peak (issue 15).

A province's peak is its 552 deputies filing and co-signing in the same hour; ten times that
is 5,520 deputies' visits in an hour, about 1.5 a second. Each simulated user is one deputy's
visit after another, one visit per PACING seconds; `python -m bench.load` starts USERS of them
(USERS / PACING = 5,520 / 3,600), so the rate is the hour's, compressed into a few minutes
(LOAD_TIMES sets another multiple of the peak, to find the ceiling).

One visit, all through the API with a token, as a deputy's app would:
log in (a new token), open the motions list, file a motion draft inviting three colleagues
(or open the draft filed on an earlier visit), co-sign a motion they were invited to, file a
suggestion and submit it, read the notifications.

The accounts, the open session and a subject area come from the plan bench.load writes
(LOAD_PLAN, JSON).
"""

from __future__ import annotations

import itertools
import json
import os
from collections import defaultdict
from typing import Any

from locust import HttpUser, constant_pacing, task

PLAN: dict[str, Any] = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
PACING = float(os.environ.get("LOAD_PACING", "30"))
ACCOUNTS = itertools.cycle(PLAN["deputies"])  # [{"username", "deputy"}], shuffled once
# Shared by the users of this process: a deputy's draft, and the motions they are invited to.
drafts: dict[int, int] = {}
invitations: dict[int, list[int]] = defaultdict(list)
INVITE = 3


class DeputyVisit(HttpUser):
    wait_time = constant_pacing(PACING)

    @task
    def visit(self) -> None:
        account = next(ACCOUNTS)
        deputy = account["deputy"]
        answer = self.client.post(
            "/api/v1/auth/token/",
            json={"username": account["username"], "password": PLAN["password"]},
            name="log in (token)",
        )
        if answer.status_code != 200:
            return
        headers = {"Authorization": f"Token {answer.json()['token']}"}

        self.client.get("/api/v1/motions/", headers=headers, name="motions list")
        if deputy in drafts:
            self.client.get(f"/api/v1/motions/{drafts[deputy]}/", headers=headers, name="open a draft")
        else:
            colleagues = [next(ACCOUNTS)["deputy"] for _ in range(INVITE)]
            filed = self.client.post(
                "/api/v1/motions/",
                headers=headers,
                json={
                    "session": PLAN["session"], "kind": "joint", "category": PLAN["category"],
                    "title": f"关于加强基层医疗卫生服务的议案（{deputy}）", "reason": "案由。" * 20,
                    "grounds": "案据。" * 20, "solution": "方案。" * 20,
                    "co_signers": [c for c in colleagues if c != deputy],
                },
                name="file a motion draft",
            )  # fmt: skip
            if filed.status_code == 201:
                drafts[deputy] = filed.json()["id"]
                for colleague in colleagues:
                    invitations[colleague].append(drafts[deputy])
                self.client.get(f"/api/v1/motions/{drafts[deputy]}/", headers=headers, name="open a draft")
        if invitations[deputy]:
            motion = invitations[deputy].pop()
            self.client.post(f"/api/v1/motions/{motion}/confirm/", headers=headers, name="co-sign a motion")

        suggestion = self.client.post(
            "/api/v1/suggestions/",
            headers=headers,
            json={
                "title": "关于改善农村道路的建议",
                "body": "问题、事实和建议。" * 10,
                "subject_area": PLAN["area"],
            },
            name="file a suggestion",
        )
        if suggestion.status_code == 201:
            number = suggestion.json()["id"]
            self.client.post(
                f"/api/v1/suggestions/{number}/submit/", headers=headers, name="submit the suggestion"
            )
        self.client.get("/api/v1/notifications/", headers=headers, name="notifications")
