"""Promises: attribute and index access, NamedTuple outputs, and errors for using them as values."""

import typing
from dataclasses import dataclass

from flytekit import task, workflow


@dataclass
class Point:
    x: int
    y: int
    tags: typing.List[str]


@dataclass
class Box:
    corner: Point
    sizes: typing.Dict[str, int]


class Stats(typing.NamedTuple):
    total: int
    mean: float


class Pair(typing.NamedTuple):
    left: str
    right: str


@task
def make_box(n: int) -> Box:
    return Box(corner=Point(x=n, y=n + 1, tags=["a", f"t{n}"]), sizes={"w": n * 2, "h": 3})


@task
def numbers(n: int) -> typing.List[int]:
    return [n, n * 10, n * 100]


@task
def lookup(n: int) -> typing.Dict[str, int]:
    return {"one": n, "two": n * 2}


@task
def nested_lists(n: int) -> typing.List[typing.List[int]]:
    return [[n], [n, n + 1]]


@task
def inc(a: int) -> int:
    return a + 1


@task
def shout(s: str) -> str:
    return s.upper()


@task
def label(n: int, text: str) -> str:
    return f"{text}{n}"


@task
def show_point(p: Point) -> str:
    return f"{p.x},{p.y},{'/'.join(p.tags)}"


@task
def stats(values: typing.List[int]) -> Stats:
    return Stats(total=sum(values), mean=sum(values) / len(values))


@task
def pair(a: str) -> Pair:
    return Pair(left=a, right=a[::-1])


@task
def two(a: int) -> tuple[int, str]:
    return a, str(a)


@workflow
def attributes(n: int) -> typing.Tuple[int, int, str, int, int, int, str]:
    box = make_box(n=n)
    nums = numbers(n=n)
    table = lookup(n=n)
    grid = nested_lists(n=n)
    return (
        inc(a=box.corner.x),
        inc(a=box.sizes["w"]),
        shout(s=box.corner.tags[1]),
        inc(a=nums[2]),
        inc(a=grid[1][1]),
        inc(a=table["two"]),
        show_point(p=box.corner),
    )


@workflow
def dict_and_list(n: int) -> typing.Tuple[int, int]:
    return inc(a=lookup(n=n)["two"]), inc(a=numbers(n=n)[0])


@workflow
def named_outputs(n: int) -> Stats:
    s = stats(values=numbers(n=n))
    return Stats(total=inc(a=s.total), mean=s.mean)


@workflow
def functional_named(word: str) -> Pair:
    return pair(a=word)


@workflow
def builtin_tuple(a: int) -> tuple[int, str]:
    x, y = two(a=a)
    return inc(a=x), shout(s=y)


@workflow
def unpacked(n: int) -> str:
    total, _mean = stats(values=numbers(n=n))
    left, _right = pair(a="ab")
    return shout(s=label(n=total, text=left))


def _misuse(body: typing.Callable[[typing.Any], typing.Any]) -> typing.Callable[[], typing.Any]:
    def run() -> typing.Any:
        @workflow
        def misuse(a: int) -> int:
            return body(a)

        return misuse(a=1)

    return run


CASES = {
    "attributes": lambda: attributes(n=2),
    "dict_and_list": lambda: dict_and_list(n=4),
    "named_outputs": lambda: named_outputs(n=3),
    "named_outputs_fields": lambda: named_outputs(n=1)._fields,
    "named_task_local": lambda: stats(values=[1, 2, 3]),
    "functional_named": lambda: functional_named(word="abc"),
    "builtin_tuple": lambda: builtin_tuple(a=7),
    "unpacked": lambda: unpacked(n=1),
    "missing_index": _misuse(lambda a: inc(a=numbers(n=a)[7])),
    "missing_key": _misuse(lambda a: inc(a=lookup(n=a)["three"])),
    "truth_value": _misuse(lambda a: 1 if inc(a=a) else 2),
    "and_or": _misuse(lambda a: inc(a=a) and inc(a=a)),
    "not": _misuse(lambda a: inc(a=1 if not inc(a=a) else 2)),
    "input_truth": _misuse(lambda a: inc(a=1) if a else inc(a=2)),
    "arithmetic": _misuse(lambda a: inc(a=a) + 1),
    "reverse_arithmetic": _misuse(lambda a: 2 * inc(a=a)),
    "iterate": _misuse(lambda a: inc(a=sum(x for x in numbers(n=a)))),
    "length": _misuse(lambda a: inc(a=len(numbers(n=a)))),
    "non_flyte_function": _misuse(lambda a: inc(a=abs(inc(a=a)))),
    "int_of_promise": _misuse(lambda a: inc(a=int(inc(a=a)))),
    "comparison_as_bool": _misuse(lambda a: inc(a=a) if inc(a=a) == 2 else inc(a=3)),
}
