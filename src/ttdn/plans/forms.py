from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.orgs.models import Unit, UnitKind


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "A Word file (.docx), a PDF exported from Word or with OCR text (.pdf), or a text "
            "export (.txt), up to 20 MB. A scanned PDF without text cannot be read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )


class CreateUnitForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)


class AliasForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    unit = forms.ModelChoiceField(label=_("Another name of"), queryset=Unit.objects.all())
