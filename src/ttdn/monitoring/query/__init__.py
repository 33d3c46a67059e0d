"""The monitoring query language, free of Django: parse, evaluate, match many queries at once."""

from ttdn.monitoring.query.ast import Node, render
from ttdn.monitoring.query.evaluate import Hit, matches
from ttdn.monitoring.query.parser import QueryError, parse
from ttdn.monitoring.query.tokens import Document

__all__ = ["Document", "Hit", "Node", "QueryError", "matches", "parse", "render"]
