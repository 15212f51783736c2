"""
What eliot-tools should print for a log, worked out by Python Eliot, independently of the Java code
under test. GoldenFilesMatchPythonTest runs it and checks the golden files (and the tools) against
it:

    python3 expected_by_python.py tree [--ascii] [-l N] LOG
    python3 expected_by_python.py pretty LOG
    python3 expected_by_python.py compact LOG

tree: the tasks are built by Python Eliot's own parser (eliot.parse.Parser), in the order it
completes them, and drawn as the README documents eliot-tree's output.

pretty: each message as the README documents eliot-prettyprint's output: the header, timestamp and
field order come from Python Eliot's eliot.prettyprint (and are checked against its pretty_format
output for the same message); values are strings as they are, anything else as compact JSON.

compact: Python Eliot's own compact_format, with non-ASCII text as UTF-8 rather than \\u escapes.
"""
import json
import re
import sys
import warnings
from datetime import datetime, timezone

warnings.simplefilter("ignore")  # utcfromtimestamp is deprecated in newer Pythons

from eliot import prettyprint
from eliot.parse import Parser, WrittenAction

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
STANDARD = {"task_uuid", "task_level", "timestamp", "action_type", "action_status", "message_type"}


def micros(timestamp):
    delta = datetime.fromtimestamp(timestamp, timezone.utc) - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def tree_time(timestamp):
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%fZ")


def text(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def level(task_level):
    return "/".join(str(n) for n in task_level.level)


class Tree:
    def __init__(self, ascii, limit):
        self.branch = "|-- " if ascii else "├── "
        self.last = "`-- " if ascii else "└── "
        self.pipe = "|   " if ascii else "│   "
        self.space = "    "
        self.arrow = "=>" if ascii else "⇒"
        self.hourglass = "~" if ascii else "⧖"
        self.ellipsis = "..." if ascii else "…"
        self.limit = limit
        self.out = []

    def task(self, task):
        root = task.root()
        self.out.append(root.task_uuid)
        self.node(root, "", True)
        self.out.append("")

    def node(self, node, prefix, is_last):
        if isinstance(node, WrittenAction):
            self.action(node, prefix, is_last)
        else:
            self.message(node, prefix, is_last)

    def message(self, m, prefix, is_last):
        contents = m.contents
        kind = contents.get("message_type", contents.get("action_type"))
        self.out.append(
            prefix + (self.last if is_last else self.branch) + kind + "/" + level(m.task_level) + " "
            + tree_time(m.timestamp))
        fields = {k: v for k, v in contents.items() if k not in STANDARD}
        self.fields(fields, prefix + (self.space if is_last else self.pipe), len(fields))

    def action(self, a, prefix, is_last):
        start, end = a.start_message, a.end_message
        inner = prefix + (self.space if is_last else self.pipe)
        header = a.action_type + "/" + level(start.task_level) + " " + self.arrow + " started " + tree_time(
            start.timestamp)
        if end is not None:
            duration = (micros(end.timestamp) - micros(start.timestamp) + 500) // 1000  # milliseconds, half up
            header += " %s %d.%03ds" % (self.hourglass, duration // 1000, duration % 1000)
        self.out.append(prefix + (self.last if is_last else self.branch) + header)
        start_fields = {k: v for k, v in start.contents.items() if k not in STANDARD}
        items = len(start_fields) + len(a.children) + 1
        done = self.fields(start_fields, inner, items)
        for child in a.children:
            done += 1
            self.node(child, inner, done == items)
        self.out.append(
            inner + self.last + a.action_type + "/" + level(end.task_level) + " " + self.arrow + " "
            + end.contents["action_status"] + " " + tree_time(end.timestamp))
        end_fields = {k: v for k, v in end.contents.items() if k not in STANDARD}
        self.fields(end_fields, inner + self.space, len(end_fields))

    def fields(self, fields, prefix, items):
        done = 0
        for key in sorted(fields):
            done += 1
            self.value(key, fields[key], prefix, done == items)
        return done

    def value(self, key, value, prefix, is_last):
        line = prefix + (self.last if is_last else self.branch) + key + ":"
        inner = prefix + (self.space if is_last else self.pipe)
        if isinstance(value, dict) and value:
            self.out.append(line)
            keys = sorted(str(k) for k in value)
            for i, k in enumerate(keys):
                self.value(k, value[k], inner, i == len(keys) - 1)
            return
        if isinstance(value, list) and value:
            self.out.append(line)
            for i, item in enumerate(value):
                self.value(str(i), item, inner, i == len(value) - 1)
            return
        shown = text(value)
        if self.limit > 0:
            newline = shown.find("\n")
            cut = min(newline, self.limit) if newline >= 0 else self.limit
            if len(shown) > cut:
                shown = shown[:cut] + self.ellipsis
            self.out.append(line + " " + shown)
        else:
            self.out.append(line + " " + ("\n" + inner).join(shown.split("\n")))


def tree(path, ascii, limit):
    drawing = Tree(ascii, limit)
    with open(path, encoding="utf-8") as f:
        messages = [json.loads(line) for line in f if line.strip()]
    for task in Parser.parse_stream(messages):
        drawing.task(task)
    return "\n".join(drawing.out) + "\n"


def pretty(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            message = json.loads(line)
            theirs = prettyprint.pretty_format(message).split("\n")
            keys = [f for f in prettyprint._first_fields if f in message]
            keys += [k for k in sorted(message) if k not in prettyprint._skip_fields]
            their_keys = [m.group(1) for m in (re.match(r"^  (?! )([^:]+): ", l) for l in theirs) if m]
            if their_keys != keys:
                sys.exit("field order differs from eliot.prettyprint's: %r != %r" % (keys, their_keys))
            out.append(theirs[0])  # <task_uuid> -> /1/2
            out.append(theirs[1])  # the timestamp
            for key in keys:
                indent = "\n" + " " * (2 + len(key)) + "| "
                out.append("  " + key + ": " + indent.join(text(message[key]).split("\n")))
            out.append("")
    return "\n".join(out) + "\n"


def compact(path):
    prettyprint.dumps = lambda value, separators: json.dumps(value, separators=separators, ensure_ascii=False)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(prettyprint.compact_format(json.loads(line)))
    return "\n".join(out) + "\n"


def main(args):
    mode, path = args[0], args[-1]
    if mode == "tree":
        limit = int(args[args.index("-l") + 1]) if "-l" in args else 100
        result = tree(path, "--ascii" in args, limit)
    elif mode == "pretty":
        result = pretty(path)
    elif mode == "compact":
        result = compact(path)
    else:
        sys.exit("unknown mode " + mode)
    sys.stdout.buffer.write(result.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
