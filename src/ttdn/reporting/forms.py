from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.reporting.models import Evidence, Status


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    percent = forms.IntegerField(label=_("Progress (%)"))
    reported_on = forms.DateField(label=_("Date"), initial=timezone.localdate)
    narrative = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(label=_("Reason (when not carried out)"), required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(label=_("Link"), max_length=1000, required=False)
    document_number = forms.CharField(label=_("Number and symbol"), max_length=80, required=False)
    document_date = forms.DateField(label=_("Date issued"), required=False)
    document_issuer = forms.CharField(label=_("Issuer"), max_length=255, required=False)
