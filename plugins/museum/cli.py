"""The command line: ``python build.py check | new | import | schemas | build | serve``.

Every command prints problems the same way and exits 1 when there are any; no traceback reaches
a curator (an unexpected failure is reported as an internal error with a hint, exit 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from museum.records.problems import Problem, github_command, os_error_text, problems_to_json
from museum.records.cache import cache_folder
from museum.records.models import KINDS

ROOT = Path(__file__).resolve().parents[2]


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        print(problems_to_json(problems))
        return
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())
    if problems:
        files = len({p.path for p in problems})
        print(f"发现 {len(problems)} 个问题，涉及 {files} 个文件 / {len(problems)} problem(s) in {files} file(s)",
              file=sys.stderr)


RECORD_CACHE = cache_folder(ROOT)  # unchanged records are not read again (records/cache.py)


def cmd_check(args: argparse.Namespace) -> int:
    from museum.catalogue.check import check_collection, summary

    cat, problems = check_collection(args.collections, ROOT, RECORD_CACHE)
    if args.paths:
        wanted = [_shown(p) for p in args.paths]
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    _print_problems(problems, args.format)
    if problems:
        if args.summary:
            _summarise(problems, cat, args.format)
        return 1
    if args.format == "json":
        return 0
    print(summary(cat))
    unrecorded = _say_unrecorded(cat)
    if args.summary:
        from museum.catalogue.completeness import summary_lines

        scores = summary_lines(cat)  # (what to improve, once nothing is wrong)
        print("\n".join(scores))
        _summarise(problems, cat, args.format, [summary(cat), *unrecorded, *scores])
    return 0


def _say_unrecorded(cat) -> list[str]:
    """New URLs are no problem, but the ledger should come with them in the same pull request: then
    the build that publishes them (CI's, say) finds nothing to add and nothing is left to commit."""
    from museum.catalogue.ledger import ledger_file, unrecorded

    new = unrecorded(cat)
    if not new:
        return []
    ledger = _shown(str(ledger_file(cat.collections)))
    some = "、".join(new[:3]) + ("……" if len(new) > 3 else "")
    zh = (f"有 {len(new)} 个新网址尚未写入 {ledger}（{some}）：运行 python build.py build 会写入，"
          f"请把它随记录一起提交")
    en = (f"{len(new)} new URL(s) not yet in {ledger} ({', '.join(new[:3])}{', …' if len(new) > 3 else ''}): "
          f"python build.py build writes them; commit it with the records")
    print(f"{zh} / {en}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(github_command("warning", f"{zh} / {en}", ledger))
    return [f"{zh} / {en}"]


# --- check --summary -----------------------------------------------------------------------------
def _summarise(problems: list[Problem], cat, fmt: str, said: Sequence[str] = ()) -> None:
    """After the problem list: the problems grouped (catalogue/overview.py); on GitHub Actions also as
    Markdown in the workflow run's summary (the file GITHUB_STEP_SUMMARY names). ``said``: when there
    are no problems, the lines check said instead."""
    from museum.catalogue.overview import group_problems

    groups = group_problems(problems, cat.collections, cat.root)
    if problems and fmt == "text":  # (JSON output stays JSON)
        print()
        print("\n".join(_summary_text(groups)))
    step = os.environ.get("GITHUB_STEP_SUMMARY")
    if step:
        try:
            with open(step, "a", encoding="utf-8") as out:
                out.write(_summary_markdown(groups, said))
        except OSError as exc:  # the summary is a convenience: the check's result stands
            zh, en = os_error_text(exc, ("无法写入 GITHUB_STEP_SUMMARY", "cannot write GITHUB_STEP_SUMMARY"))
            print(f"{zh} / {en}", file=sys.stderr)


def _counted(groups) -> tuple[int, int]:
    problems = [p for g in groups for p in g.problems]
    return len(problems), len({p.path for p in problems})


def _summary_text(groups) -> list[str]:
    total, files = _counted(groups)
    lines = [f"问题汇总：{total} 个问题，涉及 {files} 个文件，共 {len(groups)} 种 / Summary: {total} problem(s) in "
             f"{files} file(s), {len(groups)} different one(s)"]
    for kind, of_kind in _by_kind(groups):
        lines.append(f"{kind[0]} / {kind[1]}：{sum(len(g.problems) for g in of_kind)}")
        for group in of_kind:  # one line each: how many, the message, where the first few are
            more = len(group.problems) - len(group.examples)
            where = ", ".join(f"{p.path}:{p.line}:{p.column}" for p in group.examples)
            where += f"；另有 {more} 处 / and {more} more" if more else ""
            lines.append(f"  {len(group.problems)} × {group.zh} / {group.en}（{where}）")
    return lines


def _by_kind(groups):
    kinds: dict = {}
    for group in groups:
        kinds.setdefault(group.kind, []).append(group)
    return kinds.items()


def _md(text: str) -> str:
    """Text in a Markdown table cell, shown as it is: <folder> is no HTML tag, | no column."""
    return "".join(f"\\{ch}" if ch in "\\`*_[]<>|&" else ch for ch in text).replace("\n", " ")


def _summary_markdown(groups, said: Sequence[str]) -> str:
    if not groups:
        return "### 记录检查通过 / Records check passed\n\n" + "".join(f"{_md(line)}\n\n" for line in said)
    total, files = _counted(groups)
    lines = [f"### 记录检查：{total} 个问题，涉及 {files} 个文件 / Records check: {total} problem(s) in {files} file(s)",
             "", "| 记录类别 / Kind | 个数 / Count | 问题 / Problem | 例如 / For example |", "| --- | ---: | --- | --- |"]
    for kind, of_kind in _by_kind(groups):
        for group in of_kind:
            more = len(group.problems) - len(group.examples)
            where = "<br>".join(_md(f"{p.path}:{p.line}:{p.column}") for p in group.examples)
            where += f"<br>另有 {more} 处 / and {more} more" if more else ""
            lines.append(f"| {_md(kind[0])} / {_md(kind[1])} | {len(group.problems)} "
                         f"| {_md(group.zh)}<br>{_md(group.en)} | {where} |")
    return "\n".join(lines) + "\n\n"


def _shown(path: str) -> str:
    full = Path(path).resolve()
    try:
        return full.relative_to(ROOT).as_posix()
    except ValueError:
        return full.as_posix()


def cmd_new(args: argparse.Namespace) -> int:
    from museum.records.scaffold import NewRecordError, write_template

    try:
        written = write_template(args.collections, args.kind, args.id)
    except NewRecordError as error:
        print(f"{error.zh} / {error.en}", file=sys.stderr)
        return 1
    print(f"已创建 / created: {_shown(str(written))}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.kind == "artifacts":
        from museum.importers.artifacts import import_artifacts

        if args.mapping is None:
            print("导入藏品需要映射文件：--mapping 映射.yaml（见 docs/artifact-import.md）/ importing artifacts needs "
                  "a mapping file: --mapping MAPPING.yaml (see docs/artifact-import.md)", file=sys.stderr)
            return 1
        report = import_artifacts(args.file, args.mapping, args.collections, shown=_shown(str(args.file)),
                                  mapping_shown=_shown(str(args.mapping)))
    else:
        from museum.importers.heritage import import_heritage

        report = import_heritage(args.file, args.collections, shown=_shown(str(args.file)))
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def cmd_schemas(args: argparse.Namespace) -> int:
    from museum.records.loader import vocabulary_entries
    from museum.records.schemas import write_schemas

    for path in write_schemas(ROOT / "schemas", vocabulary_entries(args.collections)):
        print(_shown(str(path)))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from museum.catalogue.check import check_collection
    from museum.catalogue.ledger import ledger_file
    from museum.adapters.mkdocs.build import BuildFailed, UnsafeSiteDir, build_site, checked_site_dir
    from museum.output.ledger import record_published

    try:  # before anything else: a folder the build must not replace is refused with nothing touched
        checked_site_dir(ROOT / "mkdocs.yml", args.site_dir, args.collections)
    except UnsafeSiteDir as error:
        print(f"{error.zh}\n{error.en}", file=sys.stderr)
        return 1
    cat, problems = check_collection(args.collections, ROOT, RECORD_CACHE)
    if problems:
        _print_problems(problems, "text")
        print("记录有问题，未构建网站；原有 site/ 保持不变 / not built: the records have problems; "
              "the previous site/ is unchanged", file=sys.stderr)
        return 1
    # The MkDocs plugin reads the records folder from mkdocs.yml, which takes it from here.
    os.environ["MUSEUM_COLLECTIONS"] = str(args.collections.resolve())
    if args.no_search:
        os.environ["MUSEUM_SEARCH"] = "off"
    try:
        build_site(ROOT / "mkdocs.yml", args.site_dir, args.collections, checked=cat)
    except UnsafeSiteDir as error:
        print(f"{error.zh}\n{error.en}", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(f"构建失败，原有 site/ 保持不变 / build failed, the previous site/ is unchanged:\n{error}", file=sys.stderr)
        return 1
    print(f"已生成 / built: {_shown(str(args.site_dir))}")
    added = record_published(cat)  # the site is in place: its URLs are promised from now on
    if added:
        ledger = _shown(str(ledger_file(cat.collections)))
        print(f"已将 {len(added)} 个新网址写入 {ledger}，请随记录一起提交 / {len(added)} new URL(s) written to "
              f"{ledger}; commit it with the records")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from museum.catalogue.check import check_collection
    from museum.adapters.mkdocs.build import preview_url, serve_site

    if args.dev_addr and (args.host or args.port):
        print("--dev-addr 与 --host、--port 只能选一种写法 / give either --dev-addr or --host and --port, not both",
              file=sys.stderr)
        return 2
    host, port = args.dev_addr or (args.host or DEFAULT_HOST, args.port or DEFAULT_PORT)
    _, problems = check_collection(args.collections, ROOT, RECORD_CACHE)
    if problems:
        _print_problems(problems, "text")
        return 1
    os.environ["MUSEUM_COLLECTIONS"] = str(args.collections.resolve())
    print(f"预览 / preview: {preview_url(ROOT / 'mkdocs.yml', host, port)}  (Ctrl+C 停止 / to stop)")
    serve_site(ROOT / "mkdocs.yml", host, port, poll=args.poll)
    return 0


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000  # the preview: this computer only


def _host(value: str) -> str:
    """An address to serve on, as MkDocs takes it: an IP address (IPv6 with or without brackets) or localhost."""
    import ipaddress

    bare = value.removeprefix("[").removesuffix("]")
    try:
        return bare if bare == "localhost" else str(ipaddress.ip_address(bare))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}”不是 IP 地址：应为 127.0.0.1（只有本机能访问）、0.0.0.0（同一网络中的其他设备也能访问）"
            f"或 localhost / '{value}' is not an IP address: use 127.0.0.1 (this computer only), 0.0.0.0 (other "
            f"devices on the same network too) or localhost") from None


def _port(value: str) -> int:
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 65535:
        return int(value)
    raise argparse.ArgumentTypeError(f"端口应为 1 到 65535 之间的整数，而不是“{value}”/ the port must be a whole "
                                     f"number from 1 to 65535, not '{value}'")


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"应写作 地址:端口，如 127.0.0.1:8000，而不是“{value}”/ write HOST:PORT, "
                                         f"e.g. 127.0.0.1:8000, not '{value}'")
    return _host(host), _port(port)


EXAMPLES = """\
例如 / for example:
  python build.py check                       检查全部记录 / check every record
  python build.py check --summary             并按类归纳问题 / and the problems grouped, with counts
  python build.py serve --port 8001           在 http://127.0.0.1:8001/ 预览 / preview at http://127.0.0.1:8001/
  python build.py serve --host 0.0.0.0        同一网络中的其他设备也能预览 / other devices on the network may preview
  SITE_URL=https://museum.example/ python build.py build
                                              为部署而构建：网站的公开地址（见 README）/ build for deploying: the
                                              site's public address (see the README)
每个命令的选项 / each command's options: python build.py COMMAND --help
"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="build.py", description="国家数字工业博物馆 / National Digital Industrial Museum",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    ap.add_argument("--collections", type=Path, default=ROOT / "collections",
                    help="records folder (default: collections/)")
    sub = ap.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="检查记录 / check the records")
    check.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--summary", action="store_true",
                       help="在问题列表之后按记录类别和问题归类汇总，附个数和几处例子；设置了 GITHUB_STEP_SUMMARY 时，"
                            "也以 Markdown 追加到该文件（GitHub 在工作流运行页显示）/ after the list, the problems grouped "
                            "by kind of record and by message, with counts and a few places; with GITHUB_STEP_SUMMARY "
                            "set, also appended to that file as Markdown (GitHub shows it on the workflow run)")
    check.set_defaults(run=cmd_check)

    new = sub.add_parser("new", help="新建记录模板 / write a template record")
    new.add_argument("kind", choices=list(KINDS))
    new.add_argument("id")
    new.set_defaults(run=cmd_new)

    build = sub.add_parser("build", help="检查并生成网站 / check, then build site/")
    build.add_argument("--site-dir", type=Path, default=ROOT / "site")
    build.add_argument("--no-search", action="store_true", help="skip the search index (benchmarks)")
    build.set_defaults(run=cmd_build)

    serve = sub.add_parser("serve", help="本地预览，记录改动后自动重建 / live preview")
    serve.add_argument("--port", type=_port,
                       help=f"端口（默认 {DEFAULT_PORT}），如 8000 已被占用时用 --port 8001 / the port (default "
                            f"{DEFAULT_PORT}), e.g. --port 8001 when 8000 is taken")
    serve.add_argument("--host", type=_host,
                       help=f"地址（默认 {DEFAULT_HOST}，只有本机能访问）；0.0.0.0 让同一网络中的手机、电脑也能预览 / the "
                            f"address (default {DEFAULT_HOST}: this computer only); 0.0.0.0 lets phones and computers "
                            f"on the same network preview too")
    serve.add_argument("--dev-addr", type=_address, metavar="HOST:PORT",
                       help="同 --host HOST --port PORT / the same as --host HOST --port PORT")
    serve.add_argument("--poll", action="store_true",
                       help="轮询查找改动（网络盘、容器共享目录）/ look for changes by polling (network drives, "
                            "folders shared into containers)")
    serve.set_defaults(run=cmd_serve)

    imp = sub.add_parser("import", help="由表格（CSV 或 .xlsx）导入记录 / import records from a spreadsheet (CSV or .xlsx)")
    imp.add_argument("kind", choices=["heritage", "artifacts"])
    imp.add_argument("file", type=Path, help="CSV (UTF-8) or Excel workbook (.xlsx) (docs/heritage-import.md, "
                                             "docs/artifact-import.md)")
    imp.add_argument("--mapping", type=Path, help="artifacts: which column gives which field (docs/artifact-import.md)")
    imp.add_argument("--collections", type=Path, default=argparse.SUPPRESS, help="records folder (default: collections/)")
    imp.set_defaults(run=cmd_import)

    schemas = sub.add_parser("schemas", help="导出 JSON Schema / write schemas/*.schema.json")
    schemas.set_defaults(run=cmd_schemas)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a full or read-only disk, a folder without permission: the curator can act on it
        if os.environ.get("MUSEUM_DEBUG"):
            raise
        zh, en = os_error_text(exc)
        print(f"{zh} / {en}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence for curators
        if os.environ.get("MUSEUM_DEBUG"):
            raise
        print(f"内部错误：{exc!r}（设置 MUSEUM_DEBUG=1 查看详情）/ internal error: {exc!r} "
              f"(set MUSEUM_DEBUG=1 for details)", file=sys.stderr)
        return 2
