"""What the import and export commands share: the acting user, and a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError

EXIT_BAD_INPUT = 2  # as the other seawall commands: bad input from a file or a person


def acting_user(username: str) -> Any:
    from seawall.accounts.models import User

    user = User.objects.select_related("agency").filter(username=username).first()
    if user is None:
        raise CommandError(f"no user {username!r}: give the username of the person on whose behalf this runs",
                           returncode=EXIT_BAD_INPUT)
    if not user.is_active:
        raise CommandError(f"user {username!r} is deactivated", returncode=EXIT_BAD_INPUT)
    return user


class Bar:
    """A tqdm bar on stderr, fed by (done, total) callbacks; silent when stderr is not a
    terminal unless asked, so logs of scheduled runs stay readable."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=self.label, unit="row", file=sys.stderr, leave=True,
                            dynamic_ncols=True, mininterval=0.3)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()  # the next stage's bar starts below, and this one keeps its own time

    def close(self) -> None:
        if self.bar is not None and not self.bar.disable:
            self.bar.close()
            self.bar.disable = True


def progress_wanted(option: str | None) -> bool:
    if option == "always":
        return True
    if option == "never":
        return False
    return sys.stderr.isatty()


ProgressCallback = Callable[[int, int], None]
