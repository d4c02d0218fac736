"""The linker: which people, organisations, events, regions and topics of the directory an
article mentions, by the house rules of LINKING.md (issue 15).

Every name of the directory (names in each language, aliases, acronyms, people's titles)
is cut into tokens, each token made a key (`token_keys`), and the keys of each name
joined into one string of an Aho-Corasick automaton. An article is cut into tokens the
same way, each token given the one of its keys the directory uses, and the automaton
finds every name in one pass. What is found is then weighed by the rules:

- a key ignores case, except an acronym's (UN, OIC, IsDB: a word of at most eight letters
  with two or more capitals), which keeps its capitals; every dash is one token, quotes
  and apostrophes are none, but part words: "Lavrov's" holds "Lavrov";
- a Cyrillic word's key is its lemma (pymorphy3), so "Казани" finds "Казань";
- names of people, organisations, events and regions overlapping one another: the
  longest wins (`longest_first`); a name that is part of a longer proper name outside
  the directory ("Kazan Federal University", "Bank of Russia") names nothing
  (`inside_a_longer_name`);
- titles name the people who held them on the dateline, and leave the names inside them
  be ("Rais of Tatarstan" mentions Tatarstan); topics are lexical: every occurrence
  counts, also inside other names;
- a name shared by several entries names the one the rest of the article names, or
  that alone held a title on the dateline, or nobody (`resolve`).
"""

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import unescape
from itertools import islice, product

import ahocorasick
import pymorphy3
from modeltranslation.utils import build_localized_fieldname

# The directory's kinds, in the order `suggest_links` prints them.
KINDS = ("person", "organisation", "event", "region", "topic")
# The kinds whose names are atomic: the longest of overlapping names wins.
NAMED_KINDS = ("person", "organisation", "event", "region")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the linker knows of one entity of the directory."""

    kind: str  # one of KINDS
    key: str  # the directory's id ("person:sergey-lavrov"); "<kind>:<slug>" for others
    names: tuple[str, ...]  # its name in every language, aliases, an acronym
    # People only: (title, from, to), either date None when open.
    titles: tuple[tuple[str, datetime.date | None, datetime.date | None], ...] = ()
    pk: int | None = None  # the entity's primary key, None outside the database

    def holds(self, title_index: int, date: datetime.date) -> bool:
        _, start, end = self.titles[title_index]
        return (start is None or start <= date) and (end is None or date <= end)


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of an article the linker reads: "headline", "standfirst", "body", "byline",
    "hero_credit" (its picture's credit)."""

    field: str
    text: str


@dataclass(slots=True)
class Mention:
    """An entry an article mentions, with the words that show it and where they are."""

    entry: Entry
    words: list[str] = field(default_factory=list)  # distinct, as written, names first
    positions: list[tuple[str, int, int]] = field(default_factory=list)  # (field, start, end)


# --- tokens and their keys -----------------------------------------------------------------

# Combining marks (accents, Arabic vowel signs and tatweel) are part of a word but not of
# its key: "Казань" with a stress mark, or Arabic with its vowels written, is one name.
MARKS = "\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u0640"
STRIP_MARKS = re.compile(f"[{MARKS}]")
DASHES = "-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
QUOTES = "\"'`\u00ab\u00bb\u00b4\u2018-\u201f\u2039\u203a\u2032\u2033\u300c-\u300f\uff02\uff07"
TOKEN = re.compile(
    rf"(?P<word>(?:[^\W_]|[{MARKS}])+)|(?P<dash>[{DASHES}])|(?P<quote>[{QUOTES}])|(?P<mark>\n|[^\s])"
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A Cyrillic acronym takes case endings in lower case: "МИДа" is "МИД".
INFLECTED_ACRONYM = re.compile(r"([А-ЯЁ]{2,})[а-яё]{1,3}")
# A line break (between paragraphs) ends a sentence too.
SENTENCE_END = frozenset(".!?;…\n")
ACRONYM = "\x02"  # starts an acronym's key, which keeps its capitals
APART = " \x03 "  # between segments: no name spans two


@cache
def morphology():
    return pymorphy3.MorphAnalyzer()


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) <= 8 and sum(c.isupper() for c in letters) >= 2


def plain(word: str) -> str:
    return STRIP_MARKS.sub("", unicodedata.normalize("NFC", word)).replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """A Cyrillic word's lemmas, likeliest first."""
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in morphology().parse(word)))


@lru_cache(maxsize=200_000)
def nominative_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of a word of a directory name: those it has as a nominative if any
    ("Лавров" is the surname, not laurels in the genitive), else all of them."""
    parses = morphology().parse(word)
    nominative = [p for p in parses if "nomn" in p.tag]
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in nominative or parses))


def name_keys(word: str) -> tuple[str, ...]:
    """The keys a word of a directory name may have; more than one only for a Cyrillic
    word the morphology reads in several ways."""
    word = plain(word)
    if is_acronym(word):
        return (ACRONYM + word,)
    if CYRILLIC.search(word):
        return nominative_lemmas(word.casefold())
    return (word.casefold(),)


@lru_cache(maxsize=200_000)
def text_keys(word: str) -> tuple[str, ...]:
    """The keys a word of an article may have, the likeliest first."""
    word = plain(word)
    keys = []
    if is_acronym(word):
        keys.append(ACRONYM + word)
        inflected = INFLECTED_ACRONYM.fullmatch(word)
        if inflected:
            keys.append(ACRONYM + inflected.group(1))
    folded = word.casefold()
    if CYRILLIC.search(word):
        keys.extend(lemmas(folded))
    keys.append(folded)
    return tuple(dict.fromkeys(keys))


@dataclass(slots=True)
class Token:
    kind: str  # word, dash, quote or mark
    text: str
    segment: int
    start: int
    end: int
    key: str = ""
    title_case: bool = False  # in a segment that Capitalises Every Word

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[0].isupper()


def tokenise(text: str, segment: int = 0) -> list[Token]:
    return [
        Token(match.lastgroup, match.group(), segment, match.start(), match.end())
        for match in TOKEN.finditer(text)
    ]


def keys_of_name(name: str) -> list[str]:
    """The automaton's strings for a directory name: one, or a few where a Cyrillic word
    reads in several ways."""
    choices = []
    for token in tokenise(name):
        if token.kind == "word":
            choices.append(name_keys(token.text))
        elif token.kind == "dash":
            choices.append(("-",))
        elif token.kind == "mark":
            choices.append((token.text,))
    if not choices:
        return []
    return [" " + " ".join(keys) + " " for keys in islice(product(*choices), 8)]


# --- longer names around a name ------------------------------------------------------------

# The last word of the proper name of an organisation, institution, building, landmark or
# event: a directory name next to one is only part of that longer name. Not people's
# titles, awards, documents or topics, which leave the names in them be.
HEADS = frozenset(
    """
    academy administration agency airline airlines airport airways arena assembly
    association authority bank board boulevard bridge bureau cabinet canal castle cathedral
    center centre championship chamber church circuit citadel club college commission
    committee company complex conference congress consulate corporation council court day
    department directorate duma embassy embankment exchange exhibition expo factory fair
    festival fortress forum foundation fund games gate government group hall holding
    hospital hotel institute island kremlin lake library mall market marathon memorial metro
    ministry monument mosque museum office olympiad palace park parliament plant plaza
    port prospect railway railways river school secretariat senate service society square
    stadium station street summit synagogue temple theater theatre tournament tower
    university union week zoo
    академия администрация агентство арена ассамблея ассоциация аэропорт банк библиотека
    биржа больница вокзал выставка гимназия госсовет гостиница группа департамент дворец
    дума завод игры институт кабинет клуб колледж комиссия комитет компания конгресс
    конференция консульство корпорация кремль крепость лицей мечеть министерство миссия
    монастырь мост музей набережная неделя общество отель палата парк парламент партия
    площадь порт посольство правительство представительство проспект саммит служба собор
    собрание совбез совет союз стадион суд съезд театр турнир улица университет управление фестиваль
    фонд форум храм центр церковь чемпионат школа ярмарка
    """.split()
)
# Words between a name and the head of a longer name it is part of, read where every word
# is capitalised: "Kazan State Medical University", "Tatarstan Investment Development
# Agency".
NAME_WORDS = frozenset(
    """
    academic administrative agricultural arbitration central chemical climate commercial
    constitutional cultural development economic educational energy environmental
    executive federal financial foreign general grand great human industrial international
    investment islamic legislative medical municipal national new north northern oil gas
    olympic pedagogical presidential public regional research rights scientific security
    social south southern sports state supreme technical technological trade united world
    youth
    """.split()
)
# Capitalised words after a place that do not make it part of a longer name: titles
# ("Kazan Mayor"), days and months, documents and awards (which leave names be).
NOT_PART_OF_A_NAME = frozenset(
    """
    ambassador archbishop bishop chairman chairwoman chief commander consul crown deputy
    director emir envoy foreign governor head imam king leader mayor minister mufti
    patriarch premier president prime prince princess queen rais rector representative
    secretary senator sheikh speaker spokesman spokeswoman sultan
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    accord act agreement award charter code concept constitution convention declaration
    law medal memorandum order pact prize resolution strategy treaty
    """.split()
)
# Words before a place that make it one: "in Russia Islam", "to Kazan Monday".
PREPOSITIONS = frozenset(
    """
    about across after against along among and around at before behind below beneath
    beside between beyond by despite during for from in inside into near of off on onto or
    outside over past since through throughout to toward towards under until via with within
    """.split()
)
# Words before a place that are a person's, not part of a name: "Mr Putin" is no place,
# but "President Tatarstan" is never written.
HONORIFICS = frozenset("mr mrs ms dr prof sheikh sir".split())
# Function words that start a sentence capitalised without starting a name.
STOPWORDS = frozenset(
    "a an and as at by for from in into of on or our the their this that these those to "
    "with within its his her "
    "а в во для до за и из к ко на над о об от по под при с со у".split()
)
CONNECTORS = frozenset({"of", "the", "and", "for"})
MAX_RUN = 4


# Heads that end words of their own: Sberbank, Сбербанк, Госдума, технопарк.
COMPOUND_HEADS = ("bank", "банк", "дума", "совет", "союз", "фонд", "парк", "завод", "центр")


@lru_cache(maxsize=100_000)
def is_head(word: str) -> bool:
    candidates = lemmas(word) if CYRILLIC.search(word) else (word,)
    return any(w in HEADS or w.endswith(COMPOUND_HEADS) for w in candidates)


def head_word(token: Token) -> bool:
    return token.kind == "word" and is_head(plain(token.text).casefold())


# --- the directory as an automaton ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """One name of the automaton: whose, and whether it is a title (its index) or not."""

    entry: int
    title: int | None = None


@dataclass(slots=True)
class Match:
    first: int  # token indices, inclusive
    last: int
    names: list[Name]

    def overlaps(self, other) -> bool:
        return self.first <= other.last and other.first <= self.last

    def within(self, other) -> bool:
        return other.first <= self.first and self.last <= other.last


class Linker:
    """An automaton over every name of `entries`, built once."""

    def __init__(self, entries):
        self.entries = list(entries)
        # Each person's titles as key words, for "Foreign Minister" before "Lavrov".
        self.title_words = defaultdict(list)
        names = defaultdict(list)
        for number, entry in enumerate(self.entries):
            for name in dict.fromkeys(entry.names):
                for key in keys_of_name(name):
                    names[key].append(Name(number))
            for index, (title, _, _) in enumerate(entry.titles):
                keys = keys_of_name(title)
                for key in keys:
                    names[key].append(Name(number, index))
                if keys:
                    self.title_words[number].append(keys[0].split())
        self.vocabulary = {word for key in names for word in key.split()}
        self.automaton = ahocorasick.Automaton()
        for key, found in names.items():
            self.automaton.add_word(key, (key.count(" ") - 1, tuple(dict.fromkeys(found))))
        if names:
            self.automaton.make_automaton()

    def link(self, segments, dateline: datetime.date) -> list[Mention]:
        """The entries the segments mention, in the order of their first mention."""
        tokens = []
        for number, segment in enumerate(segments):
            part = tokenise(segment.text, number)
            if title_cased(part):
                for token in part:
                    token.title_case = True
            tokens.extend(part)
        matches = self.find(tokens)
        named, titles, topics = [], [], []
        for match in matches:
            # A name shared by a topic and another kind counts as both: topics are lexical.
            by_name = [n for n in match.names if n.title is None]
            for layer, names in (
                (named, [n for n in by_name if self.entries[n.entry].kind in NAMED_KINDS]),
                (topics, [n for n in by_name if self.entries[n.entry].kind == "topic"]),
            ):
                if names:
                    layer.append(Match(match.first, match.last, names))
            listed = [n for n in match.names if n.title is not None]
            if listed:
                held = [n for n in listed if self.entries[n.entry].holds(n.title, dateline)]
                titles.append(Match(match.first, match.last, held))
        named = longest_first(named)
        covered = {index for match in named for index in range(match.first, match.last + 1)}
        named = [
            match
            for match in named
            # A name inside a title is a mention, whatever the title is part of: "the
            # press service of the Rais of Tatarstan" mentions Tatarstan.
            if any(match.within(title) for title in titles)
            or not inside_a_longer_name(
                tokens,
                match,
                covered,
                place=all(self.entries[n.entry].kind == "region" for n in match.names),
            )
        ]
        titles = [
            match
            for match in longest_first(titles)
            if match.names
            and not any(match.within(name) for name in named)
            and not another_role(tokens, match)
        ]
        found = resolve(self, tokens, named + topics, titles, dateline)
        return mentions(self.entries, segments, tokens, found)

    def find(self, tokens) -> list[Match]:
        """Every directory name among the tokens, in the order they start."""
        parts, order, starts = [" "], [], {}
        offset, segment = 1, None
        for index, token in enumerate(tokens):
            if token.kind == "quote":
                continue
            if token.kind == "word":
                keys = text_keys(token.text)
                token.key = next((key for key in keys if key in self.vocabulary), keys[-1])
            else:
                token.key = "-" if token.kind == "dash" else token.text
            if segment is not None and token.segment != segment:
                parts.append(APART[1:])
                offset += len(APART) - 1
            segment = token.segment
            starts[offset] = len(order)
            order.append(index)
            parts.append(token.key + " ")
            offset += len(token.key) + 1
        if not len(self.automaton):
            return []
        text = "".join(parts)
        matches = []
        for end, (length, names) in self.automaton.iter(text):
            # `end` is the name's closing space; its last token starts after the space
            # before, its first `length - 1` tokens before that.
            last = starts[text.rfind(" ", 0, end) + 1]
            matches.append(Match(order[last - length + 1], order[last], list(names)))
        matches.sort(key=lambda match: (match.first, match.last))
        return matches


def longest_first(matches) -> list[Match]:
    """Of overlapping matches, the longest (then the first); the others drop out."""
    kept = []
    for match in sorted(matches, key=lambda m: (m.first - m.last, m.first)):
        if not any(match.overlaps(other) for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.first)


def inside_a_longer_name(tokens, match, named, place=False) -> bool:
    """Whether the name matched is only part of a longer proper name that is not in the
    directory: "Kazan Federal University", "Kazan Kremlin", "Bank of Russia", "Банк
    России", the forum «Russia – Islamic World»."""
    return (
        followed_by_a_head(tokens, match, named, place)
        or after_a_head(tokens, match)
        or ends_a_longer_name(tokens, match, named, place)
        or in_quoted_name(tokens, match)
    )


def neighbour(tokens, index, step):
    """The next token from `index` in direction `step` that is not a quote, in the same
    segment, or None."""
    segment = tokens[index].segment
    index += step
    while 0 <= index < len(tokens) and tokens[index].segment == segment:
        if tokens[index].kind != "quote":
            return index
        index += step
    return None


def followed_by_a_head(tokens, match, named, place) -> bool:
    """ "Kazan Federal University", "Russia–Africa Summit": capitalised words (or a dash
    and one) run on from the name to a head. A place followed by a capitalised word that
    is no name, title or date, where no preposition makes it a place ("Kazan Helicopters
    delivered", "Russia Today reported"), is the start of a longer name too."""
    index = match.last
    if place and starts_a_name(tokens, match, named):
        return True
    for _ in range(MAX_RUN):
        index = next_token(tokens, index, 1)
        if index is not None and tokens[index].kind == "dash":
            index = next_token(tokens, index, 1)
        if index is None:
            return False
        token = tokens[index]
        if not token.capitalised:
            return False
        if head_word(token):
            return True
        if token.title_case and plain(token.text).casefold() not in NAME_WORDS:
            # In a headline Every Word Is Capitalised: the run to a head goes through
            # words that make up names only ("UN General Assembly").
            return False
    return False


def starts_a_name(tokens, match, named) -> bool:
    after = next_token(tokens, match.last, 1)
    if after is None or after in named:
        return False
    token = tokens[after]
    if not token.capitalised or token.title_case or CYRILLIC.search(token.text):
        return False
    if plain(token.text).casefold() in NOT_PART_OF_A_NAME:
        return False
    before = next_token(tokens, match.first, -1)
    return before is None or tokens[before].text.casefold() not in PREPOSITIONS


def next_token(tokens, index, step):
    """The neighbouring token, quotes included (a quote ends a run of words)."""
    segment = tokens[index].segment
    index += step
    if 0 <= index < len(tokens) and tokens[index].segment == segment:
        return index
    return None


def after_a_head(tokens, match) -> bool:
    """ "Bank of Russia", "Government of the Republic of Tatarstan", "Банк России",
    "Министерство иностранных дел России": a capitalised head before, joined by "of"
    (English) or by the genitive (Russian)."""
    index = match.first
    cyrillic = bool(CYRILLIC.search(tokens[match.first].text))
    if cyrillic:
        if not genitive(tokens[match.first]):
            return False
        for _ in range(5):
            index = next_token(tokens, index, -1)
            if index is None or tokens[index].kind != "word":
                return False
            if tokens[index].text == "и":
                # "Министерство промышленности и торговли Республики Татарстан".
                continue
            if head_word(tokens[index]):
                return starts_with_a_capital(tokens, index)
            if not genitive(tokens[index]):
                # A word that is no part of a name in the genitive: a title ("Президент
                # Республики Татарстан"), a verb or a preposition ("Форум прошёл в Казани").
                return False
        return False
    for _ in range(8):
        index = next_token(tokens, index, -1)
        if index is None or tokens[index].kind != "word":
            return False
        token = tokens[index]
        word = token.text.casefold()
        if word in CONNECTORS:
            continue
        if not token.capitalised:
            return False
        if head_word(token):
            return tokens[next_token(tokens, index, 1)].text.casefold() == "of"
    return False


def starts_with_a_capital(tokens, head) -> bool:
    """Whether the Russian name a head word is in starts with a capital, at the head or at
    the adjectives before it: "Банк России", "Международный исламский университет
    Малайзии", "Торгово-промышленная палата", not "крупнейший банк России"."""
    index = head
    for _ in range(4):
        token = tokens[index]
        if token.capitalised:
            return True
        index = next_token(tokens, index, -1)
        if index is None:
            return False
        if tokens[index].kind == "dash":
            # The first half of a compound adjective: "Торгово-".
            index = next_token(tokens, index, -1)
            if index is None or tokens[index].kind != "word":
                return False
            if tokens[index].capitalised:
                return True
        if tokens[index].kind != "word" or not adjective(tokens[index]):
            return False
    return False


@lru_cache(maxsize=100_000)
def adjective_word(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morphology().parse(word))


def adjective(token: Token) -> bool:
    return adjective_word(plain(token.text).casefold())


@lru_cache(maxsize=100_000)
def genitive_word(word: str) -> bool:
    return any(
        "gent" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in morphology().parse(word)
    )


def genitive(token: Token) -> bool:
    """Whether a Cyrillic word may be a noun or adjective in the genitive, as the words
    after the head of a Russian name are ("Министерство иностранных дел России")."""
    return genitive_word(plain(token.text).casefold())


def ends_a_longer_name(tokens, match, named, place) -> bool:
    """A capitalised word before the name that starts no sentence and is not a function
    word, where the name ends in a head ("Kazan Kremlin": then the word may be a name
    itself) or is a place ("WorldSkills Kazan", "Central Asia")."""
    index = next_token(tokens, match.first, -1)
    if index is None:
        return False
    token = tokens[index]
    if not token.capitalised or token.text.casefold() in STOPWORDS:
        return False
    if head_word(tokens[match.last]):
        return not starts_a_sentence(tokens, index) or index in named
    # Russian capitalises titles before a place ("Раис Татарстана"): Latin script only.
    return (
        place
        and not CYRILLIC.search(token.text)
        and not token.title_case
        and not starts_a_sentence(tokens, index)
        and index not in named
        and plain(token.text).casefold() not in HONORIFICS
    )


def starts_a_sentence(tokens, index) -> bool:
    before = neighbour(tokens, index, -1)
    return before is None or tokens[before].text in SENTENCE_END


def in_quoted_name(tokens, match) -> bool:
    """ "Russia" in «Russia – Islamic World» naming a forum: a short quotation of a name,
    Title Cased or following a head or another name, and longer than the name itself."""
    opening = quote_near(tokens, match.first, -1)
    closing = quote_near(tokens, match.last, 1)
    if opening is None or closing is None:
        return False
    words = [t for t in tokens[opening + 1 : closing] if t.kind == "word"]
    others = [
        t
        for i, t in enumerate(tokens[opening + 1 : closing], start=opening + 1)
        if t.kind == "word" and not match.first <= i <= match.last
    ]
    if all(t.text.casefold() in STOPWORDS for t in others):
        # Nothing but the name, or "the" and the name: a quotation of the name itself.
        return False
    # Russian capitalises a name's first word only: there, only a head before counts.
    if not CYRILLIC.search(tokens[match.first].text) and (
        sum(word.capitalised for word in words) * 2 >= len(words) + 1
    ):
        return True
    before = next_token(tokens, opening, -1)
    return before is not None and head_word(tokens[before])


def quote_near(tokens, index, step):
    """The first quote within eight tokens of `index` in direction `step`, in the same
    sentence, or None."""
    for _ in range(8):
        index = next_token(tokens, index, step)
        if index is None or tokens[index].text in SENTENCE_END:
            return None
        if tokens[index].kind == "quote":
            return index
    return None


def title_cased(tokens) -> bool:
    """Whether a segment Capitalises Every Word (but short ones), as some headlines do,
    or is in capitals: then capitals say nothing of where a name ends."""
    words = [t for t in tokens if t.kind == "word" and len(t.text) > 3]
    return len(words) >= 3 and all(t.capitalised for t in words)


# Words before a title that make it another role, or another time's holder: "Deputy
# Foreign Minister of Russia", "former President of Tatarstan".
NOT_THE_HOLDER = frozenset(
    """
    acting adviser advisor aide assistant deputy erstwhile ex first former founding late
    previous then vice
    бывший вице врио заместитель замминистра зам исполняющий первый помощник покойный
    прежний советник экс
    """.split()
)


def another_role(tokens, match) -> bool:
    index = next_token(tokens, match.first, -1)
    if index is not None and tokens[index].kind == "dash":
        index = next_token(tokens, index, -1)
    return (
        index is not None
        and tokens[index].kind == "word"
        and plain(tokens[index].text).casefold() in NOT_THE_HOLDER
    )


def resolve(linker, tokens, named, titles, dateline):
    """The entry each match names: [(match, entry number, by title)]. A name shared by
    several entries names the one the rest of the article names alone, else the one a
    title just before it belongs to ("Foreign Minister Lavrov"), else the only one
    holding a title on the dateline where all have titles, else nobody."""
    certain = {
        match.names[0].entry
        for match in named + titles
        if len({name.entry for name in match.names}) == 1
    }
    found = []
    for match, by_title in [(m, False) for m in named] + [(m, True) for m in titles]:
        candidates = list(dict.fromkeys(name.entry for name in match.names))
        if len(candidates) > 1:
            candidates = decided_by_context(linker, tokens, match, candidates, certain, dateline)
        if len(candidates) == 1:
            found.append((match, candidates[0], by_title))
    return found


def decided_by_context(linker, tokens, match, candidates, certain, dateline) -> list[int]:
    named_elsewhere = [c for c in candidates if c in certain]
    if len(named_elsewhere) == 1:
        return named_elsewhere
    before = words_before(tokens, match)
    titled = [
        c
        for c in candidates
        if any(ends_with_a_part_of(title, before) for title in linker.title_words.get(c, ()))
    ]
    if len(titled) == 1:
        return titled
    entries = linker.entries
    if all(entries[c].titles for c in candidates):
        holding = [
            c
            for c in candidates
            if any(entries[c].holds(i, dateline) for i in range(len(entries[c].titles)))
        ]
        if len(holding) == 1:
            return holding
    return []


def words_before(tokens, match, count=4) -> list[str]:
    """The keys of the words just before a match, up to `count`, in order."""
    before, index = [], match.first
    for _ in range(count):
        index = next_token(tokens, index, -1)
        if index is None or tokens[index].kind != "word":
            break
        before.insert(0, tokens[index].key)
    return before


def ends_with_a_part_of(title: list[str], before: list[str]) -> bool:
    """Whether the words `before` end with the last words of a title: "Foreign
    Minister" before "Lavrov" ends "Russian Foreign Minister"."""
    return any(
        title[-size:] == before[-size:] for size in range(min(len(title), len(before)), 0, -1)
    )


def mentions(entries, segments, tokens, found) -> list[Mention]:
    """The mentions in the order of their first words; each one's words in the order
    they occur, names before titles."""
    spans = defaultdict(list)
    for match, number, by_title in found:
        first, last = tokens[match.first], tokens[match.last]
        spans[number].append((by_title, first.segment, first.start, last.end))
    result = []
    for number, found_spans in spans.items():
        mention = Mention(entries[number])
        for _by_title, segment, start, end in sorted(found_spans):
            text = segments[segment].text[start:end]
            if text not in mention.words:
                mention.words.append(text)
            mention.positions.append((segments[segment].field, start, end))
        first_seen = min((segment, start) for _, segment, start, _ in found_spans)
        result.append((first_seen, mention))
    return [mention for _, mention in sorted(result, key=lambda pair: pair[0])]


def by_kind(mentions) -> dict[str, dict[str, list[str]]]:
    """`suggest_links --json`'s shape: {kind: {key: [words]}} for every kind."""
    result = {kind: {} for kind in KINDS}
    for mention in mentions:
        result[mention.entry.kind][mention.entry.key] = list(mention.words)
    return result


# --- articles and the database's directory -------------------------------------------------

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|pre|div)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def text_of(rich_text: str) -> str:
    """Rich text as plain text, its paragraphs apart."""
    text = unescape(TAG.sub("", BLOCK_END.sub("\n\n", rich_text or "")))
    return "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())


def segments_of(article) -> list[Segment]:
    """The parts of `article` the linker reads, as plain text: the headline, standfirst,
    body, byline and photo credit (the dateline names nobody)."""
    return [
        Segment("headline", article.headline or ""),
        Segment("standfirst", article.standfirst or ""),
        Segment("body", text_of(article.body)),
        Segment("byline", article.byline or ""),
        Segment("hero_credit", credit_of(article)),
    ]


def credit_of(article) -> str:
    """The credit of the article's picture, as readers of its language are told it."""
    image = article.hero_image
    if image is None:
        return ""
    own = getattr(image, build_localized_fieldname("credit", article.language), None)
    return own or image.credit or ""


_linker = {"revision": None, "linker": None}


def directory_linker() -> Linker:
    """The linker over the database's directory, built once per process and again when
    the directory has changed since (one query to know)."""
    from articles import directory

    revision = directory.directory_revision()
    if _linker["linker"] is None or _linker["revision"] != revision:
        _linker["linker"] = Linker(directory.entries())
        _linker["revision"] = revision
    return _linker["linker"]


def mentions_in(article) -> list[Mention]:
    """What a saved or unsaved article mentions of the database's directory. Positions
    are offsets in `segments_of(article)`'s texts."""
    dateline = article.dateline or datetime.date.today()
    return directory_linker().link(segments_of(article), dateline)
