"""A mapped task that resumes from its previous attempt's checkpoint and writes a new one."""

from flytekit import current_context, task


@task
def resume(x: int) -> int:
    checkpoint = current_context().checkpoint
    previous = checkpoint.read()
    checkpoint.write(f"done {x}".encode())
    return x * 100 + (len(previous) if previous else 0)
