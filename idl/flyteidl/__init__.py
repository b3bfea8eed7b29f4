"""flyteidl: the protobuf contract of Flyte 1.16, generated from the sources in ``idl/protos``.

The modules under this package (``flyteidl.core.literals_pb2``, ``flyteidl.service.admin_pb2_grpc``,
...) are produced by ``make idl`` and never edited by hand. They are wire-identical to the
``flyteidl`` 1.16.8 package: same proto packages, messages, field numbers, services and HTTP rules.
"""
