# Notes, check-in text and feeling words encrypted at rest (routines/crypto.py).

import routines.crypto
from django.db import migrations, models

BATCH = 500

# Read and written as plain text columns here, so the step sees exactly what is stored.
COLUMNS = {"DayRecord": ["note"], "JournalEntry": ["text", "feelings"]}


def convert(apps, change) -> None:
    for model_name, fields in COLUMNS.items():
        model = apps.get_model("routines", model_name)
        last = 0
        while True:
            rows = list(model.objects.filter(pk__gt=last).order_by("pk").only("pk", *fields)[:BATCH])
            if not rows:
                break
            for row in rows:
                for name in fields:
                    setattr(row, name, change(getattr(row, name)))
            model.objects.bulk_update(rows, fields)
            last = rows[-1].pk


def encrypt_rows(apps, schema_editor) -> None:
    convert(apps, routines.crypto.encrypt)


def decrypt_rows(apps, schema_editor) -> None:
    convert(apps, routines.crypto.decrypt)


class Migration(migrations.Migration):

    dependencies = [
        ('routines', '0010_session_version'),
    ]

    operations = [
        # Feelings become text first (JSON text, e.g. '["calm"]'), so a token fits in the column.
        migrations.AlterField(
            model_name='journalentry',
            name='feelings',
            field=models.TextField(blank=True, default='[]'),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
        migrations.AlterField(
            model_name='dayrecord',
            name='note',
            field=routines.crypto.EncryptedTextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='journalentry',
            name='feelings',
            field=routines.crypto.EncryptedJSONField(blank=True, default=list),
        ),
        migrations.AlterField(
            model_name='journalentry',
            name='text',
            field=routines.crypto.EncryptedTextField(blank=True),
        ),
    ]
