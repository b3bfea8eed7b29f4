"""``FlyteFile`` and flytekit's format aliases (``CSVFile`` is ``FlyteFile.with_format("csv")``, and so on)."""

from __future__ import annotations

from flytekit.types.file.file import FlyteFile

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

__all__ = [
    "CSVFile",
    "FlyteFile",
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
