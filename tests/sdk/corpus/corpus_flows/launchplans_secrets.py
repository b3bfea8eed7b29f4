"""Secrets requested by tasks and read at run time from environment variables or files."""

import os
import tempfile
import typing

from flytekit import Secret, current_context, task, workflow


@task(
    secret_requests=[Secret(group="db", key="password"), Secret(group="api", key="token", group_version="v2")]
)
def read_env_secrets() -> typing.List[str]:
    secrets = current_context().secrets
    return [
        secrets.get("db", "password"),
        secrets.get("api", "token", group_version="v2"),
        secrets.db.password,
    ]


@task(secret_requests=[Secret(group="svc", key="cert", mount_requirement=Secret.MountType.FILE)])
def read_file_secret() -> str:
    return current_context().secrets.get("svc", "cert")


@task(secret_requests=[Secret(group="svc", key="cert", mount_requirement=Secret.MountType.FILE)])
def read_file_secret_bytes() -> str:
    raw = current_context().secrets.get("svc", "cert", encode_mode="rb")
    return f"{type(raw).__name__}:{raw.decode()}"


@task(secret_requests=[Secret(group="nowhere", key="nothing", env_var="ONLY_KEY_VAR")])
def missing_secret() -> str:
    return current_context().secrets.get("nowhere", "nothing")


@task
def env_names() -> typing.List[str]:
    secrets = current_context().secrets
    return [secrets.get_secrets_env_var("db", "password"), secrets.get_secrets_env_var("api", "token", "v2")]


@workflow
def secret_wf() -> typing.List[str]:
    return read_env_secrets()


def _with_env() -> typing.List[str]:
    os.environ["_FSEC_DB_PASSWORD"] = " s3cr3t \n"
    os.environ["API_V2_TOKEN"] = "tok"
    return secret_wf()


def _with_file(reader: typing.Callable[[], typing.Any]) -> typing.Any:
    folder = tempfile.mkdtemp(prefix="corpus-secrets-")
    os.makedirs(os.path.join(folder, "svc"), exist_ok=True)
    with open(os.path.join(folder, "svc", "cert"), "w") as f:
        f.write("-----CERT-----\n")
    os.environ["FLYTE_SECRETS_DEFAULT_DIR"] = folder
    try:
        return reader()
    finally:
        del os.environ["FLYTE_SECRETS_DEFAULT_DIR"]


def _secret_fields() -> typing.List[typing.Any]:
    s = read_file_secret.security_context.secrets[0]
    return [s.group, s.key, s.group_version, s.mount_requirement.name, s.env_var]


@task(secret_requests=[Secret(group="db", key="password")])
def masked(prefix: str) -> str:
    value = current_context().secrets.get("db", "password")
    return prefix + "*" * len(value)


@workflow
def masked_wf(prefix: str = "pw:") -> str:
    return masked(prefix=prefix)


CASES = {
    "env_secrets": _with_env,
    "file_secret": lambda: _with_file(read_file_secret),
    "file_secret_bytes": lambda: _with_file(read_file_secret_bytes),
    "missing_secret": missing_secret,
    "env_var_names": env_names,
    "secret_fields": _secret_fields,
    "bad_env_var_name": lambda: Secret(group="g", key="k", env_var="not-valid"),
    "secret_requests_must_be_secrets": lambda: task(secret_requests=["db"])(_secret_fields),
    "mount_types": lambda: [m.name for m in Secret.MountType],
    "group_required": lambda: Secret(key="only_key"),
    "masked_wf": lambda: (os.environ.__setitem__("DB_PASSWORD", "abcd"), masked_wf())[1],
}
