"""The joint instruments of WORKFLOWS.md §5b as tables on the engine (congress/workflow.py):
the interpellation (质询案, D§14), the recall motion (罢免案, D§15) and the proposal for a
special investigation committee (组织特定问题调查委员会的提议, D§16). Each is drafted by a
lead deputy, co-signed (motions/signing.py), filed during the session and decided by the
presidium, as the secretariat records it.

Pure Python: no model is imported; who may act and the guards are in instrument_checks.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from congress.roles import Role
from congress.workflow import Action, State, Workflow, choose, move, record
from motions.workflow.instrument_checks import (
    after_the_session,
    author,
    in_session,
    invited,
    not_invited,
    proposer,
    unsatisfied_half,
)

DEPUTIES = frozenset({Role.DEPUTY, Role.DELEGATION_STAFF})
SIGNERS = frozenset({Role.DEPUTY})
# The presidium's decisions and the plenary's are recorded by the session's secretariat.
SECRETARIAT = frozenset({Role.SECRETARIAT})


class InterpellationStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    TO_ANSWER = "to_answer", gettext_lazy("To be answered")
    ANSWERED = "answered", gettext_lazy("Answered")
    REANSWER_REQUESTED = "reanswer_requested", gettext_lazy("New answer requested")
    CLOSED = "closed", gettext_lazy("Closed")


class PlenaryStatus(models.TextChoices):
    """A recall motion's or an investigation proposal's way to the plenary (D§15, D§16)."""

    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    TO_PLENARY = "to_plenary", gettext_lazy("Put to the plenary")
    ADOPTED = "adopted", gettext_lazy("Adopted")
    REJECTED = "rejected", gettext_lazy("Rejected")


IS = InterpellationStatus
P = PlenaryStatus


def _drafting(article: str) -> list[Action]:
    """Writing, co-signing and filing, the same for the three (D§14–D§16): the lead writes and
    invites; each invited deputy confirms the text or declines; the author files it while the
    session sits."""
    return [
        record("edit", [IS.DRAFT], roles=DEPUTIES, article=article, who=author,
               label=gettext_lazy("edited")),
        record("invite", [IS.DRAFT], roles=DEPUTIES, article=article, who=author,
               label=gettext_lazy("given new co-signers")),
        record("confirm", [IS.DRAFT], roles=SIGNERS, article=article, who=invited, denied=not_invited,
               label=gettext_lazy("co-signed")),
        record("decline", [IS.DRAFT], roles=SIGNERS, article=article, who=invited, denied=not_invited,
               label=gettext_lazy("declined")),
        move("submit", [IS.DRAFT], IS.SUBMITTED, roles=DEPUTIES, article=article, who=author, guard=in_session,
             label=gettext_lazy("submitted")),
    ]  # fmt: skip


# fmt: off
INTERPELLATION = Workflow(
    model="motions.Interpellation",
    noun=gettext_lazy("interpellation"),
    statuses=InterpellationStatus,
    states={
        IS.DRAFT: State(gettext_lazy("The lead deputy writes; co-signers are invited and confirm the text"), "D§14"),
        IS.SUBMITTED: State(gettext_lazy("Filed during the session; the presidium decides the form of the answer"), "D§14"),
        IS.TO_ANSWER: State(gettext_lazy("The body answers in writing or at an answer meeting the proposers attend"), "D§14"),
        IS.ANSWERED: State(gettext_lazy("Answered; each proposer says whether they are satisfied"), "D§14"),
        IS.REANSWER_REQUESTED: State(gettext_lazy("Half or more of the proposers are not satisfied and ask for a new answer; the presidium decides"), "D§14"),
        IS.CLOSED: State(gettext_lazy("Closed; made public after the session as the congress decides"), "D§14", done=True),
    },
    actions=[
        *_drafting("D§14"),
        move("decide_form", [IS.SUBMITTED], IS.TO_ANSWER, roles=SECRETARIAT, article="D§14",
             label=gettext_lazy("given the form of its answer")),
        record("record_speech", [IS.TO_ANSWER], roles=SECRETARIAT, article="D§14",
               label=gettext_lazy("spoken on at the answer meeting")),
        move("record_answer", [IS.TO_ANSWER], IS.ANSWERED, roles=SECRETARIAT, article="D§14",
             label=gettext_lazy("answered")),
        record("evaluate", [IS.ANSWERED], roles=SIGNERS, article="D§14", who=proposer,
               label=gettext_lazy("evaluated")),
        move("request_reanswer", [IS.ANSWERED], IS.REANSWER_REQUESTED, roles=DEPUTIES, article="D§14",
             who=proposer, guard=unsatisfied_half,
             label=gettext_lazy("the subject of a request for a new answer")),
        choose("decide_reanswer", {IS.REANSWER_REQUESTED: [IS.TO_ANSWER, IS.CLOSED]}, roles=SECRETARIAT,
               article="D§14", label=gettext_lazy("decided on a new answer")),
        move("close", [IS.ANSWERED], IS.CLOSED, roles=SECRETARIAT, article="D§14",
             label=gettext_lazy("closed")),
        record("publish", [IS.CLOSED], roles=SECRETARIAT, article="D§14", guard=after_the_session,
               label=gettext_lazy("made public")),
    ],
)


def _to_plenary(article: str) -> list[Action]:
    """The presidium puts it to the plenary, which decides (D§15, D§16)."""
    return [
        move("put_to_plenary", [P.SUBMITTED], P.TO_PLENARY, roles=SECRETARIAT, article=article,
             label=gettext_lazy("put to the plenary by the presidium")),
        choose("record_outcome", {P.TO_PLENARY: [P.ADOPTED, P.REJECTED]}, roles=SECRETARIAT, article=article,
               label=gettext_lazy("voted on")),
    ]


RECALL = Workflow(
    model="motions.Recall",
    noun=gettext_lazy("recall motion"),
    statuses=PlenaryStatus,
    states={
        P.DRAFT: State(gettext_lazy("The lead deputy writes the person and the reasons; co-signers confirm the text"), "D§15"),
        P.SUBMITTED: State(gettext_lazy("Filed by one tenth or more of all deputies during the session"), "D§15"),
        P.TO_PLENARY: State(gettext_lazy("The presidium put it to the plenary; the person may answer"), "D§15"),
        P.ADOPTED: State(gettext_lazy("The plenary adopted it"), "D§15", done=True),
        P.REJECTED: State(gettext_lazy("The plenary rejected it"), "D§15", done=True),
    },
    actions=[
        *_drafting("D§15"),
        # 被提出罢免的人员有权在主席团会议或者大会全体会议上提出申辩意见,或者书面提出申辩意见.
        record("record_defence", [P.SUBMITTED, P.TO_PLENARY], roles=SECRETARIAT, article="D§15",
               label=gettext_lazy("answered by the person named")),
        *_to_plenary("D§15"),
    ],
)

INVESTIGATION = Workflow(
    model="motions.InvestigationProposal",
    noun=gettext_lazy("investigation committee proposal"),
    statuses=PlenaryStatus,
    states={
        P.DRAFT: State(gettext_lazy("The lead deputy writes the question to investigate; co-signers confirm it in writing"), "D§16"),
        P.SUBMITTED: State(gettext_lazy("Proposed in writing by one tenth or more of all deputies during the session"), "D§16"),
        P.TO_PLENARY: State(gettext_lazy("The presidium put it to the plenary for its decision"), "D§16"),
        P.ADOPTED: State(gettext_lazy("The plenary decided to organise the investigation committee"), "D§16", done=True),
        P.REJECTED: State(gettext_lazy("The plenary decided against it"), "D§16", done=True),
    },
    actions=[*_drafting("D§16"), *_to_plenary("D§16")],
)
# fmt: on

# Filed ones: what the secretariat's intake and the archive read.
FILED = frozenset(InterpellationStatus.values) - {IS.DRAFT}
PLENARY_FILED = frozenset(PlenaryStatus.values) - {P.DRAFT}
