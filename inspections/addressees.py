"""The national bodies recommendations are addressed to, and reading a report's words
("the Association of Chief Police Officers and chief officers") as addressees.

"Chief officers", "forces" and "the service" mean every force: each force's liaison answers
for it. The named bodies are reference data; administrators name their responders.
"""

from inspections.models import AddresseeBody

# (slug, name, what a report may call it besides its name)
BODIES = [
    ("acpo", "Association of Chief Police Officers", ("ACPO",)),
    ("apa", "Association of Police Authorities", ("APA",)),
    ("home-office", "Home Office", ()),
    ("npia", "National Policing Improvement Agency", ("NPIA",)),
]
ALL_FORCES_WORDS = ("chief officers", "forces", "the service")


def addressee_bodies_ensure() -> int:
    """Create or rename the bodies; responders and bodies added in the admin are kept."""
    for slug, name, _ in BODIES:
        body, created = AddresseeBody.objects.get_or_create(slug=slug, defaults={"name": name})
        if not created and body.name != name:
            # Saved only when renamed, so loading reference data again writes no history.
            body.name = name
            body.save(update_fields=["name"])
    return len(BODIES)


def addressees_from_words(words: str) -> tuple[bool, list[str]]:
    """Whether `words` (a recommendation's "addressed to") mean every force, and the slugs of
    the bodies they name. A body's name is removed before looking for "chief officers", so
    the Association of Chief Police Officers alone is not every force."""
    rest = f" {words.lower()} "
    slugs = []
    for slug, name, aliases in BODIES:
        for spelling in (name, *aliases):
            if spelling.lower() in rest:
                slugs.append(slug)
                rest = rest.replace(spelling.lower(), " ")
                break
    return any(word in rest for word in ALL_FORCES_WORDS), slugs
