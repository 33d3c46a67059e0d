"""The full-text index of articles, per database. Used by the migration and the benchmarks.

SQLite: an FTS5 table with external content (the article table), kept in step by triggers.
PostgreSQL: a stored generated ``tsvector`` column, ``search_vector``, of the ``simple``
configuration (title weight A, text weight B), with a GIN index.
Both index ``search_title``/``search_text``: the folded tokens joined by spaces, and
``search_pairs``: each pair of neighbouring tokens as one token (``query.fts.pairs_text``), which
lets a phrase of common syllables start from its rare pair
(``query.fts.fts_text``). A placeholder token between two blocks (lines) of a field, and no pair
across them, keep phrases inside a block. FTS5's ``ascii`` tokenizer splits on ASCII spaces and
punctuation only, so each of those tokens is one FTS5 token (see ``query/fts.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ttdn.monitoring.query import Node
from ttdn.monitoring.query.fts import Compiled, to_fts5, to_tsquery, with_pairs

# Counting stops here ("more than 1,000"): an exact count of a common phrase would read every
# matching row; the page of the newest matches does not.
COUNT_CAP = 1000

SQLITE_TABLE = "monitoring_article_fts"
SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE monitoring_article_fts USING fts5(
        search_title, search_text, search_pairs, content='monitoring_article', content_rowid='id',
        tokenize='ascii')""",
    """CREATE TRIGGER monitoring_article_fts_insert AFTER INSERT ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(rowid, search_title, search_text, search_pairs)
        VALUES (new.id, new.search_title, new.search_text, new.search_pairs); END""",
    """CREATE TRIGGER monitoring_article_fts_delete AFTER DELETE ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(
            monitoring_article_fts, rowid, search_title, search_text, search_pairs)
        VALUES ('delete', old.id, old.search_title, old.search_text, old.search_pairs); END""",
    """CREATE TRIGGER monitoring_article_fts_update
        AFTER UPDATE OF search_title, search_text, search_pairs ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(
            monitoring_article_fts, rowid, search_title, search_text, search_pairs)
        VALUES ('delete', old.id, old.search_title, old.search_text, old.search_pairs);
        INSERT INTO monitoring_article_fts(rowid, search_title, search_text, search_pairs)
        VALUES (new.id, new.search_title, new.search_text, new.search_pairs); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS monitoring_article_fts_update",
    "DROP TRIGGER IF EXISTS monitoring_article_fts_delete",
    "DROP TRIGGER IF EXISTS monitoring_article_fts_insert",
    "DROP TABLE IF EXISTS monitoring_article_fts",
]

VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_text), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_pairs), 'C'))"
)
# The vector is stored (a generated column): phrase queries re-check the rows the GIN index
# returns, and re-parsing every candidate's text there would cost seconds on common words.
POSTGRES_COLUMN = "search_vector"
POSTGRES_CREATE = [
    "ALTER TABLE monitoring_article ADD COLUMN search_vector tsvector"
    " GENERATED ALWAYS AS " + VECTOR + " STORED",
    "CREATE INDEX monitoring_article_search ON monitoring_article USING GIN (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS monitoring_article_search",
    "ALTER TABLE monitoring_article DROP COLUMN IF EXISTS search_vector",
]


def compiled_query(node: Node, engine: str) -> Compiled:
    """``node`` for this schema's full-text index on ``engine`` ("sqlite" or "postgresql")."""
    if engine == "postgresql":
        return with_pairs(to_tsquery(node), node, engine="postgresql")
    compiled = to_fts5(node, columns=("search_title", "search_text"))
    return with_pairs(compiled, node, engine="sqlite", column="search_pairs")


# The engine's own answer (``search.candidates``), cut by a LIMIT.
MATCHING = {
    "postgresql": f"SELECT id FROM monitoring_article WHERE {POSTGRES_COLUMN} @@"  # noqa: S608
    " to_tsquery('simple', %s) LIMIT %s",
    # Newest collected first: FTS5 reads its lists backwards as cheaply as forwards.
    "sqlite": f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s"  # noqa: S608
    " ORDER BY rowid DESC LIMIT %s",
}
# The matches among the articles collected after a given one (PostgreSQL; see ``recent``).
POSTGRES_SINCE = (
    f"SELECT id FROM monitoring_article WHERE {POSTGRES_COLUMN} @@"  # noqa: S608
    " to_tsquery('simple', %s) AND id > %s"
)

Run = Callable[[str, list[Any]], list[tuple[Any, ...]]]


def recent(
    run: Run, engine: str, expression: str, first: list[int], *, cap: int = COUNT_CAP
) -> list[int]:
    """The ``cap`` + 1 most recently collected matches, newest first, given the engine's first
    answer (``MATCHING``) when it holds more than ``cap``.

    On SQLite that answer already is. PostgreSQL's GIN index has no order, and sorting every match
    of a common phrase would read each of its rows; instead it is asked for the matches among the
    newest articles, in a window that the first answer's spread suggests (its ids are roughly the
    oldest matches), widened until the window holds enough.
    """
    if engine == "sqlite":
        return first
    top = run("SELECT max(id) FROM monitoring_article", [])[0][0] or 0
    window = 11 * (max(first) - min(first) + 1) // 10
    while True:
        since = max(0, top - window)
        found = sorted((row[0] for row in run(POSTGRES_SINCE, [expression, since])), reverse=True)
        if len(found) > cap or since == 0:
            return found[: cap + 1]
        window *= 3


def statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    return []
