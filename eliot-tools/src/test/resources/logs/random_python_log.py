"""
Writes a random log with Python Eliot, for GoldenFilesMatchPythonTest: nested actions (some
failing), messages, and fields holding nested objects, lists, empty ones and multi-line text.

    python3 random_python_log.py SEED OUT.log
"""
import random
import sys

from eliot import log_message, start_action, to_file

WORDS = ["a", "b", "zz", "é", "中", "x y", "line\nbreak", "", "1", "-", "{}", "ÿ", "😀"]


def word(rnd):
    return "".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 3)))


def value(rnd, depth=0):
    kind = rnd.randint(0, 6 if depth < 2 else 3)
    if kind == 0:
        return rnd.randint(-5, 1000)
    if kind == 1:
        return rnd.choice([True, False, None, 0.25, 2.0])
    if kind in (2, 3):
        return word(rnd) * rnd.randint(1, 40)
    if kind == 4:
        return {"k" + word(rnd).replace("\n", ""): value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))}
    return [value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]


def fields(rnd):
    return {"f%d%s" % (i, word(rnd).replace("\n", "")): value(rnd) for i in range(rnd.randint(0, 3))}


def work(rnd, depth):
    for _ in range(rnd.randint(0, 3)):
        if depth < 3 and rnd.random() < 0.5:
            try:
                with start_action(action_type="act:%d" % depth, **fields(rnd)) as action:
                    work(rnd, depth + 1)
                    if rnd.random() < 0.3:
                        raise ValueError(word(rnd))
                    action.add_success_fields(**fields(rnd))
            except ValueError:
                pass
        else:
            log_message(message_type="msg:%d" % depth, **fields(rnd))


def main(seed, path):
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        to_file(f)
        for _ in range(8):
            if rnd.random() < 0.3:
                log_message(message_type="standalone", **fields(rnd))
            else:
                work(rnd, 0)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
