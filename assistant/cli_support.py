"""The command line's plumbing: argument types, ``-o`` files, one-line errors, and telling a problem
of the machine (permissions, disk, a lost server) from a bug. The commands themselves are in :mod:`.cli`."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def _err(msg: str) -> None:
    print(f"assistant: {msg}", file=sys.stderr)


def _emit_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _output_path(value: str, *, overwrite: bool = True) -> Path:
    """Check an ``-o`` file before any work is done, so a typo costs nothing."""
    from .errors import InputError

    path = Path(value)
    if path.is_dir():
        raise InputError(f"-o {value}: 这是一个文件夹,请给出文件名")
    if not path.parent.is_dir():
        raise InputError(f"-o {value}: 文件夹 {path.parent} 不存在")
    if path.exists() and not overwrite:
        raise InputError(f"-o {value}: 文件已存在")
    return path


def _output_format(out: Path | None, given: str | None, by_suffix: dict[str, str], default: str) -> str:
    """The format to write: ``--format`` when given, else the one ``-o``'s extension names (``by_suffix``:
    extension -> format), else ``default``. An extension that names another format than the ``--format``
    given is an InputError (x.md with --format ics would be a calendar file that opens as text)."""
    from .errors import InputError

    named = by_suffix.get(out.suffix.lower().lstrip(".")) if out else None
    if given and named and named != given:
        want = next(ext for ext, fmt in by_suffix.items() if fmt == given)
        raise InputError(f"-o {out}: 扩展名 {out.suffix} 是 {named} 格式,和 --format {given} 不一致;"
                         f"把文件名改成 {out.with_suffix('.' + want).name},或去掉 --format 按扩展名写 {named}")
    return given or named or default


def _write_output(path: Path, data: str | bytes) -> None:
    from .errors import InputError

    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(data)
    except OSError as e:
        raise InputError(f"无法写入 {path}:{e.strerror}") from None


def _port(value: str) -> int:
    """argparse type for a TCP port."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"端口必须是整数,收到 {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"端口必须在 1–65535 之间,收到 {port}")
    return port


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"天数必须是整数,收到 {value!r}") from None
    if not 1 <= days <= 31:
        raise argparse.ArgumentTypeError(f"天数必须在 1–31 之间,收到 {days}")
    return days


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"必须是正整数,收到 {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"必须是正整数,收到 {n}")
    return n


# argparse's own messages (Python 3.11-3.13 wordings), said in the user's language; anything else is kept as is.
_ARGPARSE_ZH = [
    (re.compile(r"unrecognized arguments: (.*)"), r"不认识的参数:\1"),
    (re.compile(r"the following arguments are required: (.*)"), r"缺少参数:\1"),
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"), r"参数 \1 不能取 \2(可选:\3)"),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 后面要跟一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), r"参数 \1 后面至少要跟一个值"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.*)"), r"参数 \1 的值 \2 无效"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"参数 \1 不能和 \2 一起用"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"选项 \1 不明确,可能是:\2"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)"), r"参数 \1 不接受值 \2"),
    (re.compile(r"one of the arguments (.*) is required"), r"需要以下参数之一:\1"),
    (re.compile(r"argument (\S+): (.*)"), r"参数 \1:\2"),  # our own types' messages are Chinese already
]


def _in_chinese(message: str) -> str:
    for pattern, repl in _ARGPARSE_ZH:
        if pattern.fullmatch(message):
            return pattern.sub(repl, message)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line (exit 2) in Chinese, like every other user mistake."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {_in_chinese(message)}(用 -h 查看用法)\n")


BUG_HINT = "这是社群助手的程序错误,请把上面的信息报告给开发者。"


def _check_argv(argv: list[str]) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates; name the argument instead of crashing later."""
    from .errors import InputError

    for a in argv:
        try:
            a.encode("utf-8")
        except UnicodeEncodeError:
            import os

            shown = os.fsencode(a).decode("utf-8", "backslashreplace")
            raise InputError(f"命令行参数不是 UTF-8 文本:{shown}") from None


def _environment_problem(e: BaseException) -> str | None:
    """A one-line explanation when an exception comes from the machine, not from our code."""
    import errno

    if isinstance(e, PermissionError) or (isinstance(e, OSError) and e.errno in (errno.EACCES, errno.EROFS)):
        where = f":{e.filename}" if getattr(e, "filename", None) else ""
        return f"没有写入权限{where}(检查 ASSISTANT_HOME 或输出路径)"
    if isinstance(e, OSError) and e.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if isinstance(e, OSError) and getattr(e, "filename", None):
        return f"无法访问 {e.filename}:{e.strerror}(检查 ASSISTANT_HOME 或给出的路径)"
    text = str(e).lower()
    if "readonly database" in text or "read-only" in text:
        return "索引是只读的,无法写入(检查 ASSISTANT_HOME 的权限)"
    module = type(e).__module__ or ""
    if module.startswith(("httpx", "httpcore", "chromadb")) and ("connect" in text or "connection" in text
                                                                   or "refused" in text or "timed out" in text):
        return "Chroma 服务器连接中断(检查 CHROMA_HOST/CHROMA_PORT 和服务器是否在运行)"
    return None


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
            if p.is_dir():
                errors.append(f"{src}: 是文件夹,不是帖子文件(一条帖子一个文件,或用 --batch 每行一条)")
                continue
            if not p.is_file():
                # Most often the post itself was typed where a file name goes.
                looks_like_text = not p.suffix and (" " in src or any("\u4e00" <= ch <= "\u9fff" for ch in src))
                errors.append(f"{src[:40]}: 文件不存在" + (";要检查一段文字,请用 echo '帖子内容' | assistant lint"
                                                   if looks_like_text else ""))
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


def _progress_printer(label: str):
    """A bar on a terminal, a line every 10% otherwise (stderr, so stdout stays the report)."""
    last = [-1]

    def show(done: int, total: int) -> None:
        pct = int(100 * done / max(total, 1))
        if sys.stderr.isatty():
            bar = "#" * (pct // 4)
            print(f"\r{label} [{bar:<25}] {pct:3d}%", end="" if pct < 100 else "\n", file=sys.stderr, flush=True)
        elif pct // 10 != last[0] // 10 and (pct < 100 or last[0] >= 0):
            print(f"{label}:{pct}%", file=sys.stderr, flush=True)
        last[0] = pct

    return show
