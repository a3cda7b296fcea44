"""Progress of long work (embedding an ingest) on stderr: a bar on a terminal, periodic lines otherwise."""
from __future__ import annotations

import sys
import time


class ProgressBar:
    """Embedding progress on stderr: a bar on a terminal, a line every ~10% (or 30 s) otherwise.

    After the first batch it knows the pace; when the whole job will take minutes it says so with
    the estimate, so nobody waits half an hour in silence.
    """

    def __init__(self, total: int, stream=None, clock=time.monotonic) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.clock = clock
        self.started = clock()
        self.last_line = self.started
        self.last_pct = 0
        self.warned = False

    def _remaining(self, done: int) -> float:
        elapsed = self.clock() - self.started
        return elapsed / max(done, 1) * (self.total - done)

    def update(self, done: int) -> None:
        if not self.warned and done:
            self.warned = True
            left = self._remaining(done)
            if left >= 60:
                self.stream.write(f"共 {self.total} 个片段要嵌入,预计需要约 {_duration(left)};"
                                  f"可以先做别的,完成后会显示结果。\n")
        if self.tty:
            width = 30
            filled = int(width * done / max(self.total, 1))
            self.stream.write(f"\r嵌入中 [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}"
                              f",还需约 {_duration(self._remaining(done))}   ")
            self.stream.flush()
            return
        pct = 100 * done // max(self.total, 1)
        now = self.clock()
        if done == self.total or pct >= self.last_pct + 10 or now - self.last_line >= 30:
            self.last_pct, self.last_line = pct, now
            self.stream.write(f"嵌入中 {done}/{self.total}({pct}%),还需约 {_duration(self._remaining(done))}\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(int(seconds), 1)} 秒"
    if seconds < 3600:
        return f"{round(seconds / 60)} 分钟"
    return f"{seconds / 3600:.1f} 小时"
