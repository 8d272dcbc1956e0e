"""Links in emails and SMS must point at the public portal, also when nobody set the URL."""

import pytest

from tests.congress.test_deploy_settings import PRODUCTION_ENV, run_manage

PRINT_BASE_URL = "from django.conf import settings; print(settings.PORTAL_BASE_URL)"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://portal.example.gov.cn"),
        ({"ALLOWED_HOSTS": ".example.gov.cn,rd.example.gov.cn"}, "https://rd.example.gov.cn"),
        ({"PORTAL_BASE_URL": "https://rd.example.gov.cn/"}, "https://rd.example.gov.cn"),
    ],
)
def test_production_links_use_the_public_host(env, expected):
    result = run_manage("shell", "-c", PRINT_BASE_URL, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_production_refuses_to_guess_the_public_host_from_a_wildcard():
    result = run_manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": ".example.gov.cn"})
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be set" in result.stderr
