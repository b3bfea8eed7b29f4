"""flytestdlib: the shared base of the backend services: blob storage (local files, S3), settings,
logging and metrics.
"""
