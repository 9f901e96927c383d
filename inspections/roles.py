"""The product's roles as Django groups, with the model permissions each one carries.

Model permissions say what kind of thing a role may touch; whether a user may touch one
particular inspection is decided by team membership in `inspections.selectors.inspections`.
"""

from django.contrib.auth.models import Group, Permission

INSPECTOR = "Inspector"
LEAD_INSPECTOR = "Lead inspector"
MODERATOR = "Moderator"
FORCE_LIAISON = "Force liaison"
ADMINISTRATOR = "Administrator"

_REFERENCE_VIEW = [
    "forces.view_region",
    "forces.view_force",
    "forces.view_commandunit",
    "forces.view_partnershiparea",
    "forces.view_mostsimilargroup",
    "grading.view_gradingscheme",
    "grading.view_gradelevel",
    "grading.view_framework",
    "grading.view_criterion",
    "grading.view_indicator",
    "inspections.view_programme",
    "inspections.view_programmeframework",
    "inspections.view_glossaryterm",
]
_INSPECTION_VIEW = [
    "inspections.view_inspection",
    "inspections.view_teammembership",
    "inspections.view_areaassessment",
    "inspections.view_criterionassessment",
    "inspections.view_evidenceitem",
    "inspections.view_developingpractice",
]
_INSPECTOR = (
    _REFERENCE_VIEW
    + _INSPECTION_VIEW
    + [
        "inspections.add_evidenceitem",
        "inspections.change_evidenceitem",
        "inspections.delete_evidenceitem",
        "inspections.change_criterionassessment",
        "inspections.change_inspection",
        "inspections.change_developingpractice",
    ]
)
ROLE_PERMISSIONS: dict[str, list[str]] = {
    INSPECTOR: _INSPECTOR,
    LEAD_INSPECTOR: _INSPECTOR
    + [
        "inspections.change_areaassessment",
        "inspections.add_teammembership",
        "inspections.change_teammembership",
        "inspections.delete_teammembership",
        # Opening a force's next inspection, with its follow-ups (services/follow_ups.py).
        "inspections.open_inspection",
        # Leads read the survey figures. Importing them (grading.import_indicator_results)
        # is for administrators alone: one file changes the figures of many forces at once.
        "grading.view_indicatorresult",
    ],
    MODERATOR: _REFERENCE_VIEW + _INSPECTION_VIEW + ["inspections.view_all_inspections"],
    FORCE_LIAISON: ["inspections.add_developingpractice", "inspections.view_developingpractice"],
    # Administrators keep reference data and users; they get every permission of these apps,
    # and unlock logins that django-axes locked after repeated failures.
    ADMINISTRATOR: [
        "auth.*",
        "axes.*",
        "forces.*",
        "grading.*",
        "inspections.*",
        "moderation.*",
        "reports.*",
    ],
}


# The inspectorate's own people, as opposed to forces' liaisons: they read its drafts.
INSPECTORATE_STAFF = (INSPECTOR, LEAD_INSPECTOR, MODERATOR, ADMINISTRATOR)


def group_names(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object (so once per request)."""
    cached = getattr(user, "_workbench_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._workbench_group_names = cached
    return cached


def has_role(user, *names: str) -> bool:
    """An active user in one of the named role groups; superusers hold every role."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or not group_names(user).isdisjoint(names)


def is_inspectorate_staff(user) -> bool:
    return has_role(user, *INSPECTORATE_STAFF)


def _permissions(codes: list[str]) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        perms = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            perms = perms.filter(codename=codename)
        matched = list(perms)
        # A wildcard may match nothing yet (an app without models); a named permission must exist.
        if not matched and codename != "*":
            raise LookupError(f"Unknown permission {code}; run migrations first.")
        found.extend(matched)
    return found


def role_groups_ensure() -> dict[str, Group]:
    """Create or update the role groups so each holds exactly its listed permissions."""
    groups = {}
    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(codes))
        groups[name] = group
    return groups
