"""Problems found in curators' files, as data.

A problem says where (file, line, column, field) and what (one message in Chinese and one in
English). The command line formats problems for people, for JSON tools and for GitHub
annotations; nothing else in the museum prints them.
"""

from __future__ import annotations

import errno
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, e.g. "collections/artifacts/x.yaml"
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # dotted path inside the record, e.g. "sections.0.title"; "" for the file
    zh: str
    en: str

    def __str__(self) -> str:
        field = self.field or "-"
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.zh} / {self.en}"

    def github_annotation(self) -> str:
        field = self.field or "-"
        return github_command("error", f"{field}: {self.zh} / {self.en}", self.path, self.line, self.column)


def github_command(level: str, message: str, file: str, line: int | None = None, col: int | None = None) -> str:
    """A GitHub workflow command (``::error file=…::message``): an annotation on the pull request's file."""
    # GitHub workflow commands need %, CR and LF escaped in both properties and message.
    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:  # properties escape ',' and ':' too, as GitHub's toolkit does
        return esc(text).replace(":", "%3A").replace(",", "%2C")

    props = f"file={prop(file)}" + (f",line={line},col={col}" if line is not None else "")
    return f"::{level} {props}::{esc(message)}"


class CollectionError(Exception):
    """Raised by stages that refuse to go on because the collection has problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the collection")


def problems_to_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in sorted(problems)], ensure_ascii=False, indent=2)


# errno -> (Chinese, English): what a curator can do something about, said in both languages.
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EDQUOT: ("超出磁盘配额", "the disk quota is used up"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("不允许此操作", "the operation is not permitted"),
    errno.EROFS: ("磁盘是只读的", "the disk is read-only"),
    errno.ENOENT: ("文件或目录不存在", "no such file or folder"),
    errno.ENOTDIR: ("路径中有一段不是目录", "part of the path is not a folder"),
    errno.EISDIR: ("这是一个目录，不是文件", "it is a folder, not a file"),
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long"),
    errno.EIO: ("磁盘读写错误", "the disk reported an input/output error"),
}


def os_error_text(exc: OSError, doing: tuple[str, str] = ("无法读写", "cannot read or write")) -> tuple[str, str]:
    """An operating-system error as (中文, English), naming the file: 'cannot write site/x: the disk is full'."""
    zh, en = _OS_ERRORS.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
    where = exc.filename if exc.filename is not None else ""
    where = f" {where}" if where else ""
    return f"{doing[0]}{where}：{zh}", f"{doing[1]}{where}: {en}"
