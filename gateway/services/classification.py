"""The Proper Officer's reclassification of a document: stored with reasons, audited in the same commit."""

from sqlalchemy.orm import Session

from gateway.domain import reclassification
from gateway.domain.audit import Entry
from gateway.domain.errors import InputError
from gateway.services.outcomes import InvalidField, NotFound
from gateway.services.unit import audited_change


def reclassify(gw, session: Session, officer_id: str, document_id: str, *, exempt_paragraphs, party_group, flags,
               needs_review=False, reasons: str) -> dict:
    """Declares the document's classification; returns the effective classification it now has."""
    try:
        with audited_change(gw.audit, session) as records:
            changed = reclassification.reclassify(
                session, document_id, exempt_paragraphs=exempt_paragraphs, party_group=party_group, flags=flags,
                needs_review=needs_review, reasons=reasons, by=officer_id)
            records.append(Entry("reclassified", actor=officer_id, document=document_id,
                                 detail={"before": changed["before"], "after": changed["after"],
                                         "reasons": changed["reclassification"]["reasons"]}))
    except reclassification.UnknownDocument:
        raise NotFound() from None
    except InputError as exc:
        raise InvalidField(exc.field or "classification", exc.problem) from None
    gw.index.update(gw, [document_id])
    return changed["after"]
