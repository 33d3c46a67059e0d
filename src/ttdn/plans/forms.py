from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.orgs.models import Unit, UnitKind
from ttdn.orgs.services import NameAction


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "A Word file (.docx), a PDF exported from Word or with OCR text (.pdf), or a text "
            "export (.txt), up to 20 MB. A scanned PDF without text cannot be read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )


class UnknownNameForm(forms.Form):
    """One name of the document the registry does not know: create it, alias it, or skip it."""

    ACTIONS = [
        (NameAction.CREATE.value, _("Create as a new unit")),
        (NameAction.ALIAS.value, _("Another name of")),
        (NameAction.SKIP.value, _("Skip")),
    ]

    written = forms.CharField(widget=forms.HiddenInput, max_length=255)
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    unit = forms.ModelChoiceField(
        label=_("Another name of"), queryset=Unit.objects.all(), required=False
    )

    def clean(self) -> dict[str, object]:
        data: dict[str, object] = super().clean() or {}
        action = data.get("action")
        if action == NameAction.ALIAS and not data.get("unit"):
            self.add_error("unit", _("Choose the unit this is another name of."))
        if action == NameAction.CREATE and not str(data.get("name") or "").strip():
            self.add_error("name", _("The unit name may not be empty."))
        return data


UnknownNameFormSet = forms.formset_factory(UnknownNameForm, extra=0, max_num=1000)
