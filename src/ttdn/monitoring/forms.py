"""The search form: a query in the monitoring language, a mode, and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ttdn.core.forms import ModelMultipleIdsField
from ttdn.monitoring.models import Source, Topic
from ttdn.monitoring.query import QueryError, parse
from ttdn.monitoring.search import Filters

LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Query"), max_length=2000)
    strict = forms.ChoiceField(
        label=_("Diacritics"),
        choices=[("", _("Loose: Lục Ngạn = Luc Ngan")), ("1", _("Strict: exact diacritics"))],
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    date_from = forms.DateField(label=_("From"), required=False, input_formats=["%d/%m/%Y"])
    date_to = forms.DateField(label=_("To"), required=False, input_formats=["%d/%m/%Y"])
    source = ModelMultipleIdsField(
        label=_("Sources"), queryset=Source.objects.order_by("name"), required=False
    )
    language = forms.MultipleChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.order_by("name"), required=False
    )

    def clean_q(self) -> str:

        query: str = self.cleaned_data["q"]
        try:
            parse(query)
        except QueryError as error:
            raise forms.ValidationError(error.localized(gettext)) from None
        return query

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date comes before the start date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            source_ids=tuple(source.pk for source in data.get("source") or []),
            languages=tuple(data.get("language") or []),
            countries=(data["country"].upper(),) if data.get("country") else (),
            topic_id=data["topic"].pk if data.get("topic") else None,
        )
