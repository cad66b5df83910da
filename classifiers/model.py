"""The classifiers' inputs and outputs: plain frozen dataclasses, no behaviour beyond JSON."""

from __future__ import annotations

from dataclasses import dataclass

MONITORING_OFFICER_CORRESPONDENCE = "monitoring_officer_correspondence"
EMPLOYEE_MATTER = "employee_matter"
THIRD_PARTY_PERSONAL_DATA = "third_party_personal_data"
CONTRACT_TERMS = "contract_terms"

EVIDENCE_TEXT_LIMIT = 200


@dataclass(frozen=True)
class Evidence:
    """One reason for a label: the supporting text, its 1-based page and the check that fired."""

    label: str
    text: str
    page: int
    check: str

    def to_json(self) -> dict:
        return {"label": self.label, "text": self.text, "page": self.page, "check": self.check}

    @classmethod
    def from_json(cls, data: dict) -> Evidence:
        """The inverse of to_json; ValueError for anything else."""
        found = cls(data["label"], data["text"], data["page"], data["check"])
        if not (_all(str, found.label, found.text, found.check) and _all(int, found.page)):
            raise ValueError("evidence: label, text and check must be text and page a number")
        return found


@dataclass(frozen=True)
class GroupName:
    id: str
    names: tuple[str, ...]  # the group's name and aliases
    members: tuple[str, ...] = ()  # its councillors' names and e-mail addresses: who writes to whom

    @classmethod
    def from_council(cls, group: dict, members: list[dict]) -> GroupName:
        """A council file's group entry, with the names and addresses of the members whose `group` it is."""
        own = [m for m in members if m.get("group") == group["id"]]
        people = tuple(value for m in own for value in (m.get("name"), m.get("email")) if value)
        return cls(group["id"], (group["name"], *(group.get("aliases") or [])), people)


@dataclass(frozen=True)
class MatterKeywords:
    id: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Classification:
    exempt_paragraphs: tuple[int, ...]  # England numbering, sorted, unique
    party_group: str | None  # the group id when groups were given; else the group name found
    flags: tuple[str, ...]  # sorted
    confidence: float  # 0..1
    needs_review: bool
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict:
        return {
            "exempt_paragraphs": list(self.exempt_paragraphs),
            "party_group": self.party_group,
            "flags": list(self.flags),
            "confidence": self.confidence,
            "needs_review": self.needs_review,
            "evidence": [item.to_json() for item in self.evidence],
        }

    @classmethod
    def from_json(cls, data: dict) -> Classification:
        """The inverse of to_json (labels made in another process); ValueError for anything else."""
        try:
            found = cls(tuple(data["exempt_paragraphs"]), data["party_group"], tuple(data["flags"]),
                        float(data["confidence"]), data["needs_review"],
                        tuple(Evidence.from_json(item) for item in data["evidence"]))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"classification: {exc!r}") from None
        if not (_all(int, *found.exempt_paragraphs) and _all(str, *found.flags) and _all(bool, found.needs_review)
                and (found.party_group is None or isinstance(found.party_group, str))):
            raise ValueError("classification: a field has the wrong type")
        return found


def _all(kind: type, *values) -> bool:
    return all(isinstance(v, kind) and (kind is bool or not isinstance(v, bool)) for v in values)
