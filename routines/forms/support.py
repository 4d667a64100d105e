from django import forms

from ..models import SupportContact, SupportItem


class SupportContactForm(forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = ("name", "phone")
        labels = {"name": "Name", "phone": "Phone number"}
        # A text box with the phone keypad: what people write ("+44 (0)...") is kept as written.
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}


class SupportItemForm(forms.ModelForm):
    class Meta:
        model = SupportItem
        fields = ("text",)
