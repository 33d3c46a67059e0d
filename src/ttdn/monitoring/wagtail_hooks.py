from django.urls import URLPattern, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from ttdn.monitoring import admin_views, services, views  # noqa: F401 (services declares audit actions)
from ttdn.monitoring.models import Source, Topic
from ttdn.orgs.menus import DepartmentMenuItem, DepartmentSubmenu


@hooks.register("register_admin_urls")
def monitoring_urls() -> list[URLPattern]:
    return [
        path("monitoring/", views.overview, name="monitoring_overview"),
        path("monitoring/topics/<int:pk>/", views.topic_articles, name="monitoring_topic"),
        path("monitoring/articles/<int:pk>/", views.article_detail, name="monitoring_article"),
        path("monitoring/search/", views.search_view, name="monitoring_search"),
        path("monitoring/clusters/", views.cluster_list, name="monitoring_clusters"),
        path("monitoring/clusters/<int:pk>/", views.cluster_detail, name="monitoring_cluster"),
        path("monitoring/query-check/", views.query_check, name="monitoring_query_check"),
        path("monitoring/sources/<int:pk>/poll/", views.source_poll_now, name="monitoring_poll"),
    ]


register_permission_policy(Source, admin_views.SOURCE_POLICY)
register_permission_policy(Topic, admin_views.TOPIC_POLICY)
source_viewset = admin_views.SourceViewSet()
topic_viewset = admin_views.TopicViewSet()
register_snippet(source_viewset)
register_snippet(topic_viewset)


@hooks.register("register_admin_menu_item")
def monitoring_menu() -> MenuItem:
    entries = [
        (_("Overview"), reverse_lazy("monitoring_overview"), "view"),
        (_("Search articles"), reverse_lazy("monitoring_search"), "search"),
        (_("Story clusters"), reverse_lazy("monitoring_clusters"), "group"),
        (_("Topics"), reverse_lazy(topic_viewset.get_url_name("list")), "tag"),
        (_("Sources"), reverse_lazy(source_viewset.get_url_name("list")), "site"),
    ]
    items = [DepartmentMenuItem(label, url, icon_name=icon) for label, url, icon in entries]
    return DepartmentSubmenu(
        _("Press monitoring"), Menu(items=items), icon_name="radio-full", order=70
    )
