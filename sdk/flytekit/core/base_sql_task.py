"""``SQLTask``: the base of SQL task types (task type ``sql_task`` unless a plugin says otherwise).

The query template is kept on one line (runs of whitespace collapsed). ``{{ .inputs.x }}`` holes are
filled by the platform's SQL plugin; ``interpolate_query`` does the same locally for tests and
plugins. A plain SQLTask cannot run in Python: calling it raises NotImplementedError, as in
flytekit, so tests mock it (``flytekit.testing.task_mock``).
"""

from __future__ import annotations

import re
from typing import Any

from flytekit.core.base_task import PythonTask, TaskMetadata
from flytekit.core.interface import Interface


class SQLTask(PythonTask):
    """Base for SQL tasks; subclasses add ``get_custom``/``get_sql`` for their engine."""

    _INPUT_REGEX = re.compile(r"({{\s*.inputs.(\w+)\s*}})", re.IGNORECASE)

    def __init__(
        self,
        name: str,
        query_template: str,
        task_config: Any = None,
        task_type: str = "sql_task",
        inputs: dict[str, Any] | None = None,
        metadata: TaskMetadata | None = None,
        outputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            task_type=task_type,
            name=name,
            interface=Interface(inputs=inputs or {}, outputs=outputs or {}),
            metadata=metadata,
            **kwargs,
        )
        self._task_config = task_config
        self._query_template = re.sub(
            r"\s+", " ", query_template.replace("\n", " ").replace("\t", " ")
        ).strip()

    @property
    def task_config(self) -> Any:
        return self._task_config

    @property
    def query_template(self) -> str:
        return self._query_template

    def execute(self, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"SQL task '{self.name}' cannot run in Python: its query runs on the SQL engine of the platform. "
            "Mock it in tests (flytekit.testing.task_mock) or use a task type that runs locally."
        )

    def get_query(self, **kwargs: Any) -> str:
        return self.interpolate_query(self.query_template, **kwargs)

    @classmethod
    def interpolate_query(cls, query_template: str, **kwargs: Any) -> str:
        """The query with each ``{{ .inputs.x }}`` replaced by ``str(x)``; every input must be used."""
        query = query_template
        matched = set()
        for match in cls._INPUT_REGEX.finditer(query_template):
            expr, var = match.groups()
            if var not in kwargs:
                raise ValueError(
                    f"Variable {var} in Query (part of {expr}) not found in inputs {kwargs.keys()}"
                )
            matched.add(var)
            query = query.replace(expr, str(kwargs[var]))
        if len(matched) < len(kwargs):
            raise ValueError(
                f"Extra Inputs have no matches in query template - missing {set(kwargs) - matched}"
            )
        return query
