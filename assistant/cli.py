"""Command line: ``assistant ingest|search|lint|ask|goal|calendar|clean|serve``. Only wiring lives here."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _settings():
    from .settings import Settings

    return Settings.from_env()


def _err(msg: str) -> None:
    print(f"assistant: {msg}", file=sys.stderr)


def _emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


# --- ingest / search / clean ---------------------------------------------------------------------
def cmd_ingest(args) -> int:
    from .store import Store

    store = Store(_settings())
    report = store.ingest([Path(p) for p in args.paths] or None, rebuild=args.rebuild, progress=True)
    for e in report.errors:
        _err(e)
    if args.json:
        _emit_json(report.to_dict())
    else:
        print(report.summary())
    return 2 if report.errors else 0


def cmd_search(args) -> int:
    from .retrieval import QueryError, get_searcher

    searcher = get_searcher(_settings())
    status = 0
    for q in args.query:
        try:
            hits = searcher.search(q, k=args.k)
        except QueryError as e:
            _err(str(e))
            status = 2
            continue
        if args.json:
            _emit_json({"query": q, "hits": [h.to_dict() for h in hits]})
        else:
            print(f"# {q}")
            for i, h in enumerate(hits, 1):
                print(f"{i}. [{h.score:.4f}] 《{h.title}》({h.source})")
                print("   " + h.text.replace("\n", "\n   "))
            print()
    return status


def cmd_clean(args) -> int:
    from .corpus import CorpusError, iter_files, load_file

    status = 0
    out = Path(args.output) if args.output else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for f in iter_files([Path(p) for p in args.paths]):
        try:
            art = load_file(f)
        except CorpusError as e:
            _err(str(e))
            status = 2
            continue
        md = art.to_markdown()
        if out:
            (out / (f.stem + ".md")).write_text(md, encoding="utf-8")
            print(f"{f} -> {out / (f.stem + '.md')}")
        else:
            print(md)
    return status


# --- lint ------------------------------------------------------------------------------------------
def _read_posts(args) -> tuple[list[tuple[str, int, str]], list[str]]:
    """(file label, line number, text) for each post, and input errors."""
    from .corpus import CorpusError, read_text

    posts: list[tuple[str, int, str]] = []
    errors: list[str] = []
    sources = args.files or ["-"]
    for src in sources:
        if src == "-":
            data = sys.stdin.buffer.read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                errors.append("<stdin>: 输入不是 UTF-8 文本")
                continue
            label = "<stdin>"
        else:
            p = Path(src)
            if not p.is_file():
                errors.append(f"{src}: 文件不存在")
                continue
            try:
                text = read_text(p)
            except CorpusError as e:
                errors.append(str(e))
                continue
            label = src
        if args.batch:
            for i, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    posts.append((label, i, line))
        else:
            posts.append((label, 1, text))
    return posts, errors


def _line_col(text: str, offset: int, first_line: int) -> tuple[int, int]:
    before = text[:offset]
    line = first_line + before.count("\n")
    col = offset - (before.rfind("\n") + 1) + 1
    return line, col


def cmd_lint(args) -> int:
    from .guard import filter_findings, lint_post

    if args.second_opinion:
        from functools import partial

        from .review import review_post

        settings = _settings()
        if not settings.online:
            _err("--second-opinion 需要配置模型(OPENAI_API_KEY 或 OPENAI_BASE_URL)")
            return 2
        lint_post = partial(review_post, settings=settings)  # noqa: F811 - same signature, plus the model

    try:
        posts, errors = _read_posts(args)
    except KeyboardInterrupt:
        return 2
    any_flagged = False
    for label, line0, text in posts:
        try:
            report = lint_post(text, group_type=args.group_type, goal=args.goal)
        except ValueError as e:
            _err(str(e))
            return 2
        shown = filter_findings(report, args.min_severity)
        flagged = report.flagged and (bool(shown) or bool(report.second_opinion))
        any_flagged |= flagged
        if args.format == "json":
            d = report.to_dict()
            d["findings"] = [f.to_dict() for f in shown]
            d["flagged"] = flagged
            _emit_json({"file": label, "line": line0, "text": text, **d})
        else:
            for f in shown:
                ln, col = _line_col(text, f.start, line0)
                print(f"{label}:{ln}:{col}: {f.code} [{f.severity}] {f.message} «{f.excerpt}»")
                print(f"    建议:{f.suggestion}")
            op = report.second_opinion
            if op:
                verdict = op.get("error") or ("是广告" if op["market_norm"] else "不是广告") + f":{op['reason']}"
                print(f"{label}:{line0}:1: 模型第二意见({op['model']}) {verdict}")
    for e in errors:
        _err(e)
    if args.format == "text" and posts:
        n = sum(1 for _ in posts)
        print(f"共检查 {n} 条帖子。" if not any_flagged else f"共检查 {n} 条帖子,发现市场规范信号。", file=sys.stderr)
    if errors:
        return 2
    return 1 if any_flagged else 0


# --- model-backed commands (issue: goals, topics and calendars) ----------------------------------
def cmd_ask(args) -> int:
    from .chains import Assistant

    bot = Assistant(_settings())
    try:
        if args.json:
            result = bot.answer(args.question)
            _emit_json(result.to_dict())
        else:
            for piece in bot.stream(args.question):
                print(piece, end="", flush=True)
            print()
            print(bot.last_sources_text())
    except ValueError as e:
        _err(str(e))
        return 2
    return 0


def cmd_goal(args) -> int:
    from .chains import Assistant

    bot = Assistant(_settings())
    try:
        plan = bot.derive_goal(args.business, group_type=args.group_type)
    except ValueError as e:
        _err(str(e))
        return 2
    if args.json:
        _emit_json(plan.to_dict())
    else:
        from .exports import plan_to_markdown

        print(plan_to_markdown(plan))
    return 0


def cmd_calendar(args) -> int:
    import datetime as dt

    from .chains import Assistant
    from .exports import render_calendar

    start = None
    if args.start:
        try:
            start = dt.date.fromisoformat(args.start)
        except ValueError:
            _err(f"--start 日期格式应为 YYYY-MM-DD,收到 {args.start!r}")
            return 2
    bot = Assistant(_settings())
    try:
        cal = bot.weekly_calendar(args.business, goal=args.goal, start=start, days=args.days)
    except ValueError as e:
        _err(str(e))
        return 2
    data = render_calendar(cal, args.format)
    if args.output:
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(args.output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as fh:
            fh.write(data)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8") if isinstance(data, bytes) else data)
        if not (data.endswith(b"\n") if isinstance(data, bytes) else data.endswith("\n")):
            print()
    return 0


def cmd_serve(args) -> int:
    from .ui import launch

    launch(_settings(), host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assistant", description="社群助手:用共同目标而不是红包经营客户群。")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="把文章加入知识库(默认 corpus/)")
    s.add_argument("paths", nargs="*", help=".md/.txt/.html 文件或文件夹")
    s.add_argument("--rebuild", action="store_true", help="清空后重建索引")
    s.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("search", help="检索文章片段")
    s.add_argument("query", nargs="+", help="一个或多个问题")
    s.add_argument("-k", type=int, default=5, help="每个问题返回几条(默认 5)")
    s.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("lint", help="检查群帖子是否滑向市场规范(广告、红包、优惠券……)")
    s.add_argument("files", nargs="*", help="帖子文件;不给或给 - 时读标准输入")
    s.add_argument("--batch", action="store_true", help="每个非空行是一条帖子")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.add_argument("--min-severity", choices=["suggestion", "warning", "error"], default="warning",
                   help="只显示不低于此级别的问题(默认 warning)")
    s.add_argument("--group-type", help="群类型:goal(默认)/flash 快闪群/newuser 新用户群/super 超级用户群/delivery 交付群")
    s.add_argument("--goal", help="群的共同目标,用于改写建议")
    s.add_argument("--second-opinion", action="store_true", help="规则拿不准的帖子再请模型判断(需要配置模型,默认关闭)")
    s.set_defaults(func=cmd_lint)

    s = sub.add_parser("ask", help="问一个关于社群运营的问题")
    s.add_argument("question")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("goal", help="为你的生意推导长期共同目标和建群方案")
    s.add_argument("business", help="描述你的生意,例如“我在社区开了一家健身房”")
    s.add_argument("--group-type", help="指定群类型(默认自动判断)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_goal)

    s = sub.add_parser("calendar", help="生成一周话题日历")
    s.add_argument("business")
    s.add_argument("--goal", help="已确定的群目标(不填则自动推导)")
    s.add_argument("--start", help="开始日期 YYYY-MM-DD(默认下周一)")
    s.add_argument("--days", type=int, default=7, help="天数(默认 7)")
    s.add_argument("--format", choices=["md", "csv", "ics", "json"], default="md")
    s.add_argument("-o", "--output", help="写入文件")
    s.set_defaults(func=cmd_calendar)

    s = sub.add_parser("clean", help="清洗抓取的网页文章,输出带 front matter 的 Markdown")
    s.add_argument("paths", nargs="+")
    s.add_argument("-o", "--output", help="输出文件夹(不填则打印)")
    s.set_defaults(func=cmd_clean)

    s = sub.add_parser("serve", help="启动网页版")
    s.add_argument("--host", default=None)
    s.add_argument("--port", type=int, default=None)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .store import StoreError

    try:
        return args.func(args)
    except StoreError as e:
        _err(str(e))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
