from django.conf import settings
from django.db import models


class Region(models.Model):
    """A police region of England and Wales, as the regional moderation panels used them."""

    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ForceQuerySet(models.QuerySet):
    def territorial(self):
        """The real forces of England and Wales, without demo or training forces."""
        return self.filter(is_fictional=False)


class Force(models.Model):
    """A territorial police force. `name` is the short form used in national tables."""

    name = models.CharField(
        max_length=100, unique=True, help_text="As in national tables, e.g. 'Staffordshire'."
    )
    formal_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="As on the force's report, e.g. 'Staffordshire Police'.",
    )
    short_name = models.CharField(
        max_length=40, unique=True, help_text="Abbreviation for tables and charts, e.g. 'Staffs'."
    )
    slug = models.SlugField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="forces")
    population = models.PositiveIntegerField(null=True, blank=True)
    households = models.PositiveIntegerField(null=True, blank=True)
    area_sq_miles = models.DecimalField(
        "area (square miles)", max_digits=8, decimal_places=1, null=True, blank=True
    )
    is_fictional = models.BooleanField(
        default=False, help_text="Demo and training forces; excluded from national tables."
    )

    objects = ForceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.formal_name or self.name


class MostSimilarGroup(models.Model):
    """The forces a force is compared with (its MSF group), from a given date.

    Groups are revised from time to time, so a force may have several; the one in force on a
    date is the latest whose `effective_from` is not after it.
    """

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="similar_groups")
    effective_from = models.DateField()
    members = models.ManyToManyField(Force, related_name="member_of_similar_groups")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["force__name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "effective_from"], name="msf_one_group_per_force_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"Most similar forces of {self.force} from {self.effective_from:%d %b %Y}"


class CommandUnitQuerySet(models.QuerySet):
    def active_in(self, year: int):
        """Units that existed in a survey year; forces restructure, so this changes."""
        return self.filter(
            models.Q(active_from_year__isnull=True) | models.Q(active_from_year__lte=year),
            models.Q(active_to_year__isnull=True) | models.Q(active_to_year__gte=year),
        )


class CommandUnit(models.Model):
    """A basic command unit (BCU), also called a division or area, of a force."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="command_units")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    population = models.PositiveIntegerField(null=True, blank=True)
    households = models.PositiveIntegerField(null=True, blank=True)
    area_sq_miles = models.DecimalField(
        "area (square miles)", max_digits=8, decimal_places=1, null=True, blank=True
    )
    active_from_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First survey year the unit existed; empty if always."
    )
    active_to_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last survey year before a restructure; empty if current."
    )
    figures_source = models.CharField(
        max_length=120,
        blank=True,
        help_text="Where the figures come from, e.g. 'mid-year estimates 2006'.",
    )

    objects = CommandUnitQuerySet.as_manager()

    class Meta:
        ordering = ["force__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "name"], name="command_unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.force})"


class PartnershipArea(models.Model):
    """A community safety partnership (CDRP) area inside a command unit.

    Force overviews break a division's population and households down by these areas.
    """

    command_unit = models.ForeignKey(
        CommandUnit, on_delete=models.CASCADE, related_name="partnership_areas"
    )
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    population = models.PositiveIntegerField(null=True, blank=True)
    households = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["command_unit", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["command_unit", "name"], name="partnership_area_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ForceLiaison(models.Model):
    """A force's named contact who checks drafts and submits developing practice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="force_liaison"
    )
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="liaisons")
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["force__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.force})"
