"""Clients of the Flyte control plane: admin's gRPC services as seen from the SDK.

``raw.RawSynchronousFlyteClient`` is one method per RPC (request proto in, response proto out);
``friendly.SynchronousFlyteClient`` builds the requests from keyword arguments and pages lists.
Both build their channel from a ``PlatformConfig`` (``channels``) and turn gRPC failures into the
SDK's exception types (``errors``). ``grpc`` is imported only when a client is created, so
``import flytekit`` stays light.
"""
