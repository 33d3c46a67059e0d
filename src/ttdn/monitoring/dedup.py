"""Near-duplicate detection: MinHash signatures and LSH bands. Free of Django.

Syndicated stories reach several sites with a different headline, an extra paragraph or other
boilerplate. Each article's loose text is cut into word 3-shingles and summarised by a 64-value
MinHash (datasketch); the signature is split into 16 bands of 4 values, each band hashed to one
integer key. Two articles sharing any band key are candidates; they are near duplicates when the
estimated Jaccard similarity of their shingles reaches ``THRESHOLD``. With 16 × 4, pairs at 0.5
similarity share a band with probability 0.64, pairs at 0.8 with probability 0.9999.
"""

from __future__ import annotations

import hashlib
import struct

from datasketch import MinHash

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
THRESHOLD = 0.6
SEED = 20251


# The permutations depend only on the seed: made once, not for every article.
_PERMUTATIONS = MinHash(num_perm=PERMUTATIONS, seed=SEED)


def shingles(tokens: list[str]) -> set[bytes]:
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {
        " ".join(tokens[i : i + SHINGLE]).encode("utf-8") for i in range(len(tokens) - SHINGLE + 1)
    }


def signature(tokens: list[str]) -> list[int]:
    """The MinHash of the text's shingles; empty for an empty text."""
    found = shingles(tokens)
    if not found:
        return []
    minhash = MinHash(
        num_perm=PERMUTATIONS,
        seed=SEED,
        permutations=_PERMUTATIONS.permutations,
        scheme=_PERMUTATIONS.scheme,
    )
    minhash.update_batch(list(found))
    return [int(value) for value in minhash.hashvalues]


def bands(sig: list[int]) -> list[int]:
    """One signed 63-bit key per band (fits a BigIntegerField)."""
    keys: list[int] = []
    for band in range(BANDS if sig else 0):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<B{ROWS}Q", band, *rows), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def similarity(a: list[int], b: list[int]) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
