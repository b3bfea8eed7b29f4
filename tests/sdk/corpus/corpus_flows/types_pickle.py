"""Values of types the type engine does not know travel as pickles: custom classes, Any, bytes, untyped params."""

import datetime
import typing

from flytekit import BatchSize, kwtypes, task, workflow


class Basket:
    def __init__(self, fruits: typing.List[str]) -> None:
        self.fruits = fruits

    def add(self, fruit: str) -> "Basket":
        return Basket(self.fruits + [fruit])


@task
def make_basket(n: int) -> Basket:
    return Basket([f"fruit{i}" for i in range(n)])


@task
def add_fruit(basket: Basket, fruit: str) -> Basket:
    return basket.add(fruit)


@task
def count(basket: Basket) -> int:
    return len(basket.fruits)


@workflow
def basket_wf(n: int = 2) -> int:
    return count(basket=add_fruit(basket=make_basket(n=n), fruit="kiwi"))


@task
def anything(x: typing.Any) -> typing.Any:
    return [x, x]


@task
def raw_bytes(data: bytes) -> bytes:
    return data[::-1]


@workflow
def any_wf(x: typing.Any, data: bytes) -> typing.Tuple[typing.Any, bytes]:
    return anything(x=x), raw_bytes(data=data)


@task(pickle_untyped=True)
def untyped_task(a, b: int):
    return {"a": a, "b": b}


@workflow(pickle_untyped=True)
def untyped_wf(a):
    return untyped_task(a=a, b=3)


@task
def make_baskets(n: int) -> typing.Annotated[typing.List[Basket], BatchSize(2)]:
    return [Basket(["x"] * i) for i in range(n)]


@task
def sizes(baskets: typing.Annotated[typing.List[Basket], BatchSize(2)]) -> typing.List[int]:
    return [len(b.fruits) for b in baskets]


@workflow
def batch_wf(n: int = 5) -> typing.List[int]:
    return sizes(baskets=make_baskets(n=n))


@task
def stamp(
    d: typing.Annotated[dict, kwtypes(allow_pickle=True)],
) -> typing.Annotated[dict, kwtypes(allow_pickle=True)]:
    return {**d, "at": datetime.datetime(2024, 5, 6, 7, 8, 9)}


@task
def strict_stamp(d: dict) -> dict:
    return {**d, "at": datetime.datetime(2024, 5, 6)}


@workflow
def pickled_dict_wf(
    d: typing.Annotated[dict, kwtypes(allow_pickle=True)],
) -> typing.Annotated[dict, kwtypes(allow_pickle=True)]:
    return stamp(d=d)


CASES = {
    "custom_class": lambda: basket_wf(n=3),
    "custom_class_task": lambda: make_basket(n=2).fruits,
    "any_and_bytes": lambda: any_wf(x={"k": {1, 2}}, data=b"abc"),
    "any_none": lambda: anything(x=None),
    "untyped_params": lambda: untyped_wf(a=frozenset({1})),
    "batch_size_list": lambda: batch_wf(n=5),
    "dict_allow_pickle": lambda: pickled_dict_wf(d={"n": 1, "since": datetime.date(2024, 1, 1)}),
    "dict_unencodable_input": lambda: strict_stamp(d={"since": datetime.date(2024, 1, 1)}),
}
