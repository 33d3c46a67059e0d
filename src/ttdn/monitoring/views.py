"""The analysts' pages: topics and their articles, an article, story clusters, the query check."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.http import page_number
from ttdn.monitoring import selectors, services, tasks
from ttdn.monitoring.forms import SearchForm
from ttdn.monitoring.highlight import highlight, snippet
from ttdn.monitoring.models import Article, Cluster, Source, Topic
from ttdn.monitoring.query import QueryError, parse, render
from ttdn.monitoring.search import search
from ttdn.orgs import permissions

PAGE_SIZE = 25


def _require_department(request: HttpRequest) -> None:
    if not permissions.is_department(request.user):
        raise PermissionDenied


def overview(request: HttpRequest) -> HttpResponse:
    _require_department(request)
    since = timezone.now() - timedelta(days=7)
    context = {
        "topics": selectors.topics_overview(since=since),
        "sources": selectors.sources_health(),
        "clusters": selectors.clusters()[:10],
        "can_manage": services.can_manage(request.user),
    }
    return TemplateResponse(request, "monitoring/admin/overview.html", context)


def _spans(hits: list[list[object]], field: str) -> list[tuple[int, int]]:
    return [(int(str(start)), int(str(end))) for name, start, end in hits if name == field]


def topic_articles(request: HttpRequest, pk: int) -> HttpResponse:
    _require_department(request)
    topic = get_object_or_404(Topic, pk=pk)
    page = Paginator(selectors.topic_matches(topic), PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [
        {
            "article": match.article,
            "title": highlight(match.article.title, _spans(match.hits, "title")),
            "snippet": snippet(match.article.text, _spans(match.hits, "text")),
        }
        for match in page
    ]
    try:
        tree = render(parse(topic.query))
    except QueryError as error:
        tree = error.localized(_)
    context = {"topic": topic, "page": page, "rows": rows, "tree": tree}
    return TemplateResponse(request, "monitoring/admin/topic.html", context)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_department(request)
    article = get_object_or_404(Article.objects.select_related("source", "cluster"), pk=pk)
    matches = list(article.matches.select_related("topic").order_by("topic__name"))
    hits = [hit for match in matches for hit in match.hits]
    context = {
        "article": article,
        "matches": matches,
        "title": highlight(article.title, _spans(hits, "title")),
        "paragraphs": _paragraphs(article.text, _spans(hits, "text")),
        "spread": selectors.cluster_spread(article.cluster) if article.cluster else [],
    }
    return TemplateResponse(request, "monitoring/admin/article.html", context)


def _paragraphs(text: str, spans: list[tuple[int, int]]) -> list[SafeString]:
    out = []
    at = 0
    for line in text.split("\n"):
        start, end = at, at + len(line)
        inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
        if line.strip():
            out.append(highlight(line, inner))
        at = end + 1
    return out


def cluster_list(request: HttpRequest) -> HttpResponse:
    _require_department(request)
    page = Paginator(selectors.clusters(), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "monitoring/admin/clusters.html", {"page": page})


def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_department(request)
    cluster = get_object_or_404(Cluster, pk=pk)
    spread = selectors.cluster_spread(cluster)
    first = spread[0].published_at if spread and spread[0].published_at else None
    rows = [{"article": article, "after": _after(article, first)} for article in spread]
    return TemplateResponse(
        request, "monitoring/admin/cluster.html", {"cluster": cluster, "rows": rows}
    )


def _after(article: Article, first: datetime | None) -> str:
    """How long after the first appearance, e.g. "+4 h 15 min"."""
    if first is None or article.published_at is None:
        return ""
    minutes = int((article.published_at - first).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    if days:
        return "+" + _("%(days)d d %(hours)d h") % {"days": days, "hours": rest // 60}
    return "+" + _("%(hours)d h %(minutes)02d min") % {"hours": rest // 60, "minutes": rest % 60}


def search_view(request: HttpRequest) -> HttpResponse:
    _require_department(request)
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = search(
            form.cleaned_data["q"],
            strict=bool(form.cleaned_data.get("strict")),
            filters=form.filters(),
            page=page_number(request.GET.get("p")),
        )
    params = request.GET.copy()
    params.pop("p", None)
    context = {"form": form, "results": results, "query_string": params.urlencode()}
    return TemplateResponse(request, "monitoring/admin/search.html", context)


def query_check(request: HttpRequest) -> JsonResponse:
    """The parsed tree of a query, or the error: what the topic editor shows as you type."""
    _require_department(request)
    try:
        node = parse(request.GET.get("q", ""))
    except QueryError as error:
        return JsonResponse({"ok": False, "error": error.localized(_), "column": error.column})
    return JsonResponse({"ok": True, "tree": render(node)})


@require_POST
def source_poll_now(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.can_manage(request.user):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=pk)
    tasks.poll_source.enqueue(source.pk)
    messages.success(request, _("Source “%(name)s” will be polled now.") % {"name": source.name})
    return redirect("monitoring_overview")
