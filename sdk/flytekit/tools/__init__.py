"""Tools around the core: the compiler to IDL (``translator``), packaging helpers, and the CLIs' helpers."""
