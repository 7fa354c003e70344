"""Letters from complaints: templates, merge fields per language, checks before printing, the record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.letters.compose import finished_content
from frontdesk.letters.shipped import CODES, shipped_templates
from frontdesk.models import AuditEvent, Complaint, LetterDelivery, LetterTemplate
from frontdesk.pdf.letter import render_letter
from frontdesk.services import letters
from frontdesk.services.context import Context
from frontdesk.services.templates_seed import seed_templates
from tests.conftest import FakeClock
from tests.letters_factories import NAMES, complaint_for, pdf_text, set_business


@pytest.fixture
def ctx(admin_ctx: Context) -> Context:
    clocked = Context(admin_ctx.db, admin_ctx.actor, FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC)))
    set_business(clocked)
    return clocked


def _spaces(text: str) -> str:
    """Babel keeps amounts together with no-break spaces; compare them as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _print(ctx: Context, draft: letters.LetterDraft) -> tuple[int, bytes]:
    pdf = render_letter(finished_content(draft.frame, draft.subject, draft.body)).pdf
    return letters.record_letter(ctx, draft, draft.subject, draft.body, pdf, LetterDelivery.PRINTED), pdf


def test_shipped_templates_are_seeded_in_three_languages(ctx: Context) -> None:
    rows = letters.list_templates(ctx)
    assert {(r.code, r.language) for r in rows} == {(c, lang) for c in CODES for lang in ("en", "de", "fr")}
    assert all(r.name and r.body.strip() for r in rows)


def test_seeding_again_keeps_a_managers_edit(ctx: Context) -> None:
    row = next(r for r in letters.list_templates(ctx) if (r.code, r.language) == ("apology", "en"))
    letters.save_template(ctx, row.id, "apology", "en", "Our apology", row.subject, "Sorry, {salutation}.")
    with ctx.db.session(write=True) as session:
        seed_templates(session)
    with ctx.db.session() as session:
        count = len(session.exec(select(LetterTemplate)).all())
        edited = session.get(LetterTemplate, row.id)
        assert edited is not None and edited.body == "Sorry, {salutation}."
    assert count == len(shipped_templates())


@pytest.mark.parametrize(("title", "first", "last", "language"), NAMES)
def test_letter_for_each_script_is_merged_rendered_and_recorded(
    ctx: Context, title: str, first: str, last: str, language: str
) -> None:
    gid, cid = complaint_for(ctx, title, first, last, language)
    draft = letters.draft_letter(ctx, cid)
    assert draft.language == language
    assert draft.problems == ()
    assert "{" not in draft.subject + draft.body
    letter_id, pdf = _print(ctx, draft)
    text = pdf_text(pdf)
    assert f"{first} {last}" in text
    assert last in draft.body.splitlines()[0]  # the salutation names them
    assert "{" not in text and "⟨" not in text
    assert [r.id for r in letters.letters_of_guest(ctx, gid)] == [letter_id]
    row = letters.letters_of_complaint(ctx, cid)[0]
    assert (row.id, row.delivery, row.language, row.created_by) == (
        letter_id,
        "printed",
        language,
        "Ada Admin",
    )
    assert letters.letter_pdf(ctx, letter_id) == pdf  # a reprint is the identical document


def test_salutations_per_language(ctx: Context) -> None:
    cases = [
        (("Herr", "Şükrü", "Öztürk", "de"), "Sehr geehrter Herr Öztürk,"),
        (("Mme", "Ελένη", "Παπαδοπούλου", "fr"), "Chère Madame Παπαδοπούλου,"),
        (("Mrs", "Ana", "Smith", "en"), "Dear Mrs Smith,"),
        (("Frau", "Ana", "Smith", "en"), "Dear Ms Smith,"),
        (("", "Иван", "Петров", "en"), "Dear Иван Петров,"),
        (("", "Anna", "Schmidt", "de"), "Guten Tag Anna Schmidt,"),
    ]
    for (title, first, last, lang), expected in cases:
        _, cid = complaint_for(ctx, title, first, last, lang)
        assert letters.draft_letter(ctx, cid).body.startswith(expected), (title, lang)


def test_compensation_picks_its_template_and_formats_money_per_language(ctx: Context) -> None:
    _, cid = complaint_for(ctx, "Herr", "Şükrü", "Öztürk", "de", compensation="50")
    draft = letters.draft_letter(ctx, cid)
    assert draft.template_code == "apology_compensation"
    assert "50,00 €" in _spaces(draft.body)
    assert draft.subject.endswith("vom 18. bis 21. November 2026")
    assert "auf den Lärm während" in draft.body
    english = letters.draft_letter(ctx, cid, language="en")
    assert "€50.00" in _spaces(english.body)
    assert english.subject.endswith("from 18 to 21 November 2026")
    assert "about the noise during your stay in room 12" in english.body
    french = letters.draft_letter(ctx, cid, language="fr")
    assert "50,00 €" in _spaces(french.body)
    assert french.subject.endswith("du 18 au 21 novembre 2026")


def test_template_by_name_or_code_and_bad_choices(ctx: Context) -> None:
    _, cid = complaint_for(ctx)
    assert letters.draft_letter(ctx, cid, "Thank you after follow-up").template_code == "thank_you"
    assert letters.draft_letter(ctx, cid, "THANK_YOU").template_code == "thank_you"
    with pytest.raises(UserError) as err:
        letters.draft_letter(ctx, cid, "nonsense")
    assert "template" in err.value.field_errors
    with pytest.raises(UserError) as err:
        letters.draft_letter(ctx, cid, language="xx")
    assert "language" in err.value.field_errors


def test_every_shipped_template_fills_completely(ctx: Context) -> None:
    _, cid = complaint_for(ctx, compensation="25")
    for code in CODES:
        for lang in ("en", "de", "fr"):
            draft = letters.draft_letter(ctx, cid, code, lang)
            assert draft.problems == (), (code, lang)
            assert "{" not in pdf_text(
                render_letter(finished_content(draft.frame, draft.subject, draft.body)).pdf
            )


def test_empty_field_is_reported_and_refused_before_printing(ctx: Context) -> None:
    _, cid = complaint_for(ctx)  # no compensation: {compensation_total} has no value
    draft = letters.draft_letter(ctx, cid, "apology_compensation")
    assert draft.problems and "{compensation_total}" in draft.problems[0]
    assert "{compensation_total}" in draft.body  # kept visible, for staff to fill in
    with pytest.raises(UserError) as err:
        finished_content(draft.frame, draft.subject, draft.body)
    assert "compensation_total" in err.value.field_errors["body"]
    with pytest.raises(UserError):
        letters.record_letter(ctx, draft, draft.subject, draft.body, b"%PDF-1.4", LetterDelivery.SAVED)
    # Staff type the value themselves: now it prints.
    assert "{recovery_actions}" in draft.problems[0]  # nothing was done yet either
    fixed = draft.body.replace("{compensation_total}", "€80").replace(
        "{recovery_actions}", "a dinner for two"
    )
    assert finished_content(draft.frame, draft.subject, fixed).body == fixed


def test_unknown_field_typed_into_a_draft_is_refused(ctx: Context) -> None:
    _, cid = complaint_for(ctx)
    draft = letters.draft_letter(ctx, cid)
    with pytest.raises(UserError) as err:
        finished_content(draft.frame, draft.subject, draft.body + "\n\n{guest_shoe_size}")
    assert "unknown merge field {guest_shoe_size}" in err.value.field_errors["body"]
    # Literal braces the writer meant are fine.
    finished_content(draft.frame, draft.subject, draft.body + "\n\n{ see you soon }")


def test_guest_without_address_gets_a_warning_and_a_letter(ctx: Context) -> None:
    _, cid = complaint_for(ctx, address=False)
    draft = letters.draft_letter(ctx, cid)
    assert any("No postal address" in w for w in draft.warnings)
    assert draft.frame.recipient_lines == ("Mr Łukasz Żółć",)
    assert render_letter(finished_content(draft.frame, draft.subject, draft.body)).pages == 1


def test_template_syntax_errors_are_refused_with_their_position(manager_ctx: Context) -> None:
    with pytest.raises(UserError) as err:
        letters.save_template(manager_ctx, None, "late", "en", "Late", "Hi", "Dear {salutation,\nthanks")
    assert "Line 1, column 6" in err.value.field_errors["body"]
    with pytest.raises(UserError) as err:
        letters.save_template(manager_ctx, None, "late", "en", "Late", "Hi", "Hello\nthere } now")
    assert "Line 2, column 7" in err.value.field_errors["body"]
    with pytest.raises(UserError) as err:
        letters.save_template(manager_ctx, None, "late", "en", "Late", "{nope}", "Hello {salutation}")
    assert "{nope}" in err.value.field_errors["subject"]
    with pytest.raises(UserError) as err:
        letters.save_template(manager_ctx, None, "late", "xx", "", "Hi", "   ")
    assert set(err.value.field_errors) >= {"language", "name"}


def test_saving_a_template_is_audited_and_clashes_refused(manager_ctx: Context) -> None:
    row = letters.save_template(
        manager_ctx, None, "late_checkout", "en", "Late", "Hi {{x}}", "Dear {salutation}"
    )
    assert row.code == "late_checkout"
    with manager_ctx.db.session() as session:
        actions = session.exec(
            select(AuditEvent.action).where(
                AuditEvent.entity == "letter_template", AuditEvent.entity_id == row.id
            )
        ).all()
    assert list(actions) == ["create"]
    with pytest.raises(UserError) as err:
        letters.save_template(manager_ctx, None, "apology", "en", "Another", "", "Dear {salutation}")
    assert "code" in err.value.field_errors


def test_receptionist_writes_letters_but_not_templates(reception_ctx: Context) -> None:
    set_business(reception_ctx)
    _, cid = complaint_for(reception_ctx)
    _print(reception_ctx, letters.draft_letter(reception_ctx, cid))
    with pytest.raises(PermissionDenied):
        letters.save_template(reception_ctx, None, "x", "en", "X", "", "Dear {salutation}")


def test_letter_is_audited(ctx: Context) -> None:
    _, cid = complaint_for(ctx)
    letter_id, _ = _print(ctx, letters.draft_letter(ctx, cid))
    with ctx.db.session() as session:
        action = session.exec(
            select(AuditEvent.action).where(AuditEvent.entity == "letter", AuditEvent.entity_id == letter_id)
        ).one()
    assert action == "printed"


def test_walk_in_letter_is_in_the_business_language(ctx: Context) -> None:
    from frontdesk.services.complaints import ComplaintInput, log_complaint

    cid = log_complaint(ctx, ComplaintInput(category="noise", guest_words="Loud", walk_in_name="Zoë Walker"))
    draft = letters.draft_letter(ctx, cid, "apology")
    assert draft.language == "de"  # the business is in Innsbruck (de_AT)
    assert draft.body.startswith("Guten Tag Zoë Walker,")
    assert draft.frame.recipient_lines == ("Zoë Walker",)
    with ctx.db.session() as session:
        assert session.get(Complaint, cid) is not None


def test_date_ranges_say_month_and_year_once_when_shared() -> None:
    from datetime import date

    from frontdesk.letters.wording import date_range

    assert date_range(date(2026, 11, 28), date(2026, 12, 2), "de") == "28. November bis 2. Dezember 2026"
    assert date_range(date(2026, 12, 30), date(2027, 1, 2), "en") == "30 December 2026 to 2 January 2027"
    assert date_range(date(2026, 3, 1), date(2026, 3, 4), "fr") == "1 au 4 mars 2026"


def test_unknown_category_reads_from_its_label(ctx: Context) -> None:
    from frontdesk.letters.wording import complaint_phrase

    assert complaint_phrase("wifi", "Wi-Fi", "en") == "the problem you reported (Wi-Fi)"
    assert complaint_phrase("noise", "Noise", "fr") == "le bruit"


def test_page_numbers_in_the_letters_language(ctx: Context) -> None:
    _, cid = complaint_for(ctx, "Herr", "Şükrü", "Öztürk", "de")
    draft = letters.draft_letter(ctx, cid)
    longer = draft.body + "\n\n" + "\n\n".join(["Wir haben jeden Punkt Ihres Aufenthalts geprüft. " * 8] * 8)
    rendered = render_letter(finished_content(draft.frame, draft.subject, longer))
    assert rendered.pages == 2
    text = pdf_text(rendered.pdf)
    assert "Seite 1 von 2" in text and "Seite 2 von 2" in text
    assert "Şükrü Öztürk · 23. November 2026" in text  # the short header on page 2


def test_guest_in_a_language_without_letters_gets_english_with_a_warning(ctx: Context) -> None:
    _, cid = complaint_for(ctx, "Sr", "João", "Gonçalves", "pt")
    draft = letters.draft_letter(ctx, cid)
    assert draft.language == "en"
    assert any("Portuguese" in w for w in draft.warnings)
    assert draft.body.startswith("Dear Mr Gonçalves,")
    assert not any("Portuguese" in w for w in letters.draft_letter(ctx, cid, language="de").warnings)


def test_date_line_and_phone_follow_the_reader(ctx: Context) -> None:
    _, polish = complaint_for(ctx)  # English letter to Warsaw
    _, german = complaint_for(ctx, "Herr", "Şükrü", "Öztürk", "de")
    english = letters.draft_letter(ctx, polish)
    assert english.frame.date_line == "23 November 2026"  # no place before the date in English
    assert "+43 512 123456" in _spaces(english.body)  # international: the guest is abroad
    assert letters.draft_letter(ctx, german).frame.date_line == "Innsbruck, 23. November 2026"
    assert (
        letters.draft_letter(ctx, german, language="fr").frame.date_line == "Innsbruck, le 23 novembre 2026"
    )
    with ctx.db.session(write=True) as session:
        from frontdesk.models import Guest

        guest = session.exec(select(Guest).where(Guest.last_name == "Öztürk")).one()
        guest.country = "AT"
        session.add(guest)
    assert "0512 123456" in _spaces(letters.draft_letter(ctx, german).body)  # national for a guest at home


def test_the_place_comes_from_the_postcode_line(ctx: Context) -> None:
    set_business(ctx, address="12 Marine Parade\nBrighton BN2 1TL\nUnited Kingdom")
    _, cid = complaint_for(ctx, "Herr", "Şükrü", "Öztürk", "de")
    assert letters.draft_letter(ctx, cid).frame.date_line == "Brighton, 23. November 2026"


def test_recovery_actions_in_the_letter(ctx: Context) -> None:
    from frontdesk.services.complaints import add_action

    set_business(ctx, locale="en_GB")
    _, cid = complaint_for(ctx, compensation="40")
    add_action(ctx, cid, "apology", "Said sorry at the desk", "0")
    add_action(ctx, cid, "voucher", "Spa voucher", "60")
    add_action(ctx, cid, "refund", "Two nights back", "5000")  # above the approval limit: waits
    draft = letters.draft_letter(ctx, cid)
    body = _spaces(draft.body)
    assert "a refund (€40.00) and spa voucher (€60.00)" in body
    assert "The total value is €100.00" in body
    assert "sorry at the desk" not in body and "Two nights back" not in body
    assert any("Two nights back" in w and "approval" in w for w in draft.warnings)
    german = _spaces(letters.draft_letter(ctx, cid, language="de").body)
    # Staff wrote the descriptions in English: a German letter names the kinds in German.
    assert "eine Rückerstattung (40,00 €) und ein Gutschein für Ihren nächsten Aufenthalt (60,00 €)" in german
