from django import forms

from ..models import SupportContact, SupportItem


class SupportContactForm(forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = ("name", "phone")
        labels = {"name": "Name", "phone": "Phone number"}
        # A text box with the phone keypad: what people write ("+44 (0)...") is kept as written.
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}
        error_messages = {
            "name": {"max_length": "Please keep the name to 60 characters or fewer."},
            "phone": {"max_length": "Please keep the number to 30 characters or fewer."},
        }


class SupportItemForm(forms.ModelForm):
    class Meta:
        model = SupportItem
        fields = ("text",)
        error_messages = {"text": {"max_length": "Please keep this to 200 characters or fewer."}}
