"""Serialize every entity of some packages with *our* flytekit, like ``pyflyte --pkgs P package`` does.

Run as a script in a fresh interpreter (so the entity registry holds only these packages), with the
packages' parent folder as working directory:

    python serialize_driver.py OUT_DIR --pkgs PKG [--image IMG ...] [--env K=V ...] [--fast DEST_DIR]

Writes ``<index>_<name>_<kind>.pb`` files into OUT_DIR.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from flytekit.configuration import FastSerializationSettings, ImageConfig, SerializationSettings
from flytekit.tools.serialize_helpers import get_registrable_entities, persist_registrable_entities


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--pkgs", action="append", required=True)
    parser.add_argument("--image", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--fast", default=None, help="enable fast serialization with this destination dir")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    for package in args.pkgs:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            importlib.import_module(info.name)
    settings = SerializationSettings(
        image_config=ImageConfig.validate_image(None, None, args.image),
        env=dict(item.split("=", 1) for item in args.env) or None,
        fast_serialization_settings=FastSerializationSettings(enabled=True, destination_dir=args.fast)
        if args.fast
        else None,
    )
    os.makedirs(args.out_dir, exist_ok=True)
    for path in persist_registrable_entities(get_registrable_entities(settings), args.out_dir):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
