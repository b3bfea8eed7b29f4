"""``FlyteFile`` and flytekit's format aliases (``CSVFile`` is ``FlyteFile.with_format("csv")``, and so on)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from flytekit.types._blob_paths import FileExt
from flytekit.types.file.file import FlyteFile

if TYPE_CHECKING:
    from flytekit.core.type_transformers.files import FlyteFilePathTransformer

# flytekit's format names: Annotated strings usable as FlyteFile[csv]
hdf5 = Annotated[str, FileExt("hdf5")]
html = Annotated[str, FileExt("html")]
joblib = Annotated[str, FileExt("joblib")]
jpeg = Annotated[str, FileExt("jpeg")]
pdf = Annotated[str, FileExt("pdf")]
png = Annotated[str, FileExt("png")]
python_pickle = Annotated[str, FileExt("python_pickle")]
ipynb = Annotated[str, FileExt("ipynb")]
svg = Annotated[str, FileExt("svg")]
csv = Annotated[str, FileExt("csv")]
onnx = Annotated[str, FileExt("onnx")]
tfrecords_file = Annotated[str, FileExt("tfrecord")]
jsonl_file = Annotated[str, FileExt("jsonl")]

CSVFile = FlyteFile.with_format("csv")
HTMLPage = FlyteFile.with_format("html")
JoblibSerializedFile = FlyteFile.with_format("joblib")
JPEGImageFile = FlyteFile.with_format("jpeg")
JSONLFile = FlyteFile.with_format("jsonl")
PDFFile = FlyteFile.with_format("pdf")
PNGImageFile = FlyteFile.with_format("png")
PythonPickledFile = FlyteFile.with_format("python_pickle")
PythonNotebook = FlyteFile.with_format("ipynb")
SVGImageFile = FlyteFile.with_format("svg")
HDF5EncodedFile = FlyteFile.with_format("hdf5")
TFRecordFile = FlyteFile.with_format("tfrecord")
ONNXFile = FlyteFile.with_format("onnx")


def __getattr__(name: str) -> Any:
    # The transformer lives with the type engine; loaded on first use so this package stays light.
    if name == "FlyteFilePathTransformer":
        from flytekit.core.type_transformers.files import FlyteFilePathTransformer

        return FlyteFilePathTransformer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CSVFile",
    "FileExt",
    "FlyteFile",
    "FlyteFilePathTransformer",
    "HDF5EncodedFile",
    "HTMLPage",
    "JPEGImageFile",
    "JSONLFile",
    "JoblibSerializedFile",
    "ONNXFile",
    "PDFFile",
    "PNGImageFile",
    "PythonNotebook",
    "PythonPickledFile",
    "SVGImageFile",
    "TFRecordFile",
]
