"""A user-defined TypeTransformer (as in flytesnacks' custom types example) and protobuf messages."""

import os
import tempfile
import typing

from google.protobuf import struct_pb2

from flytekit import (
    Blob,
    BlobMetadata,
    BlobType,
    FlyteContext,
    Literal,
    LiteralType,
    Scalar,
    task,
    workflow,
)
from flytekit.extend import TypeEngine, TypeTransformer


class MyDataset:
    """A folder of files, carried by a custom transformer as a multipart blob."""

    def __init__(self) -> None:
        self._tmp_dir = tempfile.TemporaryDirectory()

    @property
    def base_dir(self) -> str:
        return self._tmp_dir.name

    @property
    def files(self) -> typing.List[str]:
        return sorted(os.listdir(self.base_dir))

    def new_file(self, name: str) -> str:
        return os.path.join(self.base_dir, name)


class MyDatasetTransformer(TypeTransformer[MyDataset]):
    _TYPE_INFO = BlobType(format="binary", dimensionality=BlobType.BlobDimensionality.MULTIPART)

    def __init__(self):
        super(MyDatasetTransformer, self).__init__(name="mydataset-transform", t=MyDataset)

    def get_literal_type(self, t: typing.Type[MyDataset]) -> LiteralType:
        return LiteralType(blob=self._TYPE_INFO)

    def to_literal(
        self,
        ctx: FlyteContext,
        python_val: MyDataset,
        python_type: typing.Type[MyDataset],
        expected: LiteralType,
    ) -> Literal:
        remote_dir = ctx.file_access.get_random_remote_directory()
        ctx.file_access.upload_directory(python_val.base_dir, remote_dir)
        return Literal(scalar=Scalar(blob=Blob(uri=remote_dir, metadata=BlobMetadata(type=self._TYPE_INFO))))

    def to_python_value(
        self, ctx: FlyteContext, lv: Literal, expected_python_type: typing.Type[MyDataset]
    ) -> MyDataset:
        local_dir = ctx.file_access.get_random_local_directory()
        ctx.file_access.download_directory(lv.scalar.blob.uri, local_dir)
        dataset = MyDataset()
        for name in os.listdir(local_dir):
            with open(os.path.join(local_dir, name)) as src, open(dataset.new_file(name), "w") as dst:
                dst.write(src.read())
        return dataset


TypeEngine.register(MyDatasetTransformer())


@task
def generate() -> MyDataset:
    d = MyDataset()
    for i in range(3):
        with open(d.new_file(f"x{i}.txt"), "w") as f:
            f.write(f"file {i}")
    return d


@task
def consume(d: MyDataset) -> typing.List[str]:
    contents = []
    for name in d.files:
        with open(os.path.join(d.base_dir, name)) as f:
            contents.append(f"{name}:{f.read()}")
    return contents


@workflow
def dataset_wf() -> typing.List[str]:
    return consume(d=generate())


@task
def make_struct(n: int) -> struct_pb2.Struct:
    s = struct_pb2.Struct()
    s.update({"n": n, "name": "x", "items": [1, 2]})
    return s


@task
def read_struct(s: struct_pb2.Struct) -> typing.List[str]:
    return sorted(s.keys())


@workflow
def protobuf_wf(n: int = 2) -> typing.List[str]:
    return read_struct(s=make_struct(n=n))


CASES = {
    "custom_transformer": lambda: dataset_wf(),
    "protobuf_struct": lambda: protobuf_wf(n=4),
    "protobuf_field": lambda: make_struct(n=1)["name"],
}
