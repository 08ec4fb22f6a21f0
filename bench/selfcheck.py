"""Smoke benchmark of the harness itself: the home page against the bare view."""

from bench import common


def main() -> None:
    common.setup_django()
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("seed_demo", "--quiet-logins")
    from community.members.models import User

    with common.server() as url:
        cookie = common.session_cookie(User.objects.get(email="astrid@demo.samspill.no"))
        summary = common.compare(
            url,
            {
                "bare view (ceiling)": ("/bench/bare/", None),
                "home page, visitor": ("/", None),
                "home page, member": ("/", cookie),
            },
            repeats=3,
            requests=150,
        )
    common.print_table(summary, ceiling="bare view (ceiling)")


if __name__ == "__main__":
    main()
