"""Renderers: objects with ``to_html(value) -> str`` for decks (and for ``Annotated[T, renderer]``).

pandas/pyarrow are used only by the frame renderers and imported when they render.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol, runtime_checkable

DEFAULT_MAX_ROWS = 10


def _escape(text: str) -> str:
    import html

    return html.escape(text)


DEFAULT_MAX_COLS = 100


@runtime_checkable
class Renderable(Protocol):
    def to_html(self, python_value: Any) -> str:
        """HTML for ``python_value``."""
        ...


class TopFrameRenderer:
    """The first ``max_rows`` rows and ``max_cols`` columns of a pandas DataFrame as an HTML table."""

    def __init__(self, max_rows: int = DEFAULT_MAX_ROWS, max_cols: int = DEFAULT_MAX_COLS) -> None:
        self._max_rows = max_rows
        self._max_cols = max_cols

    def to_html(self, df: Any) -> str:
        pandas = importlib.import_module("pandas")
        if not isinstance(df, pandas.DataFrame):
            raise TypeError(f"TopFrameRenderer renders pandas DataFrames, got {type(df).__name__}")
        return str(df.to_html(max_rows=self._max_rows, max_cols=self._max_cols))


class ArrowRenderer:
    """A pyarrow Table as text."""

    def to_html(self, df: Any) -> str:
        pyarrow = importlib.import_module("pyarrow")
        if not isinstance(df, pyarrow.Table):
            raise TypeError(f"ArrowRenderer renders pyarrow Tables, got {type(df).__name__}")
        return f"<pre>{_escape(df.to_string())}</pre>"


class MarkdownRenderer:
    """Markdown text as HTML (CommonMark)."""

    def to_html(self, text: str) -> str:
        from markdown_it import MarkdownIt

        return str(MarkdownIt("commonmark").render(text))


class SourceCodeRenderer:
    """Python source, syntax-highlighted."""

    def __init__(self, title: str = "Source Code") -> None:
        self._title = title

    def to_html(self, source_code: str) -> str:
        pygments = importlib.import_module("pygments")
        formatters = importlib.import_module("pygments.formatters.html")
        lexers = importlib.import_module("pygments.lexers.python")
        formatter = formatters.HtmlFormatter(style="default", noclasses=True)
        highlighted = pygments.highlight(source_code, lexers.PythonLexer(), formatter)
        return f"<h3>{_escape(self._title)}</h3>{highlighted}"


class PythonDependencyRenderer:
    """The Python distributions installed in this interpreter, as a table."""

    def __init__(self, title: str = "Dependencies") -> None:
        self._title = title

    def to_html(self, python_value: Any = None) -> str:
        from importlib.metadata import distributions

        rows = sorted(
            {(d.metadata["Name"] or "", d.version) for d in distributions()}, key=lambda r: r[0].lower()
        )
        body = "".join(f"<tr><td>{_escape(n)}</td><td>{_escape(v)}</td></tr>" for n, v in rows)
        return (
            f"<h3>{_escape(self._title)}</h3><table><thead><tr><th>Name</th><th>Version</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )
