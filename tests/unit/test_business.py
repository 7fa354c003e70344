"""Business settings: read by everyone, changed by an administrator, validated field by field."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from business_factories import jpeg_bytes, png_bytes, write_png
from sqlmodel import select

from frontdesk.config import DataLocation
from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, BusinessSettings
from frontdesk.services import business
from frontdesk.services.business import BusinessProfile, get_business, update_business
from frontdesk.services.context import Context
from frontdesk.services.users import SecuritySettings, security_settings, update_security_settings

GOOD = BusinessProfile(
    name="Pensjonat Żółw",
    address="ul. Morska 5\n81-001 Gdynia",
    phone="58 123 45 67",
    email="Recepcja@Zolw.PL",
    website="www.zolw.pl",
    currency="PLN",
    locale="pl_PL",
    paper_size="A4",
    default_phone_region="PL",
    signer_name="Agnieszka Wiśniewska",
    signer_title="Kierownik",
)


def _approval_limit(ctx: Context) -> int:
    with ctx.db.session() as session:
        row = session.get(BusinessSettings, 1)
        assert row is not None
        return row.approval_limit_minor


def _events(ctx: Context, action: str) -> list[tuple[int | None, str, dict[str, list[object]]]]:
    """(who, entity, changes) of each event with ``action``, oldest first."""
    with ctx.db.session() as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        return [(e.user_id, e.entity, json.loads(e.changes)) for e in rows]


def test_everyone_reads_the_business(admin_ctx: Context, reception_ctx: Context) -> None:
    profile = get_business(reception_ctx)
    assert profile.name == "Hotel Test" and profile.currency == "EUR" and profile.logo_path is None


def test_valid_update_is_cleaned_saved_and_audited(admin_ctx: Context) -> None:
    saved = update_business(admin_ctx, GOOD)
    assert saved == get_business(admin_ctx)
    assert saved.phone == "+48 58 123 45 67"  # parsed in the chosen region, stored readable
    assert saved.phone_display == "58 123 45 67"
    assert saved.email == "Recepcja@zolw.pl"
    assert (saved.currency, saved.locale, saved.default_phone_region) == ("PLN", "pl_PL", "PL")
    ((who, entity, changes),) = _events(admin_ctx, "update_business")
    assert changes["name"] == ["Hotel Test", "Pensjonat Żółw"]
    assert changes["currency"] == ["EUR", "PLN"]
    assert "logo_path" not in changes  # only what changed
    assert who == admin_ctx.actor.id and entity == "business_settings"


def test_saving_unchanged_details_records_nothing(admin_ctx: Context) -> None:
    update_business(admin_ctx, GOOD)
    update_business(admin_ctx, get_business(admin_ctx))
    assert len(_events(admin_ctx, "update_business")) == 1


def test_other_settings_in_the_row_are_left_alone(admin_ctx: Context) -> None:
    update_security_settings(admin_ctx, SecuritySettings(7, 3, 9))
    update_business(admin_ctx, GOOD)
    assert security_settings(admin_ctx) == SecuritySettings(7, 3, 9)
    assert _approval_limit(admin_ctx) == 10000


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": "   "}, "name", "Enter the name"),
        ({"name": "x" * 201}, "name", "under 200"),
        ({"email": "reception at zolw"}, "email", "email address"),
        ({"phone": "12"}, "phone", "not a phone number"),
        ({"phone": "call us"}, "phone", "not a phone number"),
        ({"currency": "ZZZ"}, "currency", "currency"),
        ({"currency": "euro"}, "currency", "currency"),
        ({"locale": "xx_YY"}, "locale", "language"),
        ({"locale": ""}, "locale", "language"),
        ({"paper_size": "A5"}, "paper_size", "A4 or Letter"),
        ({"default_phone_region": "XX"}, "default_phone_region", "country"),
        ({"website": "not a site"}, "website", "web address"),
        ({"signer_name": "n" * 121}, "signer_name", "under 120"),
    ],
)
def test_each_bad_input_is_reported_at_its_field_and_nothing_saved(
    admin_ctx: Context, change: dict[str, str], field: str, words: str
) -> None:
    before = get_business(admin_ctx)
    with pytest.raises(UserError) as error:
        update_business(admin_ctx, replace(GOOD, **change))
    assert set(error.value.field_errors) == {field}
    assert words in error.value.field_errors[field]
    assert get_business(admin_ctx) == before
    assert not _events(admin_ctx, "update_business")


def test_several_bad_fields_are_reported_together(admin_ctx: Context) -> None:
    with pytest.raises(UserError) as error:
        update_business(admin_ctx, replace(GOOD, name="", email="@", paper_size="B5"))
    assert set(error.value.field_errors) == {"name", "email", "paper_size"}


def test_phone_is_read_in_the_chosen_region(admin_ctx: Context) -> None:
    gb = update_business(admin_ctx, replace(GOOD, phone="020 7946 0958", default_phone_region="GB"))
    assert gb.phone == "+44 20 7946 0958"
    abroad = update_business(admin_ctx, replace(GOOD, phone="+44 20 7946 0958", default_phone_region="PL"))
    assert abroad.phone == "+44 20 7946 0958" and abroad.phone_display == "+44 20 7946 0958"


def test_letter_paper_and_empty_optional_fields(admin_ctx: Context) -> None:
    saved = update_business(
        admin_ctx, replace(GOOD, paper_size="letter", phone="", email="", website="", address="")
    )
    assert (saved.paper_size, saved.phone, saved.email, saved.website) == ("LETTER", "", "", "")


@pytest.mark.parametrize("fixture", ["reception_ctx", "manager_ctx"])
def test_only_an_administrator_may_change_it(
    fixture: str, request: pytest.FixtureRequest, admin_ctx: Context
) -> None:
    ctx: Context = request.getfixturevalue(fixture)
    with pytest.raises(PermissionDenied):
        update_business(ctx, GOOD)
    assert get_business(admin_ctx).name == "Hotel Test"


def test_logo_is_copied_into_the_data_folder(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    original = write_png(tmp_path / "desktop" / "logo.png")
    saved = update_business(admin_ctx, replace(GOOD, logo_path=str(original)))
    assert saved.logo_path is not None
    copy = Path(saved.logo_path)
    assert copy.parent == location.branding_dir and copy.suffix == ".png"
    assert copy.read_bytes() == original.read_bytes()
    original.unlink()  # the letterhead must not depend on the original
    assert get_business(admin_ctx).logo_path == str(copy) and copy.is_file()
    ((_who, _entity, changes),) = _events(admin_ctx, "update_business")
    assert changes["logo_path"] == [None, str(copy)]


def test_a_jpeg_signature_is_accepted_by_its_bytes_not_its_name(admin_ctx: Context, tmp_path: Path) -> None:
    jpeg = tmp_path / "signature.dat"
    jpeg.write_bytes(jpeg_bytes())
    saved = update_business(admin_ctx, replace(GOOD, signature_path=str(jpeg)))
    assert saved.signature_path is not None and saved.signature_path.endswith(".jpg")


def test_keeping_and_removing_the_logo(admin_ctx: Context, tmp_path: Path) -> None:
    first = update_business(admin_ctx, replace(GOOD, logo_path=str(write_png(tmp_path / "a.png"))))
    kept = update_business(admin_ctx, replace(first, name="Renamed"))
    assert kept.logo_path == first.logo_path
    removed = update_business(admin_ctx, replace(kept, logo_path=None))
    assert removed.logo_path is None and get_business(admin_ctx).logo_path is None
    assert first.logo_path is not None and Path(first.logo_path).is_file()  # a backup may still name it


def test_a_new_logo_gets_a_new_file_and_the_old_copy_stays(admin_ctx: Context, tmp_path: Path) -> None:
    first = update_business(admin_ctx, replace(GOOD, logo_path=str(write_png(tmp_path / "a.png"))))
    red = write_png(tmp_path / "a.png", rgb=(200, 0, 0))  # same name, different picture
    second = update_business(admin_ctx, replace(first, logo_path=str(red)))
    assert second.logo_path != first.logo_path
    assert Path(str(second.logo_path)).read_bytes() == png_bytes(rgb=(200, 0, 0))
    assert Path(str(first.logo_path)).read_bytes() == png_bytes()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a......", "PNG or JPEG"),
        (b"%PDF-1.7 not an image", "PNG or JPEG"),
        (b"", "PNG or JPEG"),
        (png_bytes()[:40], "damaged"),  # cut short: a PNG by its first bytes only
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "damaged"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused(
    admin_ctx: Context, location: DataLocation, tmp_path: Path, content: bytes, words: str
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(content)
    with pytest.raises(UserError) as error:
        update_business(admin_ctx, replace(GOOD, logo_path=str(fake)))
    assert words in error.value.field_errors["logo_path"]
    assert get_business(admin_ctx).name == "Hotel Test"
    assert not location.branding_dir.exists() or not any(location.branding_dir.iterdir())


def test_missing_folder_and_huge_images_are_refused(admin_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError) as missing:
        update_business(admin_ctx, replace(GOOD, signature_path=str(tmp_path / "gone.png")))
    assert "does not exist" in missing.value.field_errors["signature_path"]
    with pytest.raises(UserError) as folder:
        update_business(admin_ctx, replace(GOOD, logo_path=str(tmp_path)))
    assert "does not exist" in folder.value.field_errors["logo_path"]
    huge = tmp_path / "huge.png"
    huge.write_bytes(png_bytes() + b"\x00" * business.MAX_IMAGE_BYTES)
    with pytest.raises(UserError) as big:
        update_business(admin_ctx, replace(GOOD, logo_path=str(huge)))
    assert "under 5 MB" in big.value.field_errors["logo_path"]


def test_an_invalid_field_elsewhere_copies_no_image(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    with pytest.raises(UserError):
        update_business(admin_ctx, replace(GOOD, name="", logo_path=str(write_png(tmp_path / "l.png"))))
    assert not location.branding_dir.exists()


def test_choices_are_readable_and_valid(admin_ctx: Context) -> None:
    currencies = dict(business.currency_choices())
    assert currencies["EUR"] == "EUR — Euro" and "XXX" not in currencies
    locales = dict(business.locale_choices())
    assert locales["en_GB"] == "English (United Kingdom) — en_GB"
    regions = dict(business.region_choices())
    assert regions["GB"] == "United Kingdom (+44)"
    for code in ("CHF", "JPY"):
        update_business(admin_ctx, replace(GOOD, currency=code))
    update_business(admin_ctx, replace(GOOD, locale="tr_TR", default_phone_region="TR", phone=""))


def test_a_bad_image_is_reported_together_with_other_fields(admin_ctx: Context, tmp_path: Path) -> None:
    fake = tmp_path / "sig.png"
    fake.write_bytes(b"GIF89a")
    with pytest.raises(UserError) as error:
        update_business(admin_ctx, replace(GOOD, name="", signature_path=str(fake)))
    assert set(error.value.field_errors) == {"name", "signature_path"}


def test_the_letterhead_prints_the_stored_logo_and_signature_after_the_originals_are_gone(
    admin_ctx: Context, tmp_path: Path
) -> None:
    from frontdesk.pdf.letter import LetterContent, render_letter

    logo = write_png(tmp_path / "incoming" / "logo.png", width=300, height=100)
    signature = tmp_path / "incoming" / "signature.jpg"
    signature.write_bytes(jpeg_bytes())
    update_business(admin_ctx, replace(GOOD, logo_path=str(logo), signature_path=str(signature)))
    logo.unlink()
    signature.unlink()
    profile = get_business(admin_ctx)
    letter = render_letter(
        LetterContent(
            business_name=profile.name,
            business_address=profile.address,
            contact_line=" · ".join(p for p in (profile.phone, profile.email, profile.website) if p),
            recipient_lines=("Ana Guest",),
            date_line="1 March 2026",
            subject="Our apologies",
            body="Dear Ana,\n\nSorry.",
            signer_name=profile.signer_name,
            signer_title=profile.signer_title,
            short_header="Ana Guest",
            paper_size=profile.paper_size,
            logo_path=profile.logo_path,
            signature_path=profile.signature_path,
        )
    )
    assert letter.warnings == () and letter.pages == 1
    assert letter.pdf.count(b"/Subtype /Image") >= 2
