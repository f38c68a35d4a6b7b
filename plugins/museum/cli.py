"""The command line: ``python build.py check | new | import | schemas | build | serve``.

Every command prints problems the same way and exits 1 when there are any; no traceback reaches
a curator (an unexpected failure is reported as an internal error with a hint, exit 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from museum.records.problems import Problem, os_error_text, problems_to_json
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
        return 1
    if args.format == "json":
        return 0
    print(summary(cat))
    return 0


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
    from museum.adapters.mkdocs.build import BuildFailed, UnsafeSiteDir, build_site, checked_site_dir

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
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from museum.catalogue.check import check_collection
    from museum.adapters.mkdocs.build import serve_site

    _, problems = check_collection(args.collections, ROOT, RECORD_CACHE)
    if problems:
        _print_problems(problems, "text")
        return 1
    os.environ["MUSEUM_COLLECTIONS"] = str(args.collections.resolve())
    print(f"预览 / preview: http://{args.dev_addr}/  (Ctrl+C 停止 / to stop)")
    serve_site(ROOT / "mkdocs.yml", args.dev_addr, poll=args.poll)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="build.py", description="国家数字工业博物馆 / National Digital Industrial Museum")
    ap.add_argument("--collections", type=Path, default=ROOT / "collections",
                    help="records folder (default: collections/)")
    sub = ap.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="检查记录 / check the records")
    check.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    check.add_argument("--format", choices=["text", "json"], default="text")
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
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
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
