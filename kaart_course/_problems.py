"""What every data loader reports: one problem per unusable field, and the error that gathers them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """``file:line: item: field: message`` — where the reader must look, and what is wrong."""

    path: Path
    line: int
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.item}: {self.field}: {self.message}"


class DataError(ValueError):
    """Data that cannot be used as written; ``problems`` lists every reason, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
