"""What changed in a seeds folder since the last look: the sensor's pure logic.

The state remembered per file is `size:mtime_ns:sha256[:12]`; a file whose size and
modification time are unchanged is not read again. New files are files with no
partition yet; changed files have a partition and a different content hash; removed
files have a partition and no file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingestion.files import hash_entry, scan_folder


@dataclass
class FolderPlan:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)  # path -> size:mtime:sha12

    @property
    def is_idle(self) -> bool:
        return not (self.new or self.changed or self.removed)

    def content_key(self, path: str) -> str:
        """The run key part for one file: name + content hash."""
        return f"{path}:{self.state[path].rsplit(':', 1)[-1]}"

    def batch_key(self, paths: Sequence[str]) -> str:
        digest = hashlib.sha256("\n".join(self.content_key(p) for p in paths).encode()).hexdigest()[:16]
        return f"batch:{len(paths)}:{digest}"


def plan_folder_changes(root: Path, max_bytes: int, registered: Sequence[str], previous: dict[str, str]) -> FolderPlan:
    plan = FolderPlan()
    known = set(registered)
    for entry in scan_folder(root, max_bytes) if root.is_dir() else []:
        stat_key = f"{entry.size}:{entry.mtime_ns}"
        before = previous.get(entry.path)
        if before and before.rsplit(":", 1)[0] == stat_key and entry.problem is None:
            plan.state[entry.path] = before
        else:
            plan.state[entry.path] = f"{stat_key}:{hash_entry(entry, max_bytes)[:12]}"
        if entry.path not in known:
            plan.new.append(entry.path)
        elif before is None or before.rsplit(":", 1)[1] != plan.state[entry.path].rsplit(":", 1)[1]:
            plan.changed.append(entry.path)
    plan.removed = sorted(known - set(plan.state))
    return plan
