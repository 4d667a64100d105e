from django.db import migrations, models


def renumber_active_positions(apps, schema_editor):
    """Each person's active habits 0..n-1 in their current order (ties by creation), so the constraint can hold."""
    Habit = apps.get_model("routines", "Habit")
    changed, owner_id, position = [], None, 0
    for habit in Habit.objects.filter(archived=False).order_by("owner_id", "position", "id").only("owner_id", "position"):
        position = position + 1 if habit.owner_id == owner_id else 0
        owner_id = habit.owner_id
        if habit.position != position:
            habit.position = position
            changed.append(habit)
    Habit.objects.bulk_update(changed, ["position"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("routines", "0007_country_and_support")]

    operations = [
        migrations.RunPython(renumber_active_positions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="habit",
            constraint=models.UniqueConstraint(
                fields=("owner", "position"),
                condition=models.Q(("archived", False)),
                name="active_habit_positions_unique_per_owner",
            ),
        ),
    ]
