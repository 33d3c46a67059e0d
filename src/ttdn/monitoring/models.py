"""Press monitoring: sources, the articles they bring, saved topics, matches and clusters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """A feed, a sitemap or a single page polled for articles."""

    class Kind(models.TextChoices):
        FEED = "feed", _("RSS or Atom feed")
        SITEMAP = "sitemap", _("Sitemap")
        PAGE = "page", _("Single page")

    class Health(models.TextChoices):
        NEW = "new", _("Not polled yet")
        OK = "ok", _("Working")
        FAILING = "failing", _("Failing")
        STOPPED = "stopped", _("Stopped publishing")
        EMPTY = "empty", _("Page template changed: extraction empty")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField(_("address"), max_length=1000)
    language = models.CharField(_("language hint"), max_length=8, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    interval_minutes = models.PositiveIntegerField(_("polling interval (minutes)"), default=30)
    rate_limit_seconds = models.FloatField(_("seconds between requests to the site"), default=1.0)
    is_active = models.BooleanField(_("active"), default=True)

    health = models.CharField(
        _("health"), max_length=10, choices=Health.choices, default=Health.NEW
    )
    last_error = models.TextField(_("last error"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    empty_extractions = models.PositiveIntegerField(default=0)
    # Errors nobody foresaw (a bug met by this source's feed or one of its pages): logged with
    # their traceback, counted here, and the pass goes on.
    unexpected_errors = models.PositiveIntegerField(_("unexpected errors"), default=0)
    last_unexpected_error = models.TextField(_("last unexpected error"), blank=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_entry_at = models.DateTimeField(_("newest entry"), null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    """Articles telling the same story, across sources; the first one is where it appeared first."""

    first = models.ForeignKey(
        "Article", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("first")
    )
    size = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("story cluster")
        verbose_name_plural = _("story clusters")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Article(models.Model):
    """An article found by a source. Queued when discovered, ready once fetched and read."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        FETCHING = "fetching", _("Being fetched")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        DUPLICATE = "duplicate", _("Exact duplicate")

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField(_("address"), max_length=2000)
    url_key = models.CharField(max_length=64, unique=True)  # sha256 of the normalised URL
    canonical_url = models.URLField(_("canonical address"), max_length=2000, blank=True)
    canonical_key = models.CharField(max_length=64, blank=True, db_index=True)
    site = models.CharField(_("site"), max_length=200, blank=True, db_index=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    title = models.TextField(_("title"), blank=True)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(blank=True)  # sanitised; for display only
    author = models.CharField(_("author"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, db_index=True)
    language_confidence = models.FloatField(default=0.0)
    country = models.CharField(_("country"), max_length=2, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    discovered_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    # Feed entry, kept for when the page says less than the feed.
    entry_title = models.TextField(blank=True)
    entry_summary = models.TextField(blank=True)
    entry_published_at = models.DateTimeField(null=True, blank=True)

    # The loose (folded) tokens of title and text, joined by spaces: what full-text search indexes
    # (an FTS5 table on SQLite, a GIN expression index on PostgreSQL; see search.py).
    search_title = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    search_pairs = models.TextField(blank=True)  # neighbouring tokens joined: speeds up phrases
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    signature = models.JSONField(default=list, blank=True)  # MinHash, for near duplicates
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["state", "claimed_at"])]

    def __str__(self) -> str:
        return self.title or self.url


class Band(models.Model):
    """One LSH band of an article's MinHash; articles sharing one are near-duplicate candidates."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("similarity band")
        verbose_name_plural = _("similarity bands")

    def __str__(self) -> str:
        return f"{self.article_id}:{self.key}"


class Topic(models.Model):
    """A saved query: what the department follows."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    query = models.TextField(_("query"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Match(models.Model):
    """An article matched by a topic, with the spans to highlight."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="matches")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="matches")
    hits = models.JSONField(default=list)  # [[field, start, end], ...]
    matched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="match_once_per_topic")
        ]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.topic_id} × {self.article_id}"
