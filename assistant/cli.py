"""Command line: ``assistant ingest|search|lint|ask|goal|calendar|clean|serve``. Only wiring lives here."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import __version__, group_types
from .cli_support import (
    BUG_HINT,
    _check_argv,
    _days,
    _emit_json,
    _environment_problem,
    _err,
    _line_col,
    _output_format,
    _output_path,
    _Parser,
    _port,
    _positive,
    _progress_printer,
    _read_posts,
    _write_output,
)


def _settings():
    from .settings import Settings

    return Settings.from_env()


# --- ingest / search / clean ---------------------------------------------------------------------
def cmd_ingest(args) -> int:
    from .store import Store

    store = Store(_settings())
    report = store.ingest([Path(p) for p in args.paths] or None, rebuild=args.rebuild, progress=True)
    for e in report.errors:
        _err(e)
    for notice in report.notices:  # e.g. a damaged index was rebuilt from the articles given
        _err(notice)
    if args.json:
        _emit_json(report.to_dict())
    else:
        print(report.summary())
    return 2 if report.errors else 0


def cmd_questions(args) -> int:
    from .chains import Assistant
    from .chains.questions import write_questions
    from .corpus import iter_files

    bot = Assistant(_settings())
    files = iter_files([Path(p) for p in args.paths])
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        _err(f"{missing[0]}: 文件或目录不存在")
        return 2
    for f in files:
        path, n = write_questions(f, bot, per_passage=args.per_passage, overwrite=args.overwrite)
        print(f"{path}: {n} 个问题")
    if files:
        print("再运行 assistant ingest 把这些问题加进索引。")
    return 0


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
        if out.exists() and not out.is_dir():
            from .errors import InputError

            raise InputError(f"-o {args.output}: 已有同名文件;-o 需要一个文件夹")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            from .errors import InputError

            raise InputError(f"-o {args.output}: 无法创建文件夹({e.strerror})") from None
    for f in iter_files([Path(p) for p in args.paths]):
        try:
            art = load_file(f)
        except CorpusError as e:
            _err(str(e))
            status = 2
            continue
        md = art.to_markdown()
        if out:
            _write_output(out / (f.stem + ".md"), md)
            print(f"{f} -> {out / (f.stem + '.md')}")
        else:
            print(md)
    return status


# --- lint ------------------------------------------------------------------------------------------
def cmd_lint(args) -> int:
    from .guard import collapse_findings, filter_findings, lint_post
    from .text import language_of

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
    min_severity = "suggestion" if getattr(args, "all", False) else args.min_severity
    any_flagged = False
    n_flagged = n_noted = 0
    hidden: dict[str, int] = {}  # severity -> findings below --min-severity, over all posts
    notices: dict[str, None] = {}
    posts = [p for p in posts if p[2].strip()] if args.batch else posts
    # Only one's own draft is rewritten, so --rewrite reads it as the owner's (as the page's rewrite does).
    voice = args.voice or ("owner" if args.rewrite else "auto")
    for label, line0, text in posts:
        report = lint_post(text, group_type=args.group_type, goal=args.goal, voice=voice)
        notices.update(dict.fromkeys(report.notices))
        shown = filter_findings(report, min_severity)
        listed = {id(f) for f in shown}
        for f in report.findings:
            if id(f) not in listed:
                hidden[f.severity] = hidden.get(f.severity, 0) + 1
        flagged = report.flagged and (bool(shown) or bool(report.second_opinion))
        any_flagged |= flagged
        n_flagged += flagged
        n_noted += bool(shown) and not flagged
        rewrite = None
        if args.rewrite and flagged:
            from .rewrite import rewrite_post

            rewrite = rewrite_post(text, goal=args.goal, group_type=args.group_type, settings=_settings(), voice=voice)
        if args.format == "json":
            d = report.to_dict()
            d["findings"] = [f.to_dict() for f in shown]
            d["flagged"] = flagged
            d["hidden"] = len(report.findings) - len(shown)  # below --min-severity: counted, not listed
            if args.max_findings:  # every finding unless asked: scripts count them
                d["findings"] = d["findings"][:args.max_findings]
            d["omitted"] = len(shown) - len(d["findings"])
            if rewrite is not None:
                d["rewrite"] = rewrite.to_dict()
            _emit_json({"file": label, "line": line0, "text": text, **d})
        else:
            en = bool(shown) and language_of(text) == "en"
            advice = "Suggestion: " if en else "建议:"
            groups = collapse_findings(shown)  # the same phrase again and again is one line with its count
            cap = args.max_findings or TEXT_MAX_FINDINGS
            for f, n in groups[:cap]:
                ln, col = _line_col(text, f.start, line0)
                times = (f" ×{n} (the first is here)" if en else f" ×{n}(这里是第一处)") if n > 1 else ""
                print(f"{label}:{ln}:{col}: {f.code} [{f.severity}] {f.message} «{f.excerpt}»{times}")
                print(f"    {advice}{f.suggestion}")
            if len(groups) > cap:
                print("    " + _left_out_note(groups[cap:], len(groups), en))
            if rewrite is not None:
                head = ("Rewrite (a draft: read and edit it before sending):" if language_of(text) == "en"
                        else "改写稿(草稿,请看过、改过再发):")
                print(f"{label}:{line0}:1: {head}")
                print("    " + rewrite.text.replace("\n", "\n    "))
                for notice in rewrite.notices:  # e.g. news dropped because the guard still read it as an ad
                    print(f"    {notice}")
            op = report.second_opinion
            if op:
                verdict = op.get("error") or ("是广告" if op["market_norm"] else "不是广告") + f":{op['reason']}"
                print(f"{label}:{line0}:1: 模型第二意见({op['model']}) {verdict}")
    for e in errors:
        _err(e)
    for notice in notices:  # e.g. the learned stage's weights are missing: the rules alone were used
        _err(notice)
    if args.format == "text" and posts:
        if not any(text.strip() for _, _, text in posts):
            print("没有读到帖子内容。", file=sys.stderr)
        else:
            english = all(language_of(text) == "en" for _, _, text in posts if text.strip())  # the posts' language
            if english:
                summary = (f"Checked {len(posts)} post{'s' if len(posts) > 1 else ''}: "
                           + (f"{n_flagged} slip into market norms and should be rewritten" if n_flagged else "nothing to rewrite")
                           + (f"; {n_noted} with hints worth a look." if n_noted else "."))
            else:
                summary = f"共检查 {len(posts)} 条帖子" + (f",{n_flagged} 条滑向了市场规范,建议改写" if n_flagged else ",没有需要改写的")
                summary += f";{n_noted} 条有可以留意的提示。" if n_noted else "。"
            print(summary, file=sys.stderr)
            if hidden:
                print(_hidden_note(hidden, english), file=sys.stderr)
    if errors:
        return 2
    return 1 if any_flagged else 0


TEXT_MAX_FINDINGS = 20  # lines per post in the text output (repeats of one phrase are one line)


def _left_out_note(rest: list, total: int, en: bool) -> str:
    """What the text output did not list for a post, and how to see it."""
    places = sum(n for _, n in rest)
    if en:
        where = f" ({places} places)" if places != len(rest) else ""
        return (f"… {len(rest)} more not listed{where}: --max-findings {total} lists them all, "
                "--format json gives every one.")
    where = f"(共 {places} 处)" if places != len(rest) else ""
    return f"…另有 {len(rest)} 条没有列出{where}:用 --max-findings {total} 全部列出,或用 --format json 查看每一处。"


def _hidden_note(hidden: dict[str, int], english: bool) -> str:
    """One line saying how many findings --min-severity left out, and how to see them."""
    from .guard_rules import SEVERITIES

    lowest = min(hidden, key=SEVERITIES.index)
    if english:
        words = {"warning": "warning", "suggestion": "hint"}
        parts = " and ".join(f"{n} {words.get(s, s)}{'s' if n > 1 else ''}" for s, n in
                             sorted(hidden.items(), key=lambda x: -SEVERITIES.index(x[0])))
        them = "it" if sum(hidden.values()) == 1 else "them"
        return f"{parts} not shown (see {them} with --all or --min-severity {lowest})."
    words = {"warning": "警告", "suggestion": "建议"}
    parts = "、".join(f"{n} 条{words.get(s, s)}" for s, n in sorted(hidden.items(), key=lambda x: -SEVERITIES.index(x[0])))
    return f"另有 {parts}没有显示(用 --all 或 --min-severity {lowest} 查看)。"


def cmd_rules(args) -> int:
    from .guard import find_rule, load_rules

    rules = [find_rule(args.code)] if args.code else list(load_rules()[0])
    if args.format == "json":
        payload = [r.to_dict() for r in rules]
        print(json.dumps(payload[0] if args.code else payload, ensure_ascii=False, indent=2))
        return 0
    if not args.code:
        for r in rules:
            print(f"{r.code}  {r.name:34s} [{r.severity}] {r.message}")
        print("\n用 assistant rules 编号 查看一条规则的理由、出处和例子。", file=sys.stderr)
        return 0
    r = rules[0]
    print(f"{r.code} {r.name} [{r.severity}]\n\n{r.message}\n\n为什么(出处):\n{r.rationale}\n\n怎么改:{r.suggestion}")
    if r.type == "learned":
        print("\n这条没有词表:由随包的学习模型读整句判断(模型只用我们自己写的标注帖子训练)。")
    print("\n会被标出的例子:")
    for t in r.bad:
        print(f"  ✗ {t}")
    print("不会被标出的例子:")
    for t in r.good:
        print(f"  ✓ {t}")
    return 0


# --- model-backed commands (issue: goals, topics and calendars) ----------------------------------
def cmd_ask(args) -> int:
    from .chains import Assistant

    bot = Assistant(_settings())
    # The earlier questions, as the API's conversation: a follow-up ("那红包呢?") is read with them.
    history = [{"role": "user", "content": q} for q in (getattr(args, "after", None) or []) if q and q.strip()] or None
    if args.json:
        result = bot.answer(args.question, history, where="cli")
        _emit_json(result.to_dict())
    else:
        from .chains import sources_text

        answer = bot.stream(args.question, history, where="cli")
        for piece in answer:
            print(piece, end="", flush=True)
        print()
        print(sources_text(answer.result))
        for notice in answer.result.notices:  # e.g. the article index could not be opened
            _err(notice)
    # An answer without the articles because the index could not be read is a problem to fix, not an answer.
    return 2 if any(n.startswith("检索文章时出错") for n in (result if args.json else answer.result).notices) else 0


ANSWER_FLAGS = (("members", "成员是谁,例如“附近小区带孩子的家长”"), ("ideal", "他们想要而还没得到的是什么(理想)"),
                ("gap", "是什么挡住了他们(现实的缺口)"), ("pays", "他们为什么付费:买一次、办卡、上课、长期服务"),
                ("frequency", "他们多久来一次"))


def _add_answer_flags(s) -> None:
    for key, help_text in ANSWER_FLAGS:
        s.add_argument(f"--{key}", help=f"回答:{help_text};以回答为准")


def _answers(args) -> dict:
    return {k: getattr(args, k) for k, _ in ANSWER_FLAGS if getattr(args, k, None)}


def cmd_goal(args) -> int:
    from .chains import Assistant

    if args.json and args.format == "text":  # two answers to one question: say so rather than pick one
        from .errors import InputError

        raise InputError("参数 --json 不能和 --format text 一起用(--json 就是 --format json)")
    bot = Assistant(_settings())
    plan = bot.derive_goal(args.business, group_type=args.group_type, answers=_answers(args))
    if args.json or args.format == "json":
        _emit_json(plan.to_dict())
    else:
        from .exports import plan_to_markdown

        print(plan_to_markdown(plan))
    return 0


# -o's extension -> the format it names (the first extension of a format is the one suggested)
CALENDAR_SUFFIXES = {"md": "md", "markdown": "md", "csv": "csv", "ics": "ics", "json": "json"}
HEALTH_SUFFIXES = {"txt": "text", "html": "html", "htm": "html", "json": "json"}


def cmd_calendar(args) -> int:

    from .chains import Assistant
    from .exports import render_calendar

    start = None
    if args.start:
        from .dates import parse_date, past_start_notice

        today = dt.date.today()
        start = parse_date(args.start, today)  # InputError: one line, exit 2
        notice = past_start_notice(args.start, start, today)
        if notice:
            print(notice, file=sys.stderr)
    out = _output_path(args.output) if args.output else None
    # `-o 本周.ics` means ICS; `-o 本周.md --format ics` is a mistake, said before the calendar is made
    fmt = _output_format(out, args.format, CALENDAR_SUFFIXES, "md")
    bot = Assistant(_settings())
    cal = bot.weekly_calendar(args.business, goal=args.goal, start=start, days=args.days, answers=_answers(args),
                              launch=args.launch, group_type=args.group_type)
    data = render_calendar(cal, fmt)
    if out:
        _write_output(out, data)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8") if isinstance(data, bytes) else data)
        if not (data.endswith(b"\n") if isinstance(data, bytes) else data.endswith("\n")):
            print()
    return 0


def cmd_health(args) -> int:
    from .health import group_health
    from .health_report import render

    out = _output_path(args.output) if args.output else None
    fmt = _output_format(out, args.format, HEALTH_SUFFIXES, "text")  # `-o 体检.html` means HTML
    progress = _progress_printer("读取聊天记录")
    report = group_health(args.export, owners=args.owner, members=args.members, group_type=args.group_type,
                          input_format=args.input_format, anonymize=args.anonymize, progress=progress,
                          conversation=args.conversation, language=args.lang)
    data = render(report, fmt)
    if out:
        _write_output(out, data)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0


def cmd_serve(args) -> int:
    from .ui import launch

    launch(_settings(), host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .guard_rules import VOICES

    p = _Parser(prog="assistant", description="社群助手:用共同目标而不是红包经营客户群。")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("ingest", help="把文章加入知识库(默认 corpus/)")
    s.add_argument("paths", nargs="*", help=".md/.txt/.html 文件或文件夹")
    s.add_argument("--rebuild", action="store_true", help="清空后重建索引")
    s.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("questions", help="用模型为文章的每一段写出老板会怎么问(存在文章旁边,ingest 时加进索引)")
    s.add_argument("paths", nargs="+", help=".md/.txt/.html 文件或文件夹")
    s.add_argument("--per-passage", type=_positive, default=8, help="每段写几个问题(默认 8,最多 20)")
    s.add_argument("--overwrite", action="store_true", help="覆盖已有的问题文件")
    s.set_defaults(func=cmd_questions)

    s = sub.add_parser("search", help="检索文章片段")
    s.add_argument("query", nargs="+", help="一个或多个问题")
    s.add_argument("-k", type=_positive, default=5, help="每个问题返回几条(默认 5)")
    s.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("lint", help="检查群帖子是否滑向市场规范(广告、红包、优惠券……)")
    s.add_argument("files", nargs="*", help="帖子文件;不给或给 - 时读标准输入")
    s.add_argument("--batch", action="store_true", help="每个非空行是一条帖子")
    s.add_argument("--format", choices=["text", "json"], default="text", help="输出格式:text(默认)或每条一行 JSON")
    level = s.add_mutually_exclusive_group()
    level.add_argument("--min-severity", choices=["suggestion", "warning", "error"], default="warning",
                       help="只显示不低于此级别的问题(默认 warning;没显示的条数写在最后)")
    level.add_argument("--all", action="store_true", help="显示全部问题,包括建议(同 --min-severity suggestion)")
    s.add_argument("--max-findings", type=_positive, metavar="N",
                   help="每条帖子最多列出 N 条问题(文本默认 20,同一说法重复出现只占一行;JSON 默认全部列出,给了才截断)")
    s.add_argument("--group-type", help="群类型:goal(默认)/" + "/".join(f"{g.key} {g.label}" for g in group_types.all_types()))
    s.add_argument("--goal", help="群的共同目标,用于改写建议")
    s.add_argument("--voice", choices=list(VOICES),
                   help="谁写的:" + ";".join(f"{k} {v}" for k, v in VOICES.items())
                   + "(默认 auto;给了 --rewrite 时默认 owner:要改写的是自己的草稿)")
    s.add_argument("--second-opinion", action="store_true", help="规则拿不准的帖子再请模型判断(需要配置模型,默认关闭)")
    s.add_argument("--rewrite", action="store_true",
                   help="给被标出的帖子一个改写稿(有模型时由模型改写并复查,否则离线改写);只是草稿,不会发出")
    s.set_defaults(func=cmd_lint)

    s = sub.add_parser("rules", help="列出守卫规则,或查看一条规则的理由、出处和例子")
    s.add_argument("code", nargs="?", help="规则编号或名称,如 MN002 或 coupon-or-discount;省略则列出全部")
    s.add_argument("--format", choices=["text", "json"], default="text", help="输出格式(默认 text)")
    s.set_defaults(func=cmd_rules)

    s = sub.add_parser("ask", help="问一个关于社群运营的问题")
    s.add_argument("question", help="你的问题,例如“群里没人说话怎么办?”")
    s.add_argument("--json", action="store_true", help="输出 JSON(含出处)")
    s.add_argument("--after", action="append", metavar="QUESTION",
                   help="之前问过的问题(可重复,按顺序):追问如“那红包呢?”按它来理解")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("goal", help="为你的生意推导长期共同目标和建群方案")
    s.add_argument("business", help="描述你的生意,例如“我在社区开了一家健身房”")
    s.add_argument("--group-type", help="指定群类型(默认自动判断):" + "/".join(f"{g.key} {g.label}" for g in group_types.all_types())
                   + ";goal(目标群)等于不指定")
    s.add_argument("--json", action="store_true", help="输出 JSON")
    s.add_argument("--format", choices=["text", "json"], default=None, help="输出格式:text(默认)或 json(同 --json)")
    _add_answer_flags(s)
    s.set_defaults(func=cmd_goal)

    s = sub.add_parser("calendar", help="生成一周话题日历")
    s.add_argument("business", help="描述你的生意")
    s.add_argument("--goal", help="已确定的群目标(不填则自动推导)")
    s.add_argument("--start", help="开始日期:2026-11-30、2026/11/30、11月30日、下周一、明天(默认下周一)")
    s.add_argument("--days", type=_days, default=7, help="天数,1–31(默认 7)")
    s.add_argument("--launch", action="store_true", help="新建的群:前 7 天是开群周(欢迎仪式、说起点、一起定群规和群名、第一次打卡)")
    s.add_argument("--group-type", help="指定群类型(默认自动判断),话题、节奏和说法都按它来:"
                   + "/".join(f"{g.key} {g.label}" for g in group_types.all_types()) + ";goal(目标群)等于不指定")
    s.add_argument("--format", choices=["md", "csv", "ics", "json"], default=None,
                   help="输出格式(默认按 -o 的扩展名,否则 md)")
    s.add_argument("-o", "--output", help="写入文件(文件夹须已存在)")
    _add_answer_flags(s)
    s.set_defaults(func=cmd_calendar)

    s = sub.add_parser("clean", help="清洗抓取的网页文章,输出带 front matter 的 Markdown")
    s.add_argument("paths", nargs="+", help=".html/.md/.txt 文件或文件夹")
    s.add_argument("-o", "--output", help="输出文件夹(不填则打印)")
    s.set_defaults(func=cmd_clean)

    s = sub.add_parser("health", help="群体检:读聊天记录导出文件,按文章的孵化指标衡量这个群")
    s.add_argument("export", help="QQ/TIM 文本消息记录、微信聊天记录 CSV、Telegram result.json 或 时间/发送者/内容 CSV")
    s.add_argument("--format", choices=["text", "json", "html"], default=None,
                   help="输出格式(默认按 -o 的扩展名:.html/.htm、.json、.txt,否则 text)")
    s.add_argument("-o", "--output", help="写入文件(文件夹须已存在)")
    s.add_argument("--owner", action="append", metavar="NAME", help="群主或管理员的昵称,可重复")
    s.add_argument("--members", type=_positive, help="群人数(导出文件里没有;不给则按发言人数估算)")
    s.add_argument("--group-type", help="群类型,决定广告判定的尺度:goal/" + "/".join(g.key for g in group_types.all_types()))
    s.add_argument("--input-format", choices=["qq", "wechat", "telegram", "csv"], help="强制指定输入格式(默认自动识别)")
    s.add_argument("--anonymize", action="store_true", help="所有输出里把昵称换成 成员1…N")
    s.add_argument("--conversation", metavar="NAME",
                   help="QQ 记录里有多个会话时,检查哪一个(“消息对象”后的名字;同名的会话写列出的 名字 #2;默认消息最多的群)")
    s.add_argument("--lang", choices=["zh", "en"],
                   help="报告的语言(默认跟聊天记录:大多是英文消息时写英文,否则中文)")
    s.set_defaults(func=cmd_health)

    s = sub.add_parser("serve", help="启动网页版")
    s.add_argument("--host", default=None, help="监听地址(默认 GRADIO_SERVER_NAME 或 127.0.0.1)")
    s.add_argument("--port", type=_port, default=None, help="端口 1–65535(默认 GRADIO_SERVER_PORT 或 7860)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command. User mistakes: one line on stderr, exit 2. Bugs: traceback, exit 1."""
    from .errors import AssistantError

    argv = sys.argv[1:] if argv is None else argv
    try:
        _check_argv(argv)
        args = build_parser().parse_args(argv)
        return args.func(args)
    except AssistantError as e:
        _err(str(e).splitlines()[0] if str(e) else type(e).__name__)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the last line between a user and a traceback
        problem = _environment_problem(e)
        if problem:
            _err(problem)
            return 2
        import traceback

        traceback.print_exc()
        _err(BUG_HINT)
        return 1
