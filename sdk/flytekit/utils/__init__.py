"""flytekit's small helpers: running coroutines from synchronous code (``asyn``), a per-minute rate
limiter (``rate_limiter``), placeholder filling in nested dicts (``dict_formatter``) and stable
hashes of protobuf messages (``pbhash``)."""
