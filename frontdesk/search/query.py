"""Finding and ranking guests in the search index (no permissions, no facts: see services/search).

Candidates come in stages, each a cheap indexed lookup capped a little above the rows
asked for, most recent first: a phone number, every word exact, every word a prefix, every word a
substring (FTS5 trigram), and only when that leaves fewer than ``limit`` guests, words
within one or two typos (or sounding alike) of the vocabulary. A stage runs only when the
ones before it found fewer than ``limit`` guests, and then it found all of theirs, so the
stage that first finds a guest is the guest's match level: how well its *worst* query word
matched (exact > prefix > substring > fuzzy). Candidates are ranked by that level, then
in-house / arriving today first, then most recent stay. In-house guests lead every stage's
index order; today's arrivals do not (a booking for a later day is more recent), so they
are held in memory and matched against each stage's definition as well.

User text never reaches SQL or FTS syntax: words are folded to ``[a-z0-9]+`` first, bound
as parameters, and each FTS term is a double-quoted string.
"""

from __future__ import annotations

import sqlite3
import time
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from threading import Lock

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlmodel import Session

from frontdesk.db.engine import sqlite_connection
from frontdesk.models import StayStatus
from frontdesk.search.index import IN_HOUSE_BOOST

EXTRA = 20  # candidates fetched per stage beyond the rows asked for, to rank the top ones well
PROBE = 2000  # index entries counted at most when choosing the rarest query word
_HIGH = "\U0010ffff"  # sorts after every folded word: [word, word + HIGH) is the prefix range
TRIGRAM = 3


class Level(IntEnum):
    EXACT = 0
    PREFIX = 1
    SUBSTRING = 2
    FUZZY = 3


class Mode(IntEnum):
    """How a query word (or one of its alternatives) must meet a guest's indexed words."""

    WORD = 0  # equal to one of them
    PREFIX = 1  # the beginning of one of them
    INSIDE = 2  # anywhere inside one of them


# For each query word, its alternatives and how they must match: a stage's definition.
Alternatives = list[tuple[list[str], Mode]]


@dataclass(frozen=True)
class Ranked:
    guest_id: int
    level: Level
    in_house: bool
    arriving_today: bool
    last_arrival: date | None  # latest arrival of a counted stay (ranking only)


def fts_phrase(word: str) -> str:
    """One FTS5 string term: the text matched literally, whatever it contains."""
    return '"' + word.replace('"', '""') + '"'


def max_typos(word: str) -> int:
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 6 else 2


def sound_key(word: str) -> str:
    """A rough sounds-alike key: Christy and Kristy, Philip and Filip, Smyth and Smith meet."""
    key = word.replace("ph", "f").replace("ck", "k").replace("c", "k").replace("q", "k")
    key = key.replace("z", "s").replace("y", "i")
    key = key[:1] + key[1:].replace("h", "")
    out = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


# --- vocabulary for typo tolerance ------------------------------------------------------------


@dataclass
class _Vocabulary:
    generation: int
    loaded_at: float
    words: list[str]
    sounds: dict[str, list[str]]

    def add(self, new: set[str]) -> None:
        known = set(self.words)
        for word in sorted(new - known):
            if _is_vocab(word):
                self.words.append(word)
                self.sounds.setdefault(sound_key(word), []).append(word)


_VOCAB: dict[str, _Vocabulary] = {}
_VOCAB_LOCK = Lock()
RELOAD_AFTER_S = 60.0  # another process's new words become typo-tolerant within a minute


def _is_vocab(word: str) -> bool:
    return len(word) >= 4 and word.isalpha()


def _db_key(session: Session) -> str:
    return str(session.get_bind().engine.url)


def _generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM guest_search_meta WHERE key = 'generation'").fetchone()
    return int(row[0] or 0) if row else 0


def vocabulary(session: Session) -> _Vocabulary:
    key = _db_key(session)
    conn = sqlite_connection(session)
    generation = _generation(conn)
    with _VOCAB_LOCK:
        cached = _VOCAB.get(key)
        fresh = cached is not None and (
            cached.generation == generation or time.monotonic() - cached.loaded_at < RELOAD_AFTER_S
        )
        if cached is not None and fresh:
            return cached
    words = [
        w for (w,) in conn.execute("SELECT DISTINCT word FROM guest_search_word").fetchall() if _is_vocab(w)
    ]
    sounds: dict[str, list[str]] = {}
    for word in words:
        sounds.setdefault(sound_key(word), []).append(word)
    made = _Vocabulary(generation, time.monotonic(), words, sounds)
    with _VOCAB_LOCK:
        _VOCAB[key] = made
    return made


def remember_words(session: Session, words: set[str]) -> None:
    """Words just indexed in this process are typo-tolerant at once (no reload needed)."""
    with _VOCAB_LOCK:
        cached = _VOCAB.get(_db_key(session))
        if cached is not None:
            cached.add(words)


def near_words(vocab: _Vocabulary, word: str) -> list[str]:
    """Vocabulary words within the typos allowed for ``word``, or sounding alike."""
    found = list(vocab.sounds.get(sound_key(word), [])) if len(word) >= 4 else []
    typos = max_typos(word)
    if typos:
        found += [
            m[0]
            for m in process.extract(word, vocab.words, scorer=OSA.distance, score_cutoff=typos, limit=50)
        ]
    return list(dict.fromkeys(found))


# --- today's arrivals -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Arrivals:
    """Today's arriving guests, with their index entries for matching them in memory."""

    generation: int
    day: date
    guests: frozenset[int]
    ids: tuple[int, ...]  # of the indexed ones, in ``text`` order
    recency: tuple[int, ...]
    words: tuple[frozenset[str], ...]
    text: str  # each guest's indexed words, one line a guest
    starts: tuple[int, ...]  # where each line begins in ``text``

    def containing(self, piece: str) -> set[int]:
        """Positions (in ``ids``) of the guests with ``piece`` somewhere in their words."""
        found: set[int] = set()
        at = self.text.find(piece)
        while at >= 0:
            i = bisect_right(self.starts, at) - 1
            found.add(i)
            at = self.text.find(piece, self.starts[i + 1]) if i + 1 < len(self.starts) else -1
        return found

    def matching(self, alternatives: Alternatives) -> set[int]:
        """Positions of the guests meeting ``alternatives``.

        These are the guests a stage of that definition finds when its lookup reaches them.
        """
        chosen: set[int] | None = None
        for words, _mode in alternatives:
            # every mode needs the word inside the text: a substring search narrows it first
            fits = {i for w in words for i in self.containing(w)}
            chosen = fits if chosen is None else chosen & fits
            if not chosen:
                return set()
        if chosen is None:
            return set()
        return {i for i in chosen if all(_meets(self.words[i], ws, mode) for ws, mode in alternatives)}


def _meets(guest_words: frozenset[str], words: list[str], mode: Mode) -> bool:
    if mode is Mode.WORD:
        return any(w in guest_words for w in words)
    if mode is Mode.PREFIX:
        return any(g.startswith(w) for w in words for g in guest_words)
    return any(w in g for w in words for g in guest_words)


_ARRIVALS: dict[str, _Arrivals] = {}


def arriving_on(session: Session, day: date) -> _Arrivals:
    """Guests expected to arrive on ``day``, with their index entries; kept until the index changes.

    Every stay change reindexes its guest, which moves the index generation on, so the set
    is read again after any change (by any process) and at midnight. Reading it for every
    keystroke cost 0.05 ms of a 0.9 ms search.
    """
    key, conn = _db_key(session), sqlite_connection(session)
    generation = _generation(conn)
    cached = _ARRIVALS.get(key)
    if cached is not None and cached.generation == generation and cached.day == day:
        return cached
    guests = frozenset(
        int(gid)
        for (gid,) in conn.execute(
            "SELECT guest_id FROM stay WHERE arrival = ? AND status = ?",
            (day.isoformat(), StayStatus.EXPECTED.value),
        )
    )
    marks = ",".join(str(g) for g in sorted(guests))  # ints only: safe to inline
    rows = (
        conn.execute(
            f"SELECT rowid, recency, name, contact, other FROM guest_search WHERE rowid IN ({marks})"
        )
        if guests
        else []
    )
    ids, recency, words, lines, starts, at = [], [], [], [], [], 0
    for gid, rec, *columns in rows:
        line = " ".join(c for c in columns if c)
        ids.append(int(gid))
        recency.append(int(rec or 0))
        words.append(frozenset(line.split()))
        lines.append(line)
        starts.append(at)
        at += len(line) + 1
    made = _Arrivals(
        generation, day, guests, tuple(ids), tuple(recency), tuple(words), "\n".join(lines), tuple(starts)
    )
    _ARRIVALS[key] = made
    return made


# --- candidate stages ------------------------------------------------------------------------


def _sql(conn: sqlite3.Connection, sql: str, params: dict[str, object] | None = None) -> sqlite3.Cursor:
    """Every statement of a search goes through here (one place to watch them in tests)."""
    return conn.execute(sql, params or {})


def _recent(conn: sqlite3.Connection, sql: str, params: dict[str, object]) -> dict[int, int]:
    """``sql``'s (guest id, recency) rows as a dict in their order; a guest's first row wins."""
    found: dict[int, int] = {}
    for gid, recency in _sql(conn, sql, params).fetchall():
        found.setdefault(int(gid), int(recency or 0))
    return found


def _word_condition(alias: str, name: str, words: list[str], mode: Mode, params: dict[str, object]) -> str:
    """SQL matching a word of ``alias`` to any of ``words`` (whole, or as beginnings: PREFIX)."""
    parts = []
    for i, word in enumerate(words):
        p = f"{name}_{i}"
        params[p] = word
        if mode is Mode.PREFIX:
            params[p + "_hi"] = word + _HIGH
            parts.append(f"({alias}.word >= :{p} AND {alias}.word < :{p}_hi)")
        else:
            parts.append(f"{alias}.word = :{p}")
    return "(" + " OR ".join(parts) + ")"


def _count_upto(conn: sqlite3.Connection, words: list[str], mode: Mode) -> int:
    """How many index entries match, counted only up to ``PROBE`` (cheap, bounded)."""
    params: dict[str, object] = {}
    cond = _word_condition("w", "e", words, mode, params)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM guest_search_word w WHERE {cond} LIMIT {PROBE})"
    row = _sql(conn, sql, params).fetchone()
    return int(row[0] or 0) if row else 0


def _probe(conn: sqlite3.Connection, words: list[str]) -> tuple[dict[str, int], set[str]]:
    """Each query word's entry count as a word beginning (up to ``PROBE``), and the whole words.

    One statement for all the words: each stage used to count them again on its own. A single
    word is not counted: it drives every stage alone, so its count would choose nothing.
    """
    params: dict[str, object] = {}
    columns = []
    for i, word in enumerate(words):
        params[f"w{i}"], params[f"h{i}"] = word, word + _HIGH
        if len(words) > 1:
            columns.append(
                "(SELECT count(*) FROM (SELECT 1 FROM guest_search_word "
                f"WHERE word >= :w{i} AND word < :h{i} LIMIT {PROBE}))"
            )
        columns.append(f"EXISTS (SELECT 1 FROM guest_search_word WHERE word = :w{i})")
    row = _sql(conn, "SELECT " + ", ".join(columns), params).fetchone()
    if len(words) == 1:
        return {}, {words[0]} if row[0] else set()
    counts = {w: int(row[2 * i] or 0) for i, w in enumerate(words)}
    whole = {w for i, w in enumerate(words) if row[2 * i + 1]}
    return counts, whole


def _word_stage(
    conn: sqlite3.Connection,
    alternatives: Alternatives,
    cap: int,
    *,
    ordered: bool = False,
    common_drive: bool = False,
) -> dict[int, int]:
    """Guests having, for each query word, a word among its alternatives (exact or prefix).

    The rarest query word drives the lookup (``ordered``: the caller sorted them already;
    ``common_drive``: and even that one has ``PROBE`` entries or more), most recent guests
    first; the others are checked per candidate with one index seek each. Returns each
    guest's recency too, read from the index row that found it (ranking needs nothing else).
    """
    if len(alternatives) > 1 and not ordered:
        counts = [_count_upto(conn, words, mode) for words, mode in alternatives]
        if min(counts) == 0:
            return {}  # some query word is nobody's: no guest has them all
        common_drive = min(counts) >= PROBE
        alternatives = [
            alt for _count, alt in sorted(zip(counts, alternatives, strict=True), key=lambda p: p[0])
        ]
    params: dict[str, object] = {}
    drive_words, drive_mode = alternatives[0]
    where = [_word_condition("w0", "t0", drive_words, drive_mode, params)]
    for i, (words, mode) in enumerate(alternatives[1:], start=1):
        cond = _word_condition(f"w{i}", f"t{i}", words, mode, params)
        where.append(
            f"EXISTS (SELECT 1 FROM guest_search_word w{i} WHERE w{i}.guest_id = w0.guest_id AND {cond})"
        )
    single_exact = len(drive_words) == 1 and drive_mode is Mode.WORD
    if common_drive and len(where) > 1 and not single_exact:
        # Thousands of drive rows, each needing a seek per other word: sort the drive rows
        # alone first (cheap, the index holds them), then check the others newest first and
        # stop at the rows asked for ("de l" at 100k: 13.8 → 5.5 ms). For rarer drive words
        # the check-everything plan below is as fast or faster.
        sql = (
            f"WITH w0 AS MATERIALIZED (SELECT w0.guest_id, w0.recency FROM guest_search_word w0 "
            f"WHERE {where[0]} ORDER BY w0.recency DESC) "
            f"SELECT w0.guest_id, w0.recency FROM w0 WHERE {' AND '.join(where[1:])} LIMIT :n"
        )
    else:
        sql = "SELECT w0.guest_id, w0.recency FROM guest_search_word w0 WHERE " + " AND ".join(where)
        sql += " ORDER BY w0.recency DESC LIMIT :n"
    if single_exact:
        # one exact word: (word, guest) is unique, and the (word, recency) index gives the order
        return _recent(conn, sql, {**params, "n": cap})
    # Several drive words (a prefix, typo alternatives) may all be one guest's: fetch more rows
    # and de-duplicate here. Every word row of a guest carries the guest's recency, so this
    # is the order GROUP BY guest ORDER BY max(recency) gave, at a fifth of the cost (SQLite
    # keeps only the top rows while scanning instead of grouping all of them first).
    n = cap * 3
    while True:
        rows = _sql(conn, sql, {**params, "n": n}).fetchall()
        found: dict[int, int] = {}
        for gid, recency in rows:
            found.setdefault(int(gid), int(recency or 0))
            if len(found) >= cap:
                return found
        if len(rows) < n:
            return found
        n *= 4


def _substring_stage(
    conn: sqlite3.Connection, words: list[str], common: set[str], cap: int
) -> dict[int, int]:
    """Guests whose text contains every word (FTS5 trigram).

    Trigram lists of very common words are long and slow to intersect, so only the rarer
    words go to FTS5 (the longest one if all are common); the others, and one- and
    two-letter words (which must begin a word), are checked here on a larger batch.
    """
    long_words = [w for w in words if len(w) >= TRIGRAM]
    if not long_words:
        return {}
    in_fts = [w for w in long_words if w not in common] or long_words[:1]
    checked = [w for w in long_words if w not in in_fts]
    short = [w for w in words if len(w) < TRIGRAM]
    query = " ".join(fts_phrase(w) for w in in_fts)
    if not checked and not short:
        sql = "SELECT rowid, recency FROM guest_search WHERE guest_search MATCH :q LIMIT :cap"
        return _recent(conn, sql, {"q": query, "cap": cap})
    rows = _sql(
        conn,
        "SELECT rowid, recency, name, contact, other FROM guest_search WHERE guest_search MATCH :q LIMIT :n",
        {"q": query, "n": cap * 20},
    )
    found: dict[int, int] = {}
    for gid, recency, *columns in rows:
        joined = " ".join(c or "" for c in columns)
        guest_words = joined.split()
        if all(w in joined for w in checked) and all(
            any(g.startswith(s) for g in guest_words) for s in short
        ):
            found[int(gid)] = int(recency or 0)
            if len(found) >= cap:
                break
    return found


def fuzzy_alternatives(vocab: _Vocabulary, words: list[str]) -> Alternatives:
    """The fuzzy stage's definition: per query word, its near spellings as whole words.

    A word with no near spelling must match as typed (a beginning: the word being typed).
    Empty when no word has a near spelling.
    """
    alternatives: Alternatives = []
    for word in words:
        near = near_words(vocab, word)
        alternatives.append(
            (list(dict.fromkeys([*near, word])), Mode.WORD) if near else ([word], Mode.PREFIX)
        )
    if all(mode is Mode.PREFIX for _words, mode in alternatives):
        return []
    # whole words first, fewest alternatives first: the most selective drives
    return sorted(alternatives, key=lambda a: (a[1], len(a[0])))


def substring_alternatives(words: list[str]) -> Alternatives:
    """The substring stage's definition: every word of three letters or more inside a word.

    Shorter words must begin one (FTS5 trigram needs three). Empty when no word is long enough.
    """
    if all(len(w) < TRIGRAM for w in words):
        return []
    return [([w], Mode.INSIDE if len(w) >= TRIGRAM else Mode.PREFIX) for w in words]


# --- ranking ---------------------------------------------------------------------------------


def _ranked(found: dict[int, tuple[Level, int]], arriving: frozenset[int], limit: int) -> list[Ranked]:
    """The best ``limit`` of the ``found`` guests (id → level, recency): by match level, then
    in house or arriving today, then most recent stay.
    """
    ranked = []
    for gid, (level, recency) in found.items():
        in_house = recency >= IN_HOUSE_BOOST
        last = recency % IN_HOUSE_BOOST
        key = (level, not (in_house or gid in arriving), -recency, gid)
        ranked.append(
            (key, Ranked(gid, level, in_house, gid in arriving, date.fromordinal(last) if last else None))
        )
    ranked.sort(key=lambda pair: pair[0])
    return [r for _key, r in ranked[:limit]]


def _add_arriving(
    found: dict[int, tuple[Level, int]], arrivals: _Arrivals, tried: list[tuple[Level, Alternatives]]
) -> None:
    """Add today's arriving guests that a stage's definition fits but its lookup left out.

    Stages keep the most recent matches, and a guest booked for a later day is more recent
    than one arriving today: on a common name the arriving guest could be cut ("wilson" at
    100k: one of five shown), though ranking puts them first among their level.
    """
    for level, alternatives in tried:  # best level first: a guest keeps the first it meets
        for i in arrivals.matching(alternatives):
            found.setdefault(arrivals.ids[i], (level, arrivals.recency[i]))


def find(session: Session, words: list[str], phones: list[str], limit: int, today: date) -> list[Ranked]:
    """The best ``limit`` guests for the folded query ``words`` and phone digit strings ``phones``."""
    if not words and not phones:
        return []
    conn = sqlite_connection(session)
    found: dict[int, tuple[Level, int]] = {}
    tried: list[tuple[Level, Alternatives]] = []  # the stages run, by their definitions
    cap = limit + EXTRA

    def run(level: Level, alternatives: Alternatives, stage: dict[int, int]) -> None:
        tried.append((level, alternatives))
        for gid, recency in stage.items():
            found.setdefault(gid, (level, recency))  # an earlier stage found it at a better level

    def enough() -> bool:
        return len(found) >= limit

    if phones:
        alternatives = [(phones, Mode.WORD)]
        run(Level.EXACT, alternatives, _word_stage(conn, alternatives, cap))
        if found and all(w.isdigit() for w in words):
            # The number is somebody's phone: its digit groups as words ("44 7700 900123") would
            # only add guests who happen to have such numbers, after scanning long digit lists.
            words = []
    # How common each word is as a word beginning (bounded count): the rarest drives lookups.
    counts, whole = _probe(conn, words) if words and not enough() else ({}, set())
    by_rarity = sorted(words, key=lambda w: (counts.get(w, 0), -len(w)))
    some_word_begins_nothing = any(c == 0 for c in counts.values())
    if words and not enough() and whole.issuperset(words):
        alternatives = [([w], Mode.WORD) for w in by_rarity]
        run(Level.EXACT, alternatives, _word_stage(conn, alternatives, cap, ordered=True))
    # An identifier (a word with digits: an email's "schafer69", a booking reference) found as
    # typed: the guests it names are here, and substring and typo matches of the rest would
    # only add strangers ("schafer69" is two typos from every Schafer), at up to 10 ms at 1M.
    identified = bool(found) and any(ch.isdigit() for w in words for ch in w)
    if words and not enough() and not some_word_begins_nothing:
        common_drive = counts.get(by_rarity[0], 0) >= PROBE
        alternatives = [([w], Mode.PREFIX) for w in by_rarity]
        stage = _word_stage(conn, alternatives, cap, ordered=True, common_drive=common_drive)
        run(Level.PREFIX, alternatives, stage)
    if words and not enough() and not identified and (alternatives := substring_alternatives(words)):
        common = {w for w, c in counts.items() if c >= PROBE}
        run(Level.SUBSTRING, alternatives, _substring_stage(conn, by_rarity, common, cap))
    if words and not enough() and not identified:
        longest_first = sorted(words, key=len, reverse=True)
        if alternatives := fuzzy_alternatives(vocabulary(session), longest_first):
            run(Level.FUZZY, alternatives, _word_stage(conn, alternatives, cap))
    arrivals = arriving_on(session, today)
    if arrivals.ids:
        _add_arriving(found, arrivals, tried)
    return _ranked(found, arrivals.guests, limit) if found else []
