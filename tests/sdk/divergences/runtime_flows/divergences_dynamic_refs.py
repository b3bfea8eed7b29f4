"""Dynamic tasks calling registered entities: reference tasks are refused, reference launch plans run."""

from flytekit import conditional, dynamic, reference_launch_plan, reference_task, task, workflow


@reference_task(project="p", domain="d", name="remote.add", version="v1")
def remote_add(x: int, y: int) -> int: ...


@reference_launch_plan(project="p", domain="d", name="remote.lp", version="v1")
def remote_lp(x: int) -> int: ...


@dynamic
def calls_reference_task(n: int) -> int:
    return remote_add(x=n, y=1)


@workflow
def inner(n: int) -> int:
    return remote_add(x=n, y=2)


@dynamic
def calls_sub_workflow_with_reference_task(n: int) -> int:
    return inner(n=n)


@task(container_image="myreg/img:1")
def plus_one(n: int) -> int:
    return n + 1


@dynamic
def branches_to_reference_task(n: int) -> int:
    m = plus_one(n=n)
    return conditional("big").if_(m > 0).then(remote_add(x=n, y=3)).else_().then(remote_lp(x=n))


@dynamic
def calls_reference_launch_plan(n: int) -> list[int]:
    return [remote_lp(x=i) for i in range(n)]
