"""A browser's push subscription, as static/js/push.js sends it from pushManager.subscribe()."""

import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings

# Keys as browsers give them: base64url, padding optional.
BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


# Browsers fill these in, never people: one calm message for anything amiss.
UNREADABLE = "This browser sent a subscription Selfcare can't read, so notifications can't be turned on here."
MESSAGES = {"required": UNREADABLE, "max_length": UNREADABLE, "invalid": UNREADABLE}


class PushSubscriptionForm(forms.Form):
    endpoint = forms.URLField(max_length=2000, assume_scheme="https", error_messages=MESSAGES)
    p256dh = forms.CharField(max_length=200, error_messages=MESSAGES)
    auth = forms.CharField(max_length=100, error_messages=MESSAGES)

    def clean_endpoint(self) -> str:
        """Only a known push service's HTTPS address: the server will POST to it every day,
        so it must never be a place inside our own network."""
        endpoint = self.cleaned_data["endpoint"]
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" or not any(host == known or host.endswith(f".{known}") for known in settings.PUSH_SERVICE_HOSTS):
            raise forms.ValidationError("This browser's push service isn't one Selfcare knows, so notifications can't be turned on here.")
        return endpoint

    def clean(self) -> dict:
        data = super().clean()
        for name in ("p256dh", "auth"):
            if name in data and not BASE64URL.fullmatch(data[name]):
                self.add_error(name, UNREADABLE)
        return data
