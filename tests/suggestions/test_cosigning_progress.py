"""The lead sees how far the co-signers are ("1 of 2 co-signers confirmed") on the draft and in
"my suggestions", and the file button is enabled only when filing can succeed, saying why not."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from suggestions.services.filing import cosigner_confirm, cosigner_invite

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_draft_shows_the_progress_and_a_disabled_button_with_the_reason(
    client: Any, lead: Any, joint_draft: Any, make_deputy: Any
) -> None:
    s, co = joint_draft
    cosigner_invite(suggestion=s, deputies=[make_deputy("赵强")], actor=lead.user)
    cosigner_confirm(suggestion=s, actor=co.user)
    client.force_login(lead.user)
    html = client.get(reverse("suggestions:detail", args=[s.pk]), **EN).content.decode()
    assert "1 of 2 co-signers confirmed" in html
    assert 'disabled aria-describedby="submit-blocked"' in html
    assert "赵强" in html.split('id="submit-blocked"')[1].split("</p>")[0]


def test_the_button_is_enabled_once_every_co_signer_confirmed(
    client: Any, lead: Any, joint_draft: Any
) -> None:
    s, co = joint_draft
    cosigner_confirm(suggestion=s, actor=co.user)
    client.force_login(lead.user)
    html = client.get(reverse("suggestions:detail", args=[s.pk]), **EN).content.decode()
    assert "1 of 1 co-signers confirmed" in html
    assert "submit-blocked" not in html


def test_my_suggestions_show_each_joint_drafts_progress(client: Any, lead: Any, joint_draft: Any) -> None:
    client.force_login(lead.user)
    assert "0 of 1 co-signers confirmed" in client.get(reverse("suggestions:mine"), **EN).content.decode()


def test_the_lead_is_told_when_a_co_signer_confirms(lead: Any, joint_draft: Any) -> None:
    s, co = joint_draft
    cosigner_confirm(suggestion=s, actor=co.user)
    notice = lead.user.notifications.get(kind="cosign_confirmed")
    assert "王芳" in notice.subject and notice.link == s.get_absolute_url()
