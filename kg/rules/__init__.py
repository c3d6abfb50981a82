"""kg's rule data: trigger lexicons and Matcher patterns kept as JSON files.

Adding an event kind or a trigger is editing these files, not the code that applies them.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KGError

__all__ = ["load_rules"]

ALLOWED_KEYS: dict[str, set[str]] = {
    "meetings": {"description", "triggers", "subtype_precedence", "definite_determiners", "postponing_verbs", "on_topic_verbs", "addressing_verbs", "attendee_nouns", "occurrence_verbs", "timing_verbs", "object_control_nouns", "object_nouns", "anaphoric_nouns",
                 "agreement_nouns", "status", "event_name_heads", "mechanism_words", "repeat_words", "hospitality_nouns", "honour_nouns", "invitation_verbs", "receiving_verbs", "thanking_verbs", "ongoing_words", "vague_past_words", "frame_nouns", "frame_preps", "status_verbs", "multilateral_words", "group_nouns",
                 "delegation_nouns", "person_nouns", "participation_verbs", "courtesy_words",
                 "habitual_words", "object_control_verbs", "outside_preps", "distributive_nouns", "host_nouns",
                 "distributive_words"},
    "statements": {"description", "triggers", "content_cues", "kinds", "precedence", "speaker_nouns",
                   "joint_verbs", "intention_verbs", "communication_verbs", "agenda_verbs", "excluded_speakers_types", "news_verbs",
                   "addressee_verbs", "partial_quantifiers"},
    "titles": {"description", "titles", "portfolios", "portfolio_titles", "ranks", "principal", "leaders", "gendered", "royal", "postnominals", "generic_speakers", "former", "honorifics", "styles", "single_holders", "side_frames", "former_clause_words"},
    "organizations": {"description", "heads", "organizations", "ministries", "instruments", "membership_ending_verbs", "missions"},
    "publishers": {"description", "domains", "government_suffixes", "headers", "header_openings", "absent_offices"},
    "venues": {"description", "venues", "place_nouns"},
    "names": {"description", "greetings", "opening_verbs", "formal_states", "hyphenated_syllable",
              "administrative_heads", "headline_verbs"},
    "dates": {"description", "days", "weeks", "months", "day_parts", "month_parts", "week_starts"},
}
TRIGGER_KEYS = {"id", "pattern", "subtype", "kind", "cameo", "plover", "requires_place", "requires_with",
                "object_is_person", "object_is_body", "requires_agreement", "requires_event_object", "object_is_event", "trigger_last", "place_preps",
                "courtesy", "not_with_deps"}


@lru_cache(maxsize=None)
def load_rules(name: str) -> dict[str, Any]:
    """Load ``kg/rules/NAME.json``, rejecting keys the code does not know.

    Examples
    --------
    >>> sorted(load_rules("statements")["kinds"])[:3]
    ['agree', 'criticize', 'demand']
    """
    if name not in ALLOWED_KEYS:
        raise KGError(f"unknown rule file {name!r}; expected one of {', '.join(sorted(ALLOWED_KEYS))}")
    path = resources.files("kg.rules") / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return check_rules(name, data, where=str(path))


def check_rules(name: str, data: dict[str, Any], *, where: str) -> dict[str, Any]:
    """Reject unknown keys in a rule file, naming the file, the key and the allowed ones."""
    unknown = set(data) - ALLOWED_KEYS[name]
    if unknown:
        raise KGError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: {', '.join(sorted(ALLOWED_KEYS[name]))}")
    for trigger in data.get("triggers", []):
        bad = set(trigger) - TRIGGER_KEYS
        if bad:
            raise KGError(f"{where}: trigger {trigger.get('id')!r} has unknown key {sorted(bad)[0]!r}; "
                          f"allowed: {', '.join(sorted(TRIGGER_KEYS))}")
        if not trigger.get("id") or not isinstance(trigger.get("pattern"), list):
            raise KGError(f"{where}: every trigger needs an 'id' and a 'pattern' list")
    return data
