"""datacatalog: the gRPC DataCatalog service that memoizes task outputs (datasets, artifacts, tags,
partitions, reservations).
"""
