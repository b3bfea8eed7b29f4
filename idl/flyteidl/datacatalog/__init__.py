"""The data catalog service (proto package ``datacatalog``)."""
