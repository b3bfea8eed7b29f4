"""Bit-packed arrays of small unsigned integers, as the ArrayNode status stores per-subnode values.

The document form is ``{"BitSet": [uint32 blocks], "item": bits per item, "count": n}``
(flyte-propeller.md §1.4): item ``i`` occupies bits ``i*item .. i*item+item-1`` counted from the
least significant bit of block 0. The width is the fewest bits that hold the largest value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flytestdlib.errors import InvalidWorkflowDocument

_BLOCK_BITS = 32


@dataclass(frozen=True)
class CompactArray:
    blocks: tuple[int, ...]
    item_bits: int
    count: int

    @staticmethod
    def pack(values: list[int]) -> CompactArray:
        if any(value < 0 for value in values):
            raise ValueError(f"a compact array holds unsigned values only, got {min(values)}")
        bits = max((max(values, default=0)).bit_length(), 1)
        total = bits * len(values)
        blocks = [0] * ((total + _BLOCK_BITS - 1) // _BLOCK_BITS)
        for index, value in enumerate(values):
            for bit in range(bits):
                if value >> bit & 1:
                    position = index * bits + bit
                    blocks[position // _BLOCK_BITS] |= 1 << (position % _BLOCK_BITS)
        return CompactArray(tuple(blocks), bits, len(values))

    def values(self) -> list[int]:
        result = []
        for index in range(self.count):
            value = 0
            for bit in range(self.item_bits):
                position = index * self.item_bits + bit
                if self.blocks[position // _BLOCK_BITS] >> (position % _BLOCK_BITS) & 1:
                    value |= 1 << bit
            result.append(value)
        return result

    def to_json(self) -> dict[str, Any]:
        return {"BitSet": list(self.blocks), "item": self.item_bits, "count": self.count}

    @staticmethod
    def from_json(value: Any) -> CompactArray:
        try:
            blocks = tuple(int(block) for block in value.get("BitSet") or [])
            array = CompactArray(blocks, int(value["item"]), int(value["count"]))
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise InvalidWorkflowDocument(f"{value!r} is not a compact array document") from error
        if len(blocks) * _BLOCK_BITS < array.item_bits * array.count:
            raise InvalidWorkflowDocument(f"compact array {value!r} has fewer bits than its items need")
        return array
