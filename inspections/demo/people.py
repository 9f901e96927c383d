"""Demo users and the force liaison link."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from forces.models import Force, ForceLiaison
from inspections.demo.content import LIAISON_JOB_TITLE, PASSWORD, USERS
from inspections.roles import role_groups_ensure


def demo_users_ensure() -> dict[str, AbstractUser]:
    """Create or update the demo users by username; each run resets names, groups and password.

    Groups are replaced, not added to, so a user's roles are exactly those the demo lists.
    """
    groups = role_groups_ensure()
    user_model = get_user_model()
    users = {}
    for spec in USERS:
        user, _ = user_model.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.org",
                "is_active": True,
                "is_staff": spec.is_superuser,
                "is_superuser": spec.is_superuser,
            },
        )
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([groups[name] for name in spec.groups])
        users[spec.username] = user
    return users


def demo_liaison_ensure(*, user: AbstractUser, force: Force) -> ForceLiaison:
    liaison, _ = ForceLiaison.objects.update_or_create(
        user=user, defaults={"force": force, "job_title": LIAISON_JOB_TITLE}
    )
    return liaison
