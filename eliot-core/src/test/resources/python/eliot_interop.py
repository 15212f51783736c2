"""
Interop helper for eliot-core's tests: Python Eliot's own code reads and writes the logs.

  parse FILE...             parse the JSON lines of all FILEs (in the order given) with
                            eliot.parse.Parser and print the tasks as JSON
  continue TASK_ID OUTFILE  continue a Java task in Python, logging to OUTFILE
  serialize OUTFILE         start a Python task, print a serialized id inside it, finish it
"""
import json
import sys

from eliot import Action, log_message, start_action, start_task, to_file
from eliot.parse import Parser
from eliot._action import WrittenAction

STRUCTURAL = {"task_uuid", "task_level", "timestamp", "action_type", "action_status", "message_type"}


def fields(message):
    return {k: v for k, v in message.contents.items() if k not in STRUCTURAL}


def line(message, depth):
    contents = message.contents
    level = str(list(message.task_level.level))
    if contents.get("action_type") is not None:
        name = "{}/{}".format(contents["action_type"], contents["action_status"])
    else:
        name = contents.get("message_type")
    return {"line": "  " * depth + level + " " + str(name), "fields": fields(message)}


def render(node, depth, out):
    if isinstance(node, WrittenAction):
        if node.start_message is not None:
            out.append(line(node.start_message, depth))
        for child in node.children:
            if isinstance(child, WrittenAction):
                render(child, depth + 1, out)
            else:
                out.append(line(child, depth))
        if node.end_message is not None:
            out.append(line(node.end_message, depth))
    else:
        out.append(line(node, depth))


def parse(paths):
    def messages():
        for path in paths:
            with open(path, encoding="utf-8") as f:
                for raw in f:
                    if raw.strip():
                        yield json.loads(raw)

    tasks = []
    for task in Parser.parse_stream(messages()):
        nodes = []
        render(task.root(), 0, nodes)
        tasks.append({"uuid": task.root().task_uuid, "complete": task.is_complete(), "nodes": nodes})
    json.dump({"tasks": tasks}, sys.stdout)


def continue_task(task_id, outfile):
    with open(outfile, "w", encoding="utf-8") as f:
        to_file(f)
        with Action.continue_task(task_id=task_id):
            log_message(message_type="py:received", language="python")
            try:
                with start_action(action_type="py:divide", x=3, y=0):
                    3 / 0
            except ZeroDivisionError:
                pass


def serialize(outfile):
    with open(outfile, "w", encoding="utf-8") as f:
        to_file(f)
        with start_task(action_type="py:client") as action:
            print(action.serialize_task_id().decode("ascii"))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "parse":
        parse(sys.argv[2:])
    elif command == "continue":
        continue_task(sys.argv[2], sys.argv[3])
    elif command == "serialize":
        serialize(sys.argv[2])
    else:
        sys.exit("unknown command " + command)
