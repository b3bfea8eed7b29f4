"""flyteadmin: the control plane (gRPC AdminService and friends, REST gateway, console hosting).

Layers: ``api`` (gRPC/REST parsing and error mapping) -> ``services`` (rules and transactions) ->
``repositories`` (SQLAlchemy). ``main`` is the composition root of the admin process.
"""
