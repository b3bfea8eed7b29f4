"""flytesandbox: the one composition root that runs admin, datacatalog, propeller (local backend) and
the scheduler in a single process (``flyte start``). The only package that imports them together.
"""
