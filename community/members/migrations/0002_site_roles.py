from django.db import migrations

ROLES = ["Organisers", "Community moderators", "Library editors"]


def add_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    # Editors and organisers work in the Wagtail admin.
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        for name in ("Library editors", "Organisers"):
            Group.objects.get(name=name).permissions.add(admin_access)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(add_roles, remove_roles)]
