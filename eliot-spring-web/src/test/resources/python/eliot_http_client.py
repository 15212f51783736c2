"""
Interop helper for the starter's web tests: a Python Eliot client calls a Java server.

  call URL OUTFILE   start a py:client task, GET URL with its serialized task id in
                     x-eliot-task-id (urllib), log py:response, finish; log to OUTFILE;
                     print the task uuid
  parse FILE...      parse the JSON lines of all FILEs with eliot.parse.Parser and print
                     the tasks as JSON (one rendered line per message, indented by depth)
"""
import json
import sys
import urllib.request

from eliot import log_message, start_task, to_file
from eliot.parse import Parser
from eliot._action import WrittenAction


def call(url, outfile):
    with open(outfile, "w", encoding="utf-8") as f:
        to_file(f)
        with start_task(action_type="py:client", url=url) as action:
            task_id = action.serialize_task_id().decode("ascii")
            request = urllib.request.Request(url, headers={"x-eliot-task-id": task_id})
            with urllib.request.urlopen(request, timeout=30) as response:
                log_message(message_type="py:response", status=response.status,
                            task_uuid_header=response.headers.get("x-eliot-task-uuid"),
                            body=response.read().decode("utf-8"))
        print(action.task_uuid)


def line(message, depth):
    contents = message.contents
    level = str(list(message.task_level.level))
    if contents.get("action_type") is not None:
        name = "{}/{}".format(contents["action_type"], contents["action_status"])
    else:
        name = contents.get("message_type")
    return "  " * depth + level + " " + str(name)


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


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "call":
        call(sys.argv[2], sys.argv[3])
    elif command == "parse":
        parse(sys.argv[2:])
    else:
        sys.exit("unknown command " + command)
