"""Private words encrypted at rest: notes, check-in text and feeling words.

Fernet (AES with an HMAC, from `cryptography`) under MultiFernet: settings.ENCRYPTION_KEYS
holds one or more keys; the first encrypts, every one of them decrypts, so a new key can go
first while `manage.py rotate_encryption_key` rewrites the old rows.

The fields are transparent: code reads and writes plain text and lists, and the database
holds only tokens. An empty text stays "" so `.exclude(note="")` still finds the rows with
words; nothing else can be looked up in the database (a token is different every time).
"""

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    return fernet().decrypt(token.encode()).decode() if token else ""


class EncryptedTextField(models.TextField):
    """A TextField whose column holds a Fernet token. Forms validate the plain text (max_length)."""

    LOOKUPS = {"exact", "isnull"}

    def get_lookup(self, lookup_name: str):
        # icontains and friends would compare against tokens and silently match nothing.
        if lookup_name not in self.LOOKUPS:
            raise FieldError(f"{self.name} is encrypted: filter its plain text in Python, not with __{lookup_name}.")
        return super().get_lookup(lookup_name)

    def from_db_value(self, value: str | None, expression, connection) -> Any:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)


class EncryptedJSONField(EncryptedTextField):
    """A list or dict kept as encrypted JSON text (feeling words: private, and only ever read whole)."""

    LOOKUPS = {"isnull"}

    def from_db_value(self, value: str | None, expression, connection) -> Any:
        return None if value is None else json.loads(decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else encrypt(json.dumps(value))

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))
