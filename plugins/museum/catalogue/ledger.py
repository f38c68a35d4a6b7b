"""The ledger of published URLs, ``published-urls.txt`` beside ``collections/``: links that never break.

Schools print the museum's URLs, so a URL once published must keep working. ``build`` writes into the
ledger every record URL it has published (output/ledger.py) and never takes one out; ``check`` reports
each line that no record answers to any more, by its id or by an old id in its ``aliases`` (which keeps
the old URL working as a redirect). A record withdrawn on purpose is the one case where a URL may go:
its line is then deleted by hand, in the pull request that removes the record, where reviewers see it.

One line per URL, ``<folder>/<id>`` (``artifacts/jiefang-ca10-truck``): the record's page at that path
with a slash, in the site's own language, and under each other language's prefix (pages/i18n.py).
Sorted, so that a diff shows exactly what a change adds. The ledger lives beside the collections folder
it speaks for, never in it (a build changes nothing in ``collections/``: RECORDS.md), so another
collection (``--collections``) has its own; a collection without one (a new museum) has promised
nothing yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from museum.catalogue.index import Catalogue
from museum.records.fields import ID_MAX, ID_RE
from museum.records.loader import shown
from museum.records.models import KINDS
from museum.records.problems import Problem, os_error_text
from museum.records.yamlsource import NOT_UTF8

LEDGER = "published-urls.txt"  # beside the collections folder

HEADER = """\
# 已发布的网址 / Published URLs
#
# 每行是本馆发布过的一个网址：“类别目录/编号”，例如 artifacts/jiefang-ca10-truck 即中文页
# artifacts/jiefang-ca10-truck/ 和英文页 en/artifacts/jiefang-ca10-truck/。学校会打印和链接这些网址，
# 所以它们必须一直有效：python build.py check 要求每一行的编号仍有记录使用，或保留在改名后记录的
# aliases 中。本文件由 python build.py build 写入，只增不删；请随记录一起提交。确需撤下一条记录时，
# 删除它的这一行，并在拉取请求中说明原因（见 docs/contributing.md）。
#
# Each line is a URL this museum has published, as <folder>/<id>: artifacts/jiefang-ca10-truck is the
# Chinese page artifacts/jiefang-ca10-truck/ and the English page en/artifacts/jiefang-ca10-truck/.
# Schools print and link these URLs, so they must keep working: python build.py check requires that a
# record still has each id, or keeps it in its aliases once renamed. This file is written by
# python build.py build, which only adds lines; commit it with the records. To withdraw a record on
# purpose, delete its line and say why in the pull request (see docs/contributing.md).
"""

Key = tuple[str, str]  # (kind, id)
_BY_PATH = {kind.path: name for name, kind in KINDS.items()}  # a line's first part is its kind's URL path


@dataclass
class Ledger:
    path: str  # as shown to curators
    lines: dict[Key, tuple[int, int]] = field(default_factory=dict)  # each URL -> (line, column) that names it first
    problems: list[Problem] = field(default_factory=list)
    exists: bool = False


def ledger_file(collections: Path) -> Path:
    return collections.parent / LEDGER


def line_of(key: Key) -> str:
    """How the ledger writes a record's URL: ``artifacts/jiefang-ca10-truck``."""
    kind, rid = key
    return f"{KINDS[kind].path}/{rid}"


def ledger_text(keys: set[Key]) -> str:
    return HEADER + "\n" + "".join(f"{line}\n" for line in sorted(line_of(key) for key in keys))


def read_ledger(collections: Path, root: Path) -> Ledger:
    file = ledger_file(collections)
    ledger = Ledger(shown(file, root))
    try:
        raw = file.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # (no collections folder: the loader says so)
        return ledger
    except OSError as exc:
        zh, en = os_error_text(exc, ("无法读取文件", "cannot read the file"))
        ledger.problems.append(Problem(ledger.path, 1, 1, "", zh, en))
        return ledger
    try:
        text = raw.decode("utf-8-sig")  # (a byte-order mark, as some editors write, is harmless)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        ledger.problems.append(Problem(ledger.path, line, exc.start - raw.rfind(b"\n", 0, exc.start), "", *NOT_UTF8))
        return ledger
    ledger.exists = True
    paths = "、".join(_BY_PATH)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        path, _, rid = line.removesuffix("/").partition("/")  # (a URL copied with its slash is the same URL)
        if not rid or len(rid) > ID_MAX or not ID_RE.fullmatch(rid):
            ledger.problems.append(Problem(
                ledger.path, number, column, "",
                f"“{line}”不是已发布网址的写法：应为“类别目录/编号”，如 artifacts/jiefang-ca10-truck；以 # 开头的行是注释",
                f"'{line}' is not a published URL: write <folder>/<id>, e.g. artifacts/jiefang-ca10-truck; "
                f"lines starting with # are comments"))
        elif path not in _BY_PATH:
            ledger.problems.append(Problem(
                ledger.path, number, column, line, f"没有“{path}”这一类记录（应为 {paths} 之一）",
                f"there is no kind of record '{path}' (expected one of {', '.join(_BY_PATH)})"))
        else:
            ledger.lines.setdefault((_BY_PATH[path], rid), (number, column))
    return ledger


def published(cat: Catalogue) -> set[Key]:
    """Every record URL a build of ``cat`` publishes: each record's page, and a redirect at each old id."""
    keys = {(kind, rid) for kind, table in cat.records.items() for rid in table}
    return keys | {(kind, old) for kind, aliases in cat.aliases.items() for old in aliases}


def check_ledger(cat: Catalogue, unreadable: set[Key]) -> list[Problem]:
    """The ledger's problems: its own lines, and each published URL that no record answers to.
    ``unreadable``: the records whose files are there but could not be read; their own problems say
    why, and their URLs are not said to break as well."""
    ledger = read_ledger(cat.collections, cat.root)
    problems = list(ledger.problems)
    for key, (number, column) in ledger.lines.items():
        kind, rid = key
        if cat.resolve(kind, rid) is not None or key in unreadable:
            continue
        url = line_of(key)
        problems.append(Problem(
            ledger.path, number, column, url,
            f"已发布的网址 {url}/ 将失效：没有记录使用编号“{rid}”。如果记录改了名，请在新记录中加上 aliases: [{rid}]；"
            f"如果确实要撤下这条记录，请删除这一行，并在拉取请求中说明原因",
            f"the published URL {url}/ would break: no record has the id '{rid}'. If the record was renamed, add "
            f"aliases: [{rid}] to it; if it is withdrawn on purpose, delete this line and say why in the pull request"))
    return problems


def unrecorded(cat: Catalogue) -> list[str]:
    """The URLs a build would publish that the ledger does not hold yet (none when there is no ledger:
    the first build writes it whole)."""
    ledger = read_ledger(cat.collections, cat.root)
    if not ledger.exists:
        return []
    return sorted(line_of(key) for key in published(cat) - set(ledger.lines))
