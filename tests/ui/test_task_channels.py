"""TaskRunner channels: only the newest task of a channel delivers, and superseded ones are not run."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from frontdesk.ui.tasks import TaskRunner


def test_superseded_channel_tasks_are_skipped_and_only_the_newest_delivers(qtbot: QtBot) -> None:
    runner = TaskRunner()
    runner._pool.setMaxThreadCount(1)  # one thread: the channel tasks queue behind the blocker
    release = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    runner.submit(lambda: release.wait(5))  # no channel: occupies the only thread
    for text in ("s", "sm", "smi"):
        runner.submit(lambda text=text: ran.append(text) or text, delivered.append, channel="search")
    other: list[str] = []
    runner.submit(lambda: "figures", other.append, channel="overview")  # another channel: runs
    release.set()
    assert runner.wait_idle(5000)
    assert ran == ["smi"]
    assert delivered == ["smi"]
    assert other == ["figures"]
    assert runner.is_idle()


def test_a_task_running_when_superseded_finishes_but_does_not_deliver(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        return "old"

    runner.submit(slow, delivered.append, channel="search")
    assert started.wait(5)
    runner.submit(lambda: "new", delivered.append, channel="search")
    release.set()
    assert runner.wait_idle(5000)
    assert delivered == ["new"]
