"""Words for the demo data: complaints as guests say them, notes, reasons, letters."""

from __future__ import annotations

# complaint category → (department, guest's words; "{room}" is filled in)
COMPLAINT_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "room": (
        "housekeeping",
        (
            "Room {room} smells of smoke although we booked non-smoking.",
            "We asked for twin beds and got a double in room {room}.",
            "The room is much smaller than the photos on the website.",
            "The window in {room} does not close properly and it is cold at night.",
        ),
    ),
    "cleanliness": (
        "housekeeping",
        (
            "Hair in the shower and the bin had not been emptied when we arrived.",
            "Die Handtücher waren nicht sauber und das Bad roch muffig.",
            "Dust under the bed and a stain on the duvet cover in room {room}.",
            "La salle de bains n'avait pas été nettoyée à notre arrivée.",
        ),
    ),
    "noise": (
        "front_office",
        (
            "A wedding party in the bar kept us awake until 2 am.",
            "Loud banging from the room next door all night; nobody answered at reception.",
            "The air conditioning in {room} rattles so loudly that we could not sleep.",
            "Road works started outside the window at 7 am without any warning.",
        ),
    ),
    "food_drink": (
        "food_beverage",
        (
            "I said I am allergic to nuts and the dessert had almonds on it.",
            "Breakfast ran out of eggs and bread at 9:15 and nothing was refilled.",
            "We waited 50 minutes for room service and the soup arrived cold.",
            "El café del desayuno estaba frío y tardaron mucho en servir.",
        ),
    ),
    "staff_attitude": (
        "front_office",
        (
            "The night porter was rude when we asked for an extra blanket.",
            "The receptionist rolled her eyes when I asked to change rooms.",
            "Nobody greeted us at check-in; the desk was empty for ten minutes.",
        ),
    ),
    "billing": (
        "front_office",
        (
            "I was charged twice for the minibar, and I never opened it.",
            "The bill shows parking for three nights; we came by train.",
            "The rate on my invoice is higher than the one in my confirmation.",
            "Mi hanno addebitato la colazione che era inclusa nella tariffa.",
        ),
    ),
    "maintenance": (
        "maintenance",
        (
            "No hot water in room {room} this morning.",
            "The lift was out of order for two days and we are on the fourth floor.",
            "The TV in {room} does not work and the remote is missing.",
            "Kein warmes Wasser in Zimmer {room}, schon den zweiten Tag.",
        ),
    ),
    "booking_error": (
        "reservations",
        (
            "Our booking for three nights was entered as two; we were told the hotel is full.",
            "We booked a sea-view room and were given one facing the car park.",
            "The cot we requested for our baby was not in the room.",
        ),
    ),
    "outside_control": (
        "management",
        (
            "The beach was closed because of a storm warning and we expected a refund.",
            "The train strike meant we arrived at midnight and missed dinner.",
            "Construction on the neighbouring building started at 7 every morning.",
        ),
    ),
}
CATEGORY_WEIGHTS = {
    "room": 14,
    "cleanliness": 16,
    "noise": 18,
    "food_drink": 12,
    "staff_attitude": 7,
    "billing": 10,
    "maintenance": 13,
    "booking_error": 6,
    "outside_control": 4,
}

ACTION_TEXTS: dict[str, tuple[str, ...]] = {
    "apology": ("Duty manager apologised in person", "Apologised on the phone", "Apologised by e-mail"),
    "fix": ("Engineer repaired it within the hour", "Housekeeping re-cleaned the room", "Bill corrected"),
    "room_move": ("Moved to a quieter room at the back", "Moved to a room on a higher floor"),
    "upgrade": ("Upgraded to a junior suite", "Upgraded to a sea-view room"),
    "discount": ("One night at half price", "20% off the room rate"),
    "refund": ("Refunded the double charge", "Refunded one night"),
    "complimentary": ("Complimentary dinner for two", "Bottle of wine and a fruit basket"),
    "voucher": ("Voucher for a weekend next season", "Spa voucher"),
    "letter": ("Apology letter sent",),
}
# action kind → (lowest, highest) value in minor units; 0 for none
ACTION_VALUES: dict[str, tuple[int, int]] = {
    "apology": (0, 0),
    "fix": (0, 0),
    "room_move": (0, 0),
    "upgrade": (0, 8000),
    "discount": (3000, 18000),
    "refund": (4000, 30000),
    "complimentary": (2500, 9000),
    "voucher": (5000, 25000),
    "letter": (0, 0),
}

VOID_REASONS = (
    "Logged twice: duplicate of an earlier complaint.",
    "Logged against the wrong guest by mistake.",
    "Not a complaint: the guest was asking about the bill.",
)
WAIVE_REASONS = ("Guest asked not to be contacted again.", "Guest left no contact details.")
ROOT_CAUSES = (
    ("Room status not checked before allocation.", "Supervisor checks every room before it is released."),
    ("Night shift had one person for 60 rooms.", "Second night porter on Friday and Saturday."),
    ("Allergy not passed from booking to kitchen.", "Allergies printed on the breakfast list each morning."),
    ("Old boiler in the east wing.", "Boiler replaced; monthly hot-water check added."),
)
CLOSE_NOTES = ("Guest thanked us in an e-mail.", "Followed up by phone.", "")

GUEST_NOTES = (
    "Prefers to be addressed formally.",
    "Always asks for the same room if free.",
    "Works nights: do not call before noon.",
    "Cycles here every summer; needs bike storage.",
    "Travels with her mother, who uses a wheelchair.",
    "Regular since the hotel reopened.",
)
BLOCKLIST_REASONS = (
    "Left without paying the bill (card declined, no reply to letters).",
    "Damaged the room and threatened staff; manager's decision.",
)
CONSENT_TEXT = "I agree to receive offers and news from the hotel by e-mail. I can unsubscribe at any time."

# Preference texts that are not in the catalogue: (kind, category, text)
FREE_PREFERENCES: tuple[tuple[str, str, str], ...] = (
    ("dislike", "room", "room next to the lift"),
    ("dislike", "room", "street-facing room"),
    ("dislike", "bedding", "foam pillows"),
    ("dislike", "room", "rooms above the bar"),
    ("dislike", "service", "strong air freshener"),
    ("dislike", "food_drink", "coriander"),
    ("allergy", "food_drink", "severe peanut allergy: carries an EpiPen"),
    ("allergy", "other", "penicillin: tell the doctor if first aid is needed"),
    ("allergy", "food_drink", "coeliac: no gluten at all"),
    ("alert", "service", "card declined at last check-out: ask for a deposit"),
    ("alert", "room", "mobility: needs a room near the lift"),
    ("alert", "communication", "hard of hearing: use the visual fire alarm"),
    ("alert", "other", "do not confirm to callers that this guest is staying"),
)
# Catalogue labels that are an allergy or an alert rather than a like.
ALLERGY_LABELS = frozenset(
    {
        "no nuts",
        "gluten-free",
        "lactose-free",
        "no shellfish",
        "feather-free pillows",
        "hypoallergenic bedding",
    }
)
ALERT_LABELS = frozenset({"hard of hearing"})

LETTERS: dict[str, tuple[str, str]] = {
    "en": (
        "Our apologies",
        "Dear {name},\n\nThank you for telling us about {what} during your stay. "
        "We are sorry that we let you down, and we have {action}.\n\n"
        "We hope to welcome you again soon.\n\nYours sincerely,\n{signer}",
    ),
    "de": (
        "Unsere Entschuldigung",
        "Sehr geehrte/r {name},\n\nvielen Dank, dass Sie uns auf {what} "
        "aufmerksam gemacht haben. Es tut uns leid; wir haben {action}.\n\n"
        "Wir freuen uns, Sie bald wieder begrüßen zu dürfen.\n\nMit freundlichen Grüßen\n{signer}",
    ),
    "fr": (
        "Toutes nos excuses",
        "Madame, Monsieur {name},\n\nMerci de nous avoir signalé {what}. "
        "Nous en sommes désolés ; nous avons {action}.\n\n"
        "Nous espérons vous accueillir à nouveau très bientôt.\n\nBien cordialement,\n{signer}",
    ),
}
LETTER_WHAT = {
    "room": "the problems with your room",
    "cleanliness": "the cleanliness of your room",
    "noise": "the noise",
    "food_drink": "the problem at breakfast",
    "staff_attitude": "how you were treated",
    "billing": "the mistake on your bill",
    "maintenance": "the repair that was needed",
    "booking_error": "the mistake in your booking",
    "outside_control": "the disruption",
}
