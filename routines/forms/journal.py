"""The daily check-in: mood, feeling words and a few lines, every part optional."""

import hashlib

from django import forms

from ..journal import FEELING_LIMIT, FEELINGS_PER_ENTRY, TEXT_LIMIT, clean_feeling
from ..models import Mood


CHANGED_PAGE = {"max_length": "This page's form was changed. Please reload it and try again."}


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        choices=Mood.choices,
        coerce=int,
        empty_value=None,
        required=False,
        label="Mood",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose one of the five words."},
    )
    feelings = forms.MultipleChoiceField(
        required=False, label="Any of these?", widget=forms.CheckboxSelectMultiple
    )
    own_feelings = forms.CharField(
        required=False,
        max_length=200,
        label="Words of your own",
        help_text="Optional. Separate them with commas; they'll be offered next time.",
        error_messages={"max_length": "Please keep these to 200 characters or fewer."},
    )
    prompt = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.HiddenInput,
        error_messages={"max_length": "That question didn't come from this page. Please reload it and try again."},
    )
    # What the card was loaded with (the mood, a fingerprint of the feelings and of the words):
    # a card left open writes only what was changed on it, never back over another device's.
    mood_was = forms.CharField(required=False, max_length=1, widget=forms.HiddenInput, error_messages=CHANGED_PAGE)
    feelings_was = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput, error_messages=CHANGED_PAGE)
    text_was = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput, error_messages=CHANGED_PAGE)
    text = forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        label="Write",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"That's more than {TEXT_LIMIT:,} characters. Please shorten it a little; "
            "everything you wrote is still here."
        },
    )

    def __init__(self, *args, offered: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["text_was"] = fingerprint(self.initial.get("text", ""))
        self.initial["mood_was"] = self.initial.get("mood") or ""
        self.initial["feelings_was"] = fingerprint(",".join(self.initial.get("feelings", [])))
        self.fields["feelings"].choices = [(word, word) for word in offered]
        # No maxlength in the page: a browser would cut pasted words off silently; the server says so instead.
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def clean_own_feelings(self) -> list[str]:
        words = [clean_feeling(word) for word in self.cleaned_data["own_feelings"].split(",")]
        words = [word for word in words if word]
        if any(len(word) > FEELING_LIMIT for word in words):
            raise forms.ValidationError(f"Please keep each word to {FEELING_LIMIT} characters or fewer.")
        return words

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def clean(self) -> dict:
        data = super().clean()
        chosen = data.get("feelings") or []
        words = list(dict.fromkeys([*chosen, *data.get("own_feelings", [])]))
        if len(words) > FEELINGS_PER_ENTRY:
            self.add_error("own_feelings", f"Please pick up to {FEELINGS_PER_ENTRY} words.")
        data["feelings"] = words
        return data

    def has_something(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("mood") or data.get("feelings") or data.get("text"))

    def changed_fields(self) -> list[str]:
        """The entry's fields this form changes: a card that only moved the mood writes only the mood."""
        changed = set(self.changed_data)
        data, loaded = self.cleaned_data, self.data
        # Compared with the card as it was loaded (when the page says), not with what is stored now.
        if loaded.get("text_was"):
            changed = (changed - {"text"}) | ({"text"} if fingerprint(data["text"]) != loaded["text_was"] else set())
        if "mood_was" in loaded:
            changed = (changed - {"mood"}) | ({"mood"} if str(data["mood"] or "") != loaded["mood_was"] else set())
        if loaded.get("feelings_was"):
            moved = fingerprint(",".join(data["feelings"])) != loaded["feelings_was"]
            changed = (changed - {"feelings", "own_feelings"}) | ({"feelings"} if moved else set())
        fields = [name for name in ("mood", "text") if name in changed]
        if changed & {"feelings", "own_feelings"}:
            fields.append("feelings")
        if "text" in fields:
            fields.append("prompt")  # the words answer the prompt shown with them; only new words move it
        return fields


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()
