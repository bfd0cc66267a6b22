from django.conf import settings
from django.core.management.base import BaseCommand

from demo.accounts import demo_accounts_ensure
from demo.feedback import demo_feedback_ensure
from demo.practice import demo_practice_ensure
from demo.session import demo_session_ensure
from questions.importers.starter import (
    curated_lists_import,
    question_bank_summary,
    starter_bank_import,
)


class Command(BaseCommand):
    help = "Load the demo accounts and starter content. Safe to run again."

    def handle(self, *args, **options):
        accounts = demo_accounts_ensure()
        for step in demo_steps():
            self.stdout.write(step())
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo accounts (e-mail / password):"))
        for account in accounts:
            role = " (staff: admin and outbox)" if account.is_staff else ""
            self.stdout.write(
                f"  {account.email:<22} {account.password:<20} "
                f"{account.time_zone}{role}"
            )
        self.stdout.write(f"Open {settings.SITE_URL}/ and log in.")


def demo_steps():
    """The starter bank and lists (and what the bank then holds), then the demo's
    history, Alice's own practice and stories, and the next session; each step
    returns a summary."""
    return [
        starter_bank_import,
        curated_lists_import,
        question_bank_summary,
        demo_feedback_ensure,
        demo_practice_ensure,
        demo_session_ensure,
    ]
