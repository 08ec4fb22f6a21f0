"""Record a release's test results for the approval pack and the accessibility statement.

    pytest --ds=community.settings.test --junitxml=report.xml
    python manage.py record_release_checks report.xml

Writes community/policies/release_checks.json: totals for all tests, for the security
and access tests, and for the accessibility tests (every test module that runs axe).
"""

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from community.policies.selectors import RELEASE_CHECKS

SECURITY_MODULES = (
    "test_access_matrix",
    "test_access",
    "test_files",
    "test_content_policy",
    "test_security",
    "test_privacy",
    "test_accounts",
    "test_sockets",
    "test_settings",
)


def _module(classname: str) -> str:
    """tests.community.test_files(.TestClass) -> test_files"""
    parts = classname.split(".")
    return next((part for part in reversed(parts) if part.startswith("test_")), parts[-1])


def _runs_axe(module: str) -> bool:
    return any(
        "assert_accessible(" in path.read_text(encoding="utf-8")
        for path in (Path(settings.BASE_DIR) / "tests").rglob(f"{module}.py")
    )


def _version() -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", "describe", "--always", "--dirty"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


class Command(BaseCommand):
    help = "Summarise a pytest JUnit XML report for the approval pack."

    def add_arguments(self, parser):
        parser.add_argument("report", help="pytest --junitxml output")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="The report covers only some suites (make release-checks): no 'all' total.",
        )

    def handle(self, report, partial=False, **options):
        try:
            cases = ElementTree.parse(report).getroot().iter("testcase")  # noqa: S314
        except (OSError, ElementTree.ParseError) as exc:
            raise CommandError(f"Cannot read {report}: {exc}") from exc
        groups = {
            name: {"passed": 0, "failed": 0, "total": 0}
            for name in ("all", "security", "accessibility")
        }
        axe = {}
        for case in cases:
            if case.find("skipped") is not None:
                continue
            module = _module(case.get("classname", ""))
            if module not in axe:
                axe[module] = _runs_axe(module)
            failed = case.find("failure") is not None or case.find("error") is not None
            names = ["all"]
            if module in SECURITY_MODULES:
                names.append("security")
            if axe[module]:
                names.append("accessibility")
            for name in names:
                groups[name]["total"] += 1
                groups[name]["passed"] += 0 if failed else 1
                groups[name]["failed"] += 1 if failed else 0
        result = {
            "recorded_at": timezone.now().date().isoformat(),
            "version": _version(),
            **groups,
        }
        if partial:
            del result["all"]
        RELEASE_CHECKS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(json.dumps(result))
