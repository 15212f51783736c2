"""
Writes python-app.log, the Python Eliot log the eliot-tools golden tests read. Run once with a
Python that has Eliot (apt-get install python3-eliot), from this directory:

    /usr/bin/python3 make_python_log.py

The log is committed; rerunning it changes every uuid and timestamp, and then the expected
outputs beside it must be written again (GoldenFilesMatchPythonTest checks them against what
expected_by_python.py works out with Python Eliot).
"""
from eliot import start_action, start_task, to_file, log_message, write_traceback


def divide(x, y):
    with start_action(action_type="calc:divide", x=x, y=y) as action:
        result = x / y
        action.add_success_fields(result=result)
        return result


def main():
    with open("python-app.log", "w", encoding="utf-8") as f:
        to_file(f)
        with start_task(action_type="calc:session", user="ada", tags=["a", "b"]):
            log_message(message_type="calc:note", text="two lines\nof text", meta={"k": 1, "ok": True})
            divide(6, 3)
            try:
                divide(1, 0)
            except ZeroDivisionError:
                pass
        log_message(message_type="calc:standalone", count=3, ratio=0.25, nothing=None)
        try:
            with start_task(action_type="calc:failing"):
                raise ValueError("bad input: \u00e9t\u00e9")
        except ValueError:
            pass


if __name__ == "__main__":
    main()
