"""Who the demo guests are: names in their own scripts, addresses, e-mails and phones by country.

Each ``Origin`` is one country's guests: given names by gender, family names (with the
feminine form where the language has one: Kowalski/Kowalska, Иванов/Иванова,
Παπαδόπουλος/Παπαδοπούλου), cities with a postcode, streets, e-mail domains and a mobile
number pattern that ``phonenumbers`` accepts as valid (tested). Weights give a plausible
mix for a small European hotel.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

# (family name, feminine form or "" when it is the same)
Family = tuple[str, str]
# (city, postcode, region)
City = tuple[str, str, str]


@dataclass(frozen=True)
class Origin:
    country: str
    language: str
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    families: tuple[Family, ...]
    cities: tuple[City, ...]
    streets: tuple[str, ...]  # "{n}" is the house number
    domains: tuple[str, ...]
    mobile_prefix: str  # E.164 start; random digits follow
    mobile_digits: int
    companies: tuple[str, ...] = field(default=())


def _fam(*names: str) -> tuple[Family, ...]:
    """``"Kowalski/Kowalska"`` → (masculine, feminine); a name without "/" has one form."""
    return tuple((n.split("/")[0], n.split("/")[1] if "/" in n else "") for n in names)


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "GB",
        "en",
        20,
        ("Oliver", "James", "Harry", "George", "Thomas", "William", "Daniel", "Samuel", "Callum", "Rhys"),
        ("Olivia", "Amelia", "Charlotte", "Emily", "Sophie", "Grace", "Hannah", "Lucy", "Siobhan", "Niamh"),
        _fam(
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "Hughes",
            "O'Brien",
            "McDonald",
            "Fitzgerald",
            "Ó Briain",
        ),
        (
            ("London", "SW1A 2AA", ""),
            ("Manchester", "M1 1AE", ""),
            ("Bristol", "BS1 4DJ", ""),
            ("Edinburgh", "EH1 1YZ", "Scotland"),
            ("Leeds", "LS1 4DY", ""),
            ("York", "YO1 7HH", ""),
            ("Cardiff", "CF10 1EP", "Wales"),
            ("Oxford", "OX1 1BX", ""),
        ),
        (
            "{n} Station Road",
            "{n} High Street",
            "{n} Church Lane",
            "Flat {n}, Queen's Court",
            "{n} Mill Lane",
        ),
        ("gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk"),
        "+44742",  # some other 07 ranges are Jersey, Guernsey or the Isle of Man
        7,
        ("Arup Ltd", "Barclays", "NHS Trust", "Rolls-Royce plc"),
    ),
    Origin(
        "DE",
        "de",
        14,
        ("Lukas", "Jürgen", "Matthias", "Jörg", "Stefan", "Maximilian", "Uwe", "Klaus", "Björn", "Günther"),
        ("Sabine", "Ute", "Käthe", "Lena", "Sophie", "Franziska", "Bärbel", "Hannelore", "Anke", "Jördis"),
        _fam(
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weiß",
            "Schäfer",
            "Köhler",
            "Krüger",
            "Hoffmann",
            "Wagner",
            "Becker",
            "Schröder",
            "Jäger",
            "Groß",
            "Meißner",
            "Öztürk",
        ),
        (
            ("Berlin", "10115", "Berlin"),
            ("München", "80331", "Bayern"),
            ("Hamburg", "20095", "Hamburg"),
            ("Köln", "50667", "Nordrhein-Westfalen"),
            ("Düsseldorf", "40213", "Nordrhein-Westfalen"),
            ("Nürnberg", "90402", "Bayern"),
            ("Frankfurt am Main", "60311", "Hessen"),
            ("Leipzig", "04109", "Sachsen"),
        ),
        ("Hauptstraße {n}", "Bahnhofstraße {n}", "Gartenweg {n}", "Lindenallee {n}", "Schloßstraße {n}"),
        ("gmx.de", "web.de", "t-online.de", "gmail.com"),
        "+49151",
        8,
        ("Siemens AG", "Deutsche Bahn", "Bosch GmbH", "Allianz SE"),
    ),
    Origin(
        "FR",
        "fr",
        10,
        ("Jean-Luc", "François", "Étienne", "Loïc", "Benoît", "Jérôme", "Théo", "Hugo", "Gaëtan", "Rémi"),
        ("Hélène", "Chloé", "Amélie", "Zoé", "Céline", "Élodie", "Maëlle", "Françoise", "Noémie", "Inès"),
        _fam(
            "Martin",
            "Bernard",
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Mercier",
            "Fontaine",
            "Rousseau",
            "Durand",
            "Gauthier",
            "Lemaître",
            "Bérenger",
            "Séguin",
            "Château",
        ),
        (
            ("Paris", "75008", "Île-de-France"),
            ("Lyon", "69002", "Auvergne-Rhône-Alpes"),
            ("Marseille", "13001", "Provence-Alpes-Côte d'Azur"),
            ("Toulouse", "31000", "Occitanie"),
            ("Nice", "06000", "Provence-Alpes-Côte d'Azur"),
            ("Nantes", "44000", "Pays de la Loire"),
            ("Strasbourg", "67000", "Grand Est"),
            ("Bordeaux", "33000", "Nouvelle-Aquitaine"),
        ),
        (
            "{n} rue de la République",
            "{n} avenue Jean-Jaurès",
            "{n} boulevard Saint-Germain",
            "{n} rue des Écoles",
        ),
        ("orange.fr", "free.fr", "laposte.net", "gmail.com"),
        "+3367",
        7,
        ("Société Générale", "Renault", "Air France", "L'Oréal"),
    ),
    Origin(
        "ES",
        "es",
        8,
        ("José", "Álvaro", "Andrés", "Íñigo", "Javier", "Sergio", "Rubén", "Jesús", "Adrián", "Óscar"),
        ("María", "Lucía", "Inés", "Begoña", "Sofía", "Elena", "Nuria", "Ainhoa", "Ángela", "Mónica"),
        _fam(
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Muñoz",
            "Jiménez",
            "Ibáñez",
            "Núñez",
            "Peña",
            "Castaño",
        ),
        (
            ("Madrid", "28013", "Madrid"),
            ("Barcelona", "08001", "Cataluña"),
            ("Sevilla", "41001", "Andalucía"),
            ("Valencia", "46001", "Comunidad Valenciana"),
            ("Bilbao", "48001", "País Vasco"),
            ("Málaga", "29001", "Andalucía"),
            ("Zaragoza", "50001", "Aragón"),
            ("A Coruña", "15001", "Galicia"),
        ),
        (
            "Calle Mayor, {n}",
            "Avenida de la Constitución, {n}",
            "Calle del Carmen, {n}",
            "Plaza de España, {n}",
        ),
        ("gmail.com", "hotmail.es", "telefonica.net", "yahoo.es"),
        "+346",
        8,
        ("Telefónica", "Iberdrola", "Inditex", "Banco Santander"),
    ),
    Origin(
        "IT",
        "it",
        8,
        (
            "Giuseppe",
            "Niccolò",
            "Lorenzo",
            "Matteo",
            "Francesco",
            "Andrea",
            "Luca",
            "Gianluca",
            "Nicolò",
            "Davide",
        ),
        (
            "Giulia",
            "Chiara",
            "Francesca",
            "Alessandra",
            "Martina",
            "Elisa",
            "Federica",
            "Ilaria",
            "Noemi",
            "Beatrice",
        ),
        _fam(
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "De Luca",
            "D'Angelo",
            "De Santis",
            "Sanfilippo",
            "Cantù",
        ),
        (
            ("Roma", "00184", "Lazio"),
            ("Milano", "20121", "Lombardia"),
            ("Napoli", "80132", "Campania"),
            ("Torino", "10121", "Piemonte"),
            ("Firenze", "50122", "Toscana"),
            ("Bologna", "40121", "Emilia-Romagna"),
            ("Venezia", "30121", "Veneto"),
            ("Forlì", "47121", "Emilia-Romagna"),
        ),
        ("Via Roma, {n}", "Via Garibaldi, {n}", "Corso Vittorio Emanuele II, {n}", "Piazza del Popolo, {n}"),
        ("libero.it", "alice.it", "gmail.com", "virgilio.it"),
        "+39347",
        7,
        ("Fiat", "Eni S.p.A.", "Ferrero", "Pirelli"),
    ),
    Origin(
        "PL",
        "pl",
        7,
        (
            "Łukasz",
            "Paweł",
            "Michał",
            "Wojciech",
            "Grzegorz",
            "Krzysztof",
            "Jakub",
            "Piotr",
            "Mikołaj",
            "Bartłomiej",
        ),
        (
            "Małgorzata",
            "Katarzyna",
            "Agnieszka",
            "Zofia",
            "Joanna",
            "Magdalena",
            "Żaneta",
            "Jadwiga",
            "Urszula",
            "Łucja",
        ),
        _fam(
            "Kowalski/Kowalska",
            "Wiśniewski/Wiśniewska",
            "Wójcik",
            "Kowalczyk",
            "Kamiński/Kamińska",
            "Lewandowski/Lewandowska",
            "Zieliński/Zielińska",
            "Szymański/Szymańska",
            "Woźniak",
            "Dąbrowski/Dąbrowska",
            "Kozłowski/Kozłowska",
            "Nowak",
            "Żółkiewski/Żółkiewska",
            "Grabowski/Grabowska",
        ),
        (
            ("Warszawa", "00-001", "mazowieckie"),
            ("Kraków", "31-001", "małopolskie"),
            ("Łódź", "90-001", "łódzkie"),
            ("Wrocław", "50-001", "dolnośląskie"),
            ("Poznań", "60-001", "wielkopolskie"),
            ("Gdańsk", "80-001", "pomorskie"),
            ("Katowice", "40-001", "śląskie"),
        ),
        (
            "ul. Długa {n}",
            "ul. Piękna {n}",
            "ul. Marszałkowska {n}",
            "al. Jerozolimskie {n}",
            "ul. Żeromskiego {n}",
        ),
        ("wp.pl", "onet.pl", "interia.pl", "gmail.com"),
        "+4860",
        7,
        ("PKO Bank Polski", "Orlen", "LOT"),
    ),
    Origin(
        "TR",
        "tr",
        5,
        ("Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Oğuz", "Çağlar", "İsmail", "Barış", "Gökhan"),
        ("Ayşe", "Fatma", "Zeynep", "Elif", "Gülşen", "Şule", "Özlem", "Işıl", "Büşra", "İrem"),
        _fam(
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Yıldırım",
            "Öztürk",
            "Aydın",
            "Özdemir",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Çetin",
            "Koç",
            "Işık",
        ),
        (
            ("İstanbul", "34000", ""),
            ("Ankara", "06000", ""),
            ("İzmir", "35000", ""),
            ("Bursa", "16000", ""),
            ("Antalya", "07000", ""),
            ("Eskişehir", "26000", ""),
        ),
        (
            "Atatürk Caddesi No: {n}",
            "İstiklal Caddesi No: {n}",
            "Gül Sokak No: {n}",
            "Bağdat Caddesi No: {n}",
        ),
        ("gmail.com", "hotmail.com", "yandex.com.tr"),
        "+90532",
        7,
        ("Türk Hava Yolları", "Koç Holding", "Arçelik"),
    ),
    Origin(
        "GR",
        "el",
        5,
        ("Γιώργος", "Νίκος", "Δημήτρης", "Κώστας", "Γιάννης", "Παναγιώτης", "Χρήστος", "Αλέξανδρος"),
        ("Μαρία", "Ελένη", "Αικατερίνη", "Σοφία", "Δέσποινα", "Βασιλική", "Αναστασία", "Ευαγγελία"),
        _fam(
            "Παπαδόπουλος/Παπαδοπούλου",
            "Παπαδάκης/Παπαδάκη",
            "Γεωργίου",
            "Οικονόμου",
            "Νικολάου",
            "Βασιλείου",
            "Καραγιάννης/Καραγιάννη",
            "Μαυρίδης/Μαυρίδου",
            "Ιωάννου",
            "Κωνσταντίνου",
        ),
        (
            ("Αθήνα", "105 57", "Αττική"),
            ("Θεσσαλονίκη", "546 24", "Κεντρική Μακεδονία"),
            ("Πάτρα", "262 21", "Δυτική Ελλάδα"),
            ("Ηράκλειο", "712 02", "Κρήτη"),
            ("Λάρισα", "412 22", "Θεσσαλία"),
        ),
        ("Ερμού {n}", "Λεωφόρος Συγγρού {n}", "Αγίου Δημητρίου {n}", "Τσιμισκή {n}"),
        ("gmail.com", "otenet.gr", "yahoo.gr"),
        "+30694",
        7,
        ("Aegean Airlines", "ΟΤΕ"),
    ),
    Origin(
        "RU",
        "ru",
        4,
        ("Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Иван", "Михаил", "Николай"),
        ("Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Екатерина", "Юлия"),
        _fam(
            "Иванов/Иванова",
            "Смирнов/Смирнова",
            "Кузнецов/Кузнецова",
            "Попов/Попова",
            "Соколов/Соколова",
            "Лебедев/Лебедева",
            "Козлов/Козлова",
            "Новиков/Новикова",
            "Морозов/Морозова",
            "Фёдоров/Фёдорова",
        ),
        (
            ("Москва", "101000", ""),
            ("Санкт-Петербург", "190000", ""),
            ("Казань", "420111", "Татарстан"),
            ("Новосибирск", "630099", "Новосибирская обл."),
            ("Екатеринбург", "620014", "Свердловская обл."),
        ),
        ("ул. Ленина, д. {n}", "Невский пр., д. {n}", "ул. Садовая, д. {n}", "ул. Тверская, д. {n}"),
        ("yandex.ru", "mail.ru", "gmail.com"),
        "+7916",
        7,
    ),
    Origin(
        "UA",
        "uk",
        3,
        ("Олександр", "Андрій", "Микола", "Тарас", "Богдан", "Юрій"),
        ("Олена", "Оксана", "Ірина", "Наталія", "Юлія", "Ганна"),
        _fam("Шевченко", "Бондаренко", "Коваленко", "Ткаченко", "Кравченко", "Мельник", "Бойко", "Олійник"),
        (("Київ", "01001", ""), ("Львів", "79000", ""), ("Одеса", "65000", ""), ("Харків", "61000", "")),
        ("вул. Хрещатик, {n}", "вул. Шевченка, {n}", "просп. Свободи, {n}"),
        ("ukr.net", "gmail.com", "i.ua"),
        "+38067",
        7,
    ),
    Origin(
        "US",
        "en",
        7,
        ("Michael", "Christopher", "Matthew", "Joshua", "Ethan", "Tyler", "Brandon"),
        ("Jennifer", "Jessica", "Ashley", "Madison", "Emily", "Megan", "Brittany"),
        _fam(
            "Miller",
            "Davis",
            "Anderson",
            "Thomas",
            "Jackson",
            "Martinez",
            "Clark",
            "Lewis",
            "Nguyen",
            "O'Connor",
        ),
        (
            ("New York", "10001", "NY"),
            ("Boston", "02108", "MA"),
            ("Chicago", "60601", "IL"),
            ("San Francisco", "94103", "CA"),
            ("Seattle", "98101", "WA"),
        ),
        ("{n} Park Avenue", "{n} Maple Street", "{n} Oak Drive"),
        ("gmail.com", "yahoo.com", "icloud.com"),
        "+1415",
        7,
        ("Acme Corp.", "Globex Inc."),
    ),
    Origin(
        "NL",
        "nl",
        5,
        ("Daan", "Sem", "Bram", "Joost", "Thijs", "Ruud"),
        ("Sanne", "Femke", "Lotte", "Anouk", "Ilse", "Marieke"),
        _fam(
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "van Dijk",
            "Bakker",
            "Visser",
            "Smit",
            "IJzerman",
        ),
        (
            ("Amsterdam", "1012 AB", "Noord-Holland"),
            ("Rotterdam", "3011 AD", "Zuid-Holland"),
            ("Utrecht", "3511 AA", "Utrecht"),
            ("Den Haag", "2511 CV", "Zuid-Holland"),
        ),
        ("Keizersgracht {n}", "Dorpsstraat {n}", "Kerkstraat {n}"),
        ("ziggo.nl", "kpnmail.nl", "gmail.com"),
        "+3161",
        7,
        ("Philips", "KLM", "ING Groep"),
    ),
)

_GREEK = "αβγδεζηθικλμνξοπρσςτυφχψω"
_GREEK_LATIN = "a b g d e z i th i k l m n x o p r s s t y f ch ps o"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ"
_CYRILLIC_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i ye yi g"
_TRANSLIT = {
    # Greek (ELOT 743, simplified) and Cyrillic (Russian and Ukrainian), for e-mail local parts
    **dict(zip(_GREEK, _GREEK_LATIN.split(), strict=True)),
    **dict(zip("άέήίόύώϊϋΐΰ", "aeiioyoiyiy", strict=True)),
    **dict(zip(_CYRILLIC, _CYRILLIC_LATIN.split(), strict=True)),
    "ł": "l",
    "ß": "ss",
    "ı": "i",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "'": "",
    "’": "",
    " ": "",
}


def ascii_slug(text: str) -> str:
    """A name as the ASCII an e-mail address would use: ``Żółkiewska`` → ``zolkiewska``."""
    out: list[str] = []
    lowered = text.lower().replace("ού", "ου").replace("ου", "ou")  # one sound, not "oy"
    for ch in lowered:
        mapped = _TRANSLIT.get(ch)
        if mapped is None:
            mapped = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append("" if mapped == "-" else mapped)
    return "".join(c for c in "".join(out) if c.isalnum() or c in ".-")


@dataclass(frozen=True)
class Person:
    title: str
    first_name: str
    last_name: str
    female: bool
    origin: Origin
    email: str | None
    phone: str | None
    address_line1: str
    postcode: str
    city: str
    region: str
    company: str


_ORIGIN_WEIGHTS = [o.weight for o in ORIGINS]


def make_person(rng: random.Random) -> Person:
    origin = rng.choices(ORIGINS, _ORIGIN_WEIGHTS)[0]
    female = rng.random() < 0.5
    first = rng.choice(origin.female if female else origin.male)
    masculine, feminine = rng.choice(origin.families)
    last = feminine if female and feminine else masculine
    if rng.random() < 0.03 and origin.country in ("ES",):  # two family names, as Spain writes them
        last = f"{last} {rng.choice(origin.families)[0]}"
    roll = rng.random()
    title = "Dr" if roll < 0.05 else "" if roll < 0.35 else ("Ms" if female else "Mr")
    email: str | None = None
    if rng.random() < 0.88:
        local = f"{ascii_slug(first)}.{ascii_slug(last)}"
        if rng.random() < 0.4:
            local += str(rng.randint(1, 99))
        email = f"{local}@{rng.choice(origin.domains)}"
    phone: str | None = None
    if rng.random() < 0.8:
        phone = origin.mobile_prefix + "".join(str(rng.randint(0, 9)) for _ in range(origin.mobile_digits))
        if origin.country == "US":  # a US exchange never starts with 0 or 1
            phone = origin.mobile_prefix + str(rng.randint(2, 9)) + phone[len(origin.mobile_prefix) + 1 :]
    city, postcode, region = rng.choice(origin.cities)
    street = rng.choice(origin.streets).format(n=rng.randint(1, 180))
    company = rng.choice(origin.companies) if origin.companies and rng.random() < 0.12 else ""
    return Person(title, first, last, female, origin, email, phone, street, postcode, city, region, company)


WALK_IN_NAMES = (
    "Mrs Henderson (restaurant guest)",
    "Herr Brandt, Tagungsgast",
    "Mme Lacroix, au bar",
    "Conference visitor, no name given",
    "Пётр, посетитель ресторана",
    "Κα Λαμπράκη, εστιατόριο",
)
