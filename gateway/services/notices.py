"""Notices by e-mail: composed and queued in the transaction of what they tell; sent from the outbox by
`gateway notify` through SMTP (Python's smtplib) with the GATEWAY_SMTP_* settings.

A notice never carries document content, reasons or the member's stated need: only titles the recipient
may see, dates, and a link to the page that shows the rest after sign-in.
"""

import smtplib
import ssl
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain import notices, referrals, reviews
from gateway.domain.audit import Entry
from gateway.domain.clock import london_date, utcnow
from gateway.domain.models import CouncilSettings, Document, Member, Notice, Referral
from gateway.services.unit import audited_change

SIGN_OFF = "\n\nThis notice carries no document content: sign in to the council document gateway to see more."


def _link(gw, path: str) -> str:
    base = gw.settings.base_url
    return f"{base}{path}" if base else path


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _member_title(gw, session: Session, member_id: str, document_id: str,
                  unseen: str = "a document you asked for") -> str:
    """The document's title where the member may discover it; otherwise no title at all."""
    facts = FactSource(session)
    doc = facts.document(document_id)
    try:
        sub = gw.access.subject(facts, member_id)
    except LookupError:
        return unseen
    if doc is None or gw.access.evaluate(facts, sub, doc, make_request("discover")).visibility == "hidden":
        return unseen
    return f"“{doc.title}”"


def holders_concerned(session: Session, document_id: str, asker_id: str) -> list[Member]:
    """The Cabinet member holding the document's portfolio and the chair of its committee (004:5.3),
    where the council has switched on telling them; never the member who asked."""
    council, doc = session.get(CouncilSettings, 1), session.get(Document, document_id)
    if council is None or not council.tell_holders_of_requests or doc is None:
        return []
    found = {}
    for member in session.scalars(select(Member).order_by(Member.id)):
        holds = doc.portfolio_id is not None and doc.portfolio_id in (member.portfolio_holder or [])
        chairs = doc.committee_id is not None and any(
            s.committee_id == doc.committee_id and s.role == "chair" for s in member.seats)
        if (holds or chairs) and member.id != asker_id:
            found[member.id] = member
    return list(found.values())


def _tell_holders(gw, session: Session, referral: Referral, event: str, what: str) -> None:
    """To each holder concerned: what happened to a request for a document of theirs (no reasons, no content)."""
    asker = session.get(Member, referral.member_id)
    who = asker.name if asker else referral.member_id
    for holder in holders_concerned(session, referral.document_id, referral.member_id):
        title = _member_title(gw, session, holder.id, referral.document_id, unseen="a document")
        notices.enqueue(
            session, f"holder:{event}:{referral.id}:{holder.id}", holder.id, f"holder_{event}",
            f"{who}: {what}",
            f"{who} — {what}: {title}, on {_day(london_date(utcnow()))}.\n"
            f"You are told as the Cabinet member or chair concerned (protocol 004, 5.3).{SIGN_OFF}")


def request_arrived(gw, session: Session, referral: Referral) -> None:
    """To each Proper Officer and deputy: a member has asked for a document; when it is due and by when the
    member needs it. Where the council says so, the holders concerned are told a request was made."""
    doc = session.get(Document, referral.document_id)
    member = session.get(Member, referral.member_id)
    title = doc.title if doc else referral.document_id
    who = member.name if member else referral.member_id
    needed = f"\n{who} needs it by {_day(referral.needed_by)}." if referral.needed_by else ""
    again = "\nThey ask again after a refusal, with new information." if referral.new_information else ""
    for officer in notices.proper_officers(session):
        notices.enqueue(
            session, f"request:{referral.id}:{officer.id}", officer.id, "request_arrived",
            f"Request for a document, due {_day(referral.due)}",
            f"{who} asked on {_day(london_date(referral.created_at))} for “{title}” ({referral.document_id}).\n"
            f"It is due by {_day(referral.due)} (2 working days).{needed}{again}\n\n"
            f"Decide it: {_link(gw, f'/officer/referrals/{referral.id}')}{SIGN_OFF}")
    _tell_holders(gw, session, referral, "request", "a request for a document was made")


def request_decided(gw, session: Session, referral: Referral) -> None:
    """To the member: the Proper Officer granted or refused their request."""
    _tell_decision(gw, session, referral, f"decided:{referral.id}", "request_decided", "")


def request_reconsidered(gw, session: Session, referral: Referral) -> None:
    """To the member: the Proper Officer decided their refused request again, on new information."""
    _tell_decision(gw, session, referral, f"reconsidered:{referral.id}:{referral.reconsidered_at.isoformat()}",
                   "request_reconsidered", " on reconsideration")


def _tell_decision(gw, session: Session, referral: Referral, key: str, kind: str, how: str) -> None:
    title = _member_title(gw, session, referral.member_id, referral.document_id)
    granted = referral.status == "granted"
    verb = "granted" if granted else "refused"
    if granted:
        until = f"\nYou have access until {_day(referral.until)}." if referral.until else ""
    else:
        until = (f"\nThe refusal lasts until {_day(referral.until)}; after that you may ask again."
                 if referral.until else "")
    notices.enqueue(
        session, key, referral.member_id, kind,
        f"Your request has been {verb}{how}",
        f"The Proper Officer {verb} your request for {title}{how} on {_day(london_date(referral.decided_at))}."
        f"{until}\n\nRead the written reasons: {_link(gw, f'/requests/{referral.id}')}{SIGN_OFF}")
    if granted:
        _tell_holders(gw, session, referral, "supplied", "a requested document was supplied")


def grant_withdrawn(gw, session: Session, referral: Referral) -> None:
    """To the member: the Proper Officer withdrew their access before its end."""
    title = _member_title(gw, session, referral.member_id, referral.document_id)
    notices.enqueue(
        session, f"withdrawn:{referral.id}", referral.member_id, "grant_withdrawn",
        "Your access to a document has been withdrawn",
        f"On {_day(london_date(referral.withdrawn_at))} the Proper Officer withdrew your access to {title}.\n\n"
        f"Read the reasons: {_link(gw, f'/requests/{referral.id}')}{SIGN_OFF}")


def dispute_decided(gw, session: Session, referral: Referral) -> None:
    """To the member: the committee upheld or dismissed their dispute."""
    title = _member_title(gw, session, referral.member_id, referral.document_id)
    upheld = referral.dispute_result == "upheld"
    what = ("upheld your dispute: you may now open the document" if upheld
            else "dismissed your dispute: the refusal stands")
    until = f" until {_day(referral.dispute_until)}" if upheld and referral.dispute_until else ""
    notices.enqueue(
        session, f"dispute:{referral.id}", referral.member_id, "dispute_decided",
        f"Your dispute has been {'upheld' if upheld else 'dismissed'}",
        f"On {_day(london_date(referral.dispute_decided_at))} the committee {what}{until} ({title}).\n\n"
        f"See the decision: {_link(gw, f'/requests/{referral.id}')}{SIGN_OFF}")
    if upheld:
        _tell_holders(gw, session, referral, "supplied", "a requested document was supplied")


def daily_reminders(gw, session: Session, today: date) -> int:
    """Once a day, to each Proper Officer: requests due today or overdue, and documents due for review."""
    due = [i.referral for i in referrals.queue(session, "pending", today) if referrals.deadline(i.referral) <= today]
    to_review = reviews.due_for_review(session, today)
    if not due and not to_review:
        return 0
    ids = {r.document_id for r in due}
    titles = dict(session.execute(select(Document.id, Document.title).where(Document.id.in_(ids))).all()) if ids else {}
    lines = []
    if due:
        lines.append("Requests due today or overdue:")
        lines += [f"- “{titles.get(r.document_id, r.document_id)}”, due {_day(r.due)}"
                  f"{f', needed by {_day(r.needed_by)}' if r.needed_by else ''}"
                  f"{' (overdue)' if r.due < today else ''}: {_link(gw, f'/officer/referrals/{r.id}')}"
                  for r in due]
    if to_review:
        lines.append("\nDocuments due for review:" if due else "Documents due for review:")
        lines += [f"- “{d.title}”, review due {_day(d.review_on)}: {_link(gw, f'/officer/documents/{d.id}')}"
                  for d in to_review]
    added = 0
    for officer in notices.proper_officers(session):
        added += notices.enqueue(
            session, f"reminder:{today.isoformat()}:{officer.id}", officer.id, "daily_reminder",
            f"Due today: {len(due)} request{'s' if len(due) != 1 else ''}, {len(to_review)} review"
            f"{'s' if len(to_review) != 1 else ''}",
            "\n".join(lines) + SIGN_OFF) is not None
    return added


def _connect(settings) -> smtplib.SMTP:
    if settings.smtp_port == 465:
        smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=30,
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
    if settings.smtp_user:
        smtp.login(settings.smtp_user, settings.smtp_password or "")
    return smtp


def _message(settings, notice: Notice, to: str) -> EmailMessage:
    sender = settings.smtp_from or f"gateway@{settings.smtp_host}"
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, notice.subject
    message["Message-ID"] = make_msgid(idstring=f"notice-{notice.id}", domain=sender.rpartition("@")[2] or None)
    message["X-Gateway-Notice"] = notice.key
    message.set_content(notice.body)
    return message


def send_due(gw, now: datetime | None = None) -> dict:
    """Sends the notices that are due. Without GATEWAY_SMTP_HOST nothing is sent (the outbox keeps them);
    a mail server that cannot be reached leaves every notice for the next run; a notice the server refuses
    is retried with back-off and, after MAX_ATTEMPTS, kept as failed for IT to see."""
    now = now or utcnow()
    settings = gw.settings
    result = {"smtp": "on" if settings.smtp_host else "off", "queued": 0, "sent": 0, "retry": 0, "failed": 0,
              "waiting": 0}
    with gw.sessions() as session:
        with audited_change(gw.audit, session):
            result["queued"] = daily_reminders(gw, session, london_date(now))
        due = notices.due(session, now)
        if settings.smtp_host and due:
            try:
                smtp = _connect(settings)
            except (OSError, smtplib.SMTPException) as exc:
                result["smtp"], result["error"] = "unreachable", f"{type(exc).__name__}: {exc}"
                for notice in due:
                    notice.last_error = f"mail server not reachable: {exc}"[:2000]
                session.commit()
                due = []
            else:
                with smtp:
                    _send_each(gw, session, smtp, due, now, result)
        result["waiting"] = session.scalar(select(func.count()).select_from(Notice).where(Notice.status == "pending"))
    return result


def _send_each(gw, session: Session, smtp, due: list[Notice], now: datetime, result: dict) -> None:
    settings = gw.settings
    for notice in due:
        to = notices.address(session, notice.recipient_id)
        with audited_change(gw.audit, session) as records:
            if not to:
                notice.status, notice.last_error = "failed", f"{notice.recipient_id} has no e-mail address"
                result["failed"] += 1
                records.append(Entry("notice_failed", actor=None, detail={
                    "notice": notice.id, "kind": notice.kind, "recipient": notice.recipient_id,
                    "error": notice.last_error}))
                continue
            try:
                smtp.send_message(_message(settings, notice, to))
            except smtplib.SMTPServerDisconnected as exc:
                notice.last_error = f"mail server disconnected: {exc}"[:2000]
                result["smtp"] = "unreachable"
                break  # the rest wait for the next run, untouched
            except (smtplib.SMTPException, OSError) as exc:
                notices.failed_attempt(notice, f"{type(exc).__name__}: {exc}", now)
                result["failed" if notice.status == "failed" else "retry"] += 1
                if notice.status == "failed":
                    records.append(Entry("notice_failed", actor=None, detail={
                        "notice": notice.id, "kind": notice.kind, "recipient": notice.recipient_id,
                        "error": notice.last_error}))
                continue
            notice.status, notice.sent_at, notice.sent_to, notice.last_error = "sent", now, to, None
            notice.attempts += 1
            result["sent"] += 1
            records.append(Entry("notice_sent", actor=None, detail={
                "notice": notice.id, "kind": notice.kind, "recipient": notice.recipient_id}))
