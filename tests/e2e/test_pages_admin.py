"""The Django admin in the browser, as the administrator who keeps the reference data there.

Every page a test loads is checked by axe-core (WCAG 2.2 A/AA, see the `new_page` fixture),
the admin's pages as much as the product's: its sign-in page, the index, a list of each app
(with filters and a search), the add and change forms, a change form sent back with an error,
an object's history (Django's and django-simple-history's) and the report import's upload
and preview; then, over the demo data, every registered model's list, add form and a change
page (the users, groups and sign-in records included).
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from forces.models import Force, Region
from inspections.models import EvidenceItem
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.moderation.moderation_support import np_area, submit
from tests.reports.admin_support import SYNTHETIC_REPORT

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _admin_page(new_page):
    page = new_page()
    log_in(page, "admin")
    return page


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.locator("h1")).to_have_count(1)
    # The product's name heads every admin page (admin.site.site_header in config/urls.py).
    expect(page.locator("#site-name")).to_have_text("Inspection Workbench administration")
    wait_for_check(page)


def test_the_admin_sign_in_page_signed_out(new_page, admin_user):
    page = new_page()
    page.goto(reverse("admin:index"))
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.locator("#site-name")).to_have_text("Inspection Workbench administration")
    wait_for_check(page)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    # Sent back: the same page with its error note.
    expect(page.locator(".errornote")).to_be_visible()
    wait_for_check(page)


def test_the_admin_index_and_a_list_of_each_app(new_page, admin_user, inspection_a):
    page = _admin_page(new_page)
    _visit(page, reverse("admin:index"))
    lists = [
        reverse("admin:forces_force_changelist"),
        reverse("admin:forces_force_changelist") + "?kind=all&q=Force",
        reverse("admin:forces_region_changelist"),
        reverse("admin:grading_gradelevel_changelist"),
        reverse("admin:grading_indicator_changelist") + "?higher_is_better__exact=1",
        reverse("admin:inspections_inspection_changelist"),
        reverse("admin:inspections_areaassessment_changelist"),
        reverse("admin:moderation_moderationpanel_changelist"),
        reverse("admin:reports_reportimport_changelist"),
    ]
    for url in lists:
        _visit(page, url)
    page.locator("#searchbar").fill("nothing matches this")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".paginator")).to_contain_text("0 report imports")
    wait_for_check(page)


def test_the_admin_forms_and_history(new_page, admin_user, inspection_a):
    region = Region.objects.order_by("order").first()
    force = Force.objects.order_by("name").first()
    page = _admin_page(new_page)
    _visit(page, reverse("admin:forces_region_add"))
    _visit(page, reverse("admin:forces_force_change", args=[force.pk]))
    _visit(page, reverse("admin:forces_region_change", args=[region.pk]))
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist").first).to_be_visible()
    wait_for_check(page)
    page.get_by_label("Name").fill(region.name + " region")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_be_visible()
    wait_for_check(page)
    _visit(page, reverse("admin:forces_region_history", args=[region.pk]))
    _visit(page, reverse("admin:inspections_inspection_history", args=[inspection_a.pk]))
    # Tabular inlines with rows: team memberships, a programme's areas, a framework's criteria.
    _visit(page, reverse("admin:inspections_inspection_change", args=[inspection_a.pk]))
    programme = inspection_a.programme
    _visit(page, reverse("admin:inspections_programme_change", args=[programme.pk]))
    framework = programme.frameworks.first()
    _visit(page, reverse("admin:grading_framework_change", args=[framework.pk]))
    # Django's two-list widget labels its filter boxes with an icon (static/js/admin-overrides.js).
    expect(page.locator(".search-label-icon").first).to_have_attribute("role", "img")
    _visit(page, reverse("admin:password_change"))


def test_the_admin_report_import_upload_and_preview(new_page, admin_user, programme_2008, force_a):
    page = _admin_page(new_page)
    _visit(page, reverse("admin:reports_reportimport_import"))
    page.set_input_files(
        "input[type=file]", {"name": "empty.md", "mimeType": "text/plain", "buffer": b""}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator(".errornote")).to_be_visible()
    wait_for_check(page)
    page.set_input_files(
        "input[type=file]",
        {"name": "force-a-2008.md", "mimeType": "text/plain", "buffer": SYNTHETIC_REPORT},
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name=re.compile("^Areas"))).to_be_visible()
    wait_for_check(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("Imported")
    wait_for_check(page)
    # With a record, the list shows its date hierarchy.
    _visit(page, reverse("admin:reports_reportimport_changelist"))
    expect(page.locator("nav.toplinks")).to_be_visible()


def test_the_admin_import_of_several_reports(
    new_page, admin_user, programme_2008, force_a, force_b
):
    report_b = SYNTHETIC_REPORT.replace(b"Force A Constabulary", b"Force B Police")
    page = _admin_page(new_page)
    _visit(page, reverse("admin:reports_reportimport_import"))
    page.set_input_files(
        "input[type=file]",
        [
            {"name": "force-a.md", "mimeType": "text/plain", "buffer": SYNTHETIC_REPORT},
            {"name": "force-b.md", "mimeType": "text/plain", "buffer": report_b},
            {"name": "blank.md", "mimeType": "text/plain", "buffer": b"  \n"},
        ],
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-files tbody tr")).to_have_count(3)
    expect(page.locator("#import-files")).to_contain_text("Not importable: The file is empty.")
    wait_for_check(page)
    page.get_by_role("button", name="Confirm import of 2 files").click()
    expect(page.locator("#import-results tbody tr")).to_have_count(2)
    expect(page.locator("#content-main")).to_contain_text("Imported 2 of 2 files")
    wait_for_check(page)


@pytest.fixture
def submitted(inspection_a, alice, hmi):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    return area


def test_the_admin_correction_pages(new_page, admin_user, submitted):
    item = EvidenceItem.objects.filter(criterion_assessment__area=submitted).order_by("pk")[0]
    page = _admin_page(new_page)
    _visit(page, reverse("admin:inspections_evidenceitem_change", args=[item.pk]))
    page.locator("#correction-link").click()
    expect(page.get_by_label("Reason")).to_be_visible()
    wait_for_check(page)
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    wait_for_check(page)
    _visit(page, reverse("admin:inspections_correction_changelist"))
    _visit(page, reverse("admin:grading_indicatorresult_changelist"))
    _visit(page, reverse("admin:forces_region_delete", args=[Region.objects.first().pk]))


def test_the_admin_in_its_dark_theme(new_page, admin_user, inspection_a):
    # Django's admin follows the browser's colour scheme (and its own theme toggle): the dark
    # theme's colours must pass too.
    page = new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(reverse("admin:login"))
    wait_for_check(page)
    log_in(page, "admin")
    _visit(page, reverse("admin:index"))
    expect(page.locator("body")).to_have_css("background-color", "rgb(18, 18, 18)")  # #121212
    for url in (
        reverse("admin:forces_force_changelist"),
        reverse("admin:inspections_inspection_change", args=[inspection_a.pk]),
        reverse("admin:forces_region_add"),
        reverse("admin:reports_reportimport_import"),
    ):
        _visit(page, url)


def _pages_of(model, model_admin, request) -> list[str]:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pages = [reverse(f"{name}_changelist")]
    if model_admin.has_add_permission(request):
        pages.append(reverse(f"{name}_add"))
    first = model._default_manager.order_by("pk").first()
    if first is not None:
        pages.append(reverse(f"{name}_change", args=[first.pk]))
    return pages


def test_every_admin_page_over_the_demo_data(new_page, reference, settings, rf):
    settings.DEBUG = True  # load_demo runs only in development
    call_command("load_demo")
    settings.DEBUG = False
    administrator = get_user_model().objects.get(username="admin")
    administrator.is_superuser = False  # the role's permissions, as in test_admin_pages.py
    administrator.set_password("secret")
    administrator.save()
    request = rf.get("/admin/")
    request.user = administrator
    page = _admin_page(new_page)
    for model, model_admin in admin.site._registry.items():
        for url in _pages_of(model, model_admin, request):
            page.goto(url)
            wait_for_check(page)
