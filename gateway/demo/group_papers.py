"""Party-group papers found by what they are, and public texts that name groups.

A group's own papers (notes of its meetings, whip notices and e-mails between its members,
letters from its leader, its standing orders) carry no heading that names the group: what marks
them is who writes to whom (the council file's member lists) and what they do. Public texts that
name groups (council minutes recording a group's amendment and recorded vote, committee
membership by group, group press statements, local news and councillors' blogs) stay public.
"""

from __future__ import annotations

from datetime import timedelta

from . import text as T
from .wording import say

INTERNAL = ["notes", "whip_email", "member_thread", "standing_orders", "leader_letter"]
PUBLIC = ["amendment_minutes", "membership_list", "group_statement", "news_story", "blog_post"]


def cllr(r, m) -> str:
    """A member as papers name them: "Cllr Ann Able", "Councillor Ann Able", "Cllr A Able"."""
    return r.choice([m.name, f"Councillor {m.plain}", f"Cllr {m.first[0]} {m.last}"])


class GroupPapers:
    """Mixed into ``documents.Generator``: plans a group's own paper, or a public text naming groups."""

    def group_internal(self, j: int):
        g = self.c.groups[j % len(self.c.groups)]
        form = INTERNAL[j % len(INTERNAL)]        # at most four groups: every group meets every form
        others = [x for x in self.c.groups if x is not g]
        other = self.rng.choice(others)
        m = self.matter("leisure", "waste", "regeneration", "parking", "allocations", "ctax", "homelessness")
        when = self.meeting("council", "any")
        title = {"notes": f"Notes of meeting, {T.d_med(when - timedelta(days=5))}",
                 "whip_email": f"Re: Council {T.d_med(when)} – voting",
                 "member_thread": f"Re: {m.title}",
                 "standing_orders": "Standing orders",
                 "leader_letter": f"Letter to colleagues before Council, {T.d_med(when)}"}[form]
        body = getattr(self, f"internal_{form}")(g, other, m, when)
        return (f"group_internal:{form}", title, self.meta(None, None, None, None, [m], portfolio=False), ([], g.id, []), None, body)

    def internal_notes(self, g, other, m, when):
        def body(r):
            mems = g.members
            met = when - timedelta(days=5)
            lines = [say(r, "[Notes of meeting|Group meeting – notes|Notes: pre-Council meeting|Minutes of meeting], {d}, [Group Room|Room 3|online]", d=T.d_med(met)),
                     "Present: " + ", ".join(cllr(r, x) for x in mems[:14]) + (f" and {len(mems) - 14} others" if len(mems) > 14 else ""),
                     f"Chair: {cllr(r, g.leader)}",
                     f"1. Council, {T.d_med(when)}",
                     say(r, "Members discussed the report on {kw}. [It was agreed to support the recommendations.|It was agreed to seek a deferral.|After a vote (9-4) the position is to oppose.] {whip} will circulate the whip.",
                         kw=m.kw, whip=cllr(r, g.whip)),
                     say(r, "2. {other}", other=T.cap(other.short)),
                     say(r, "{deputy} reported on talks with {other} about committee places. [Not to be discussed outside this meeting.|Keep within these four walls until we agree a line.]",
                         deputy=cllr(r, g.deputy), other=other.short),
                     "3. Subscriptions and campaigning",
                     say(r, "[Members are reminded that subs are due.|Leaflet rounds for {ward} to be agreed by Friday.]", ward=r.choice(self.c.wards)),
                     say(r, "[Next meeting|Next group] {d}.", d=T.d_med(when + timedelta(days=21)))]
            if r.random() < 0.4:        # the alias in the running text, never a heading
                lines.insert(8, f"{r.choice(g.aliases)} newsletter: copy to {cllr(r, g.deputy)} by the end of the month.")
            return self.note(r, lines, 150, 380)
        return body

    def internal_whip_email(self, g, other, m, when):
        def body(r):
            mems = g.members
            lines = [f"From: {g.whip.name} <{g.whip.email}>", "To: " + "; ".join(x.email for x in mems[:15] if x is not g.whip),
                     f"Date: {T.d_email(when - timedelta(days=r.randint(1, 5)), r)}", f"Subject: Re: Council {T.d_med(when)} – voting",
                     say(r, "[All,|Colleagues,|Dear all,]"),
                     say(r, "[Three-line whip|Whip] on item {n} ({kw}): vote [FOR|AGAINST] the recommendations.", n=r.randint(6, 12), kw=m.kw),
                     say(r, "{other} will move an amendment. [Two-line whip: vote against it.|We abstain on it.]", other=T.cap(other.short)),
                     say(r, "If you cannot be there, let me know [today|by Monday] so I can arrange a pair. [Please do not share this outside the group.|This stays between us.]"),
                     g.whip.first]
            return self.note(r, lines, 100, 300)
        return body

    def internal_member_thread(self, g, other, m, when):
        def body(r):
            backbench = [x for x in g.members if x is not g.leader]
            a, b = r.sample(backbench, 2) if len(backbench) > 1 else (g.leader, g.members[-1])
            lines = [f"From: {b.name} <{b.email}>", f"To: {a.email}", f"Cc: {g.leader.email}",
                     f"Date: {T.d_email(when - timedelta(days=r.randint(3, 9)), r)}", f"Subject: Re: {m.title}",
                     say(r, "{first}, [agreed|I see it differently]. I think we should [push for a further report on {kw}|back the proposals on {kw} but ask for a review in a year]. Can we settle it at group before anyone says anything in public?",
                         first=a.first, kw=m.kw),
                     b.first, "-----Original message-----", f"From: {a.name} <{a.email}>", f"To: {b.email}",
                     say(r, "[What line are we taking|Where are we] on {kw}? [{other} are briefing the press already.|I have had residents on to me.]", kw=m.kw, other=T.cap(other.short)),
                     a.first]
            return self.note(r, lines, 100, 300)
        return body

    def internal_standing_orders(self, g, other, m, when):
        def body(r):
            lines = [say(r, "[Standing Orders|Rules of the Group|Group Constitution]"), say(r, "[Adopted at the annual meeting|Amended] {d}", d=T.d_med(when - timedelta(days=300))),
                     "1. Name", f"The group shall be known as the {g.name} (the Group).",
                     "2. Membership", "Membership is open to every councillor elected on the party's ticket who accepts these rules.",
                     "3. Officers", f"The officers are the Leader, Deputy Leader, Whip, Secretary and Treasurer. Current Leader: {cllr(r, g.leader)}; Whip: {cllr(r, g.whip)}.",
                     "4. Meetings", "The Group meets before each Council meeting. A quorum is one third of the members.",
                     "5. Collective decisions", say(r, "Members vote as the Group decides[ unless excused by the Whip on a matter of conscience|]. Breach may lead to suspension of the whip."),
                     "6. Confidentiality", "Discussions at Group meetings are confidential to members.",
                     f"7. Subscriptions: {T.money(r.choice([5, 10, 15]))} a month. Matters such as {m.kw} are discussed under item 5."]
            return self.note(r, lines, 150, 380)
        return body

    def internal_leader_letter(self, g, other, m, when):
        def body(r):
            lines = [say(r, "[Dear colleague,|Dear all,|Colleagues,]"),
                     say(r, "Council on {d} will decide {kw}. [We agreed at group to|We will] {stance}. [I will speak first; {deputy} will sum up.|{deputy} will lead for us.]",
                         d=T.d_med(when), kw=m.kw, stance=r.choice(["support the recommendations", "move for a deferral", "vote against"]), deputy=cllr(r, g.deputy)),
                     say(r, "{other} [are expected to|will probably] [table an amendment|call for a recorded vote]. Please stay in the chamber for every vote.", other=T.cap(other.short)),
                     say(r, "[Please keep this letter to yourselves.|This letter is for group members only.]"),
                     say(r, "[Best wishes|With thanks], {leader}", leader=g.leader.name), "Leader"]
            return self.note(r, lines, 100, 280)
        return body

    # ------------------------------------------------------------------ public texts that name groups
    def group_public(self, j: int):
        form = PUBLIC[j % len(PUBLIC)]
        g = self.rng.choice(self.c.groups)
        m = self.matter("leisure", "waste", "regeneration", "parking", "allocations", "ctax", "homelessness")
        when = self.meeting("council", "past")
        title = {"amendment_minutes": f"Minutes of Council, {T.d_med(when)}: {m.title}",
                 "membership_list": f"Committee membership {when.year}/{(when.year + 1) % 100:02d}",
                 "group_statement": f"Statement from the {g.name} on {m.title}",
                 "news_story": f"Council row over {m.title}",
                 "blog_post": f"Councillor's blog: why I voted as I did on {m.title}"}[form]
        body = getattr(self, f"public_{form}")(g, m, when)
        cid, meeting = ("council", when) if form in ("amendment_minutes", "membership_list") else (None, None)
        return (f"group_mention:{form}", title, self.meta("democratic" if cid else None, cid, meeting, "public", [m], portfolio=False),
                ([], None, []), None, body)

    def public_amendment_minutes(self, g, m, when):
        def body(r):
            mover, seconder = g.leader, g.deputy
            voters = r.sample(self.c.members, min(len(self.c.members), 12))
            split = len(voters) // 2
            lines = [self.c.name, f"Minutes of the meeting of Council held on {T.d_long(when)}", f"{r.randint(5, 12)}. {m.title}",
                     say(r, "{mover}, on behalf of the {name}, moved and {sec} seconded [an amendment|the following amendment]: that the decision on {kw} be deferred [for a further report|until the consultation has closed].",
                         mover=cllr(r, mover), name=r.choice([g.name, g.abbr + " Group", g.name]), sec=cllr(r, seconder), kw=m.kw),
                     "A recorded vote was requested.",
                     "For the amendment: " + ", ".join(cllr(r, x) for x in voters[:split]),
                     "Against: " + ", ".join(cllr(r, x) for x in voters[split:]),
                     say(r, "The amendment was [LOST|CARRIED]. RESOLVED – That the recommendations be approved[ as amended|].")]
            return self.note(r, lines, 150, 380)
        return body

    def public_membership_list(self, g, m, when):
        def body(r):
            lines = [self.c.name, f"Committee membership {when.year}/{(when.year + 1) % 100:02d}", "Seats are allocated to groups in proportion to their size."]
            for grp in self.c.groups:
                lines.append(f"{grp.name} ({grp.abbr}): " + ", ".join(cllr(r, x) for x in grp.members[:10]))
            lines += [f"Group leaders: " + "; ".join(f"{grp.abbr} – {cllr(r, grp.leader)}" for grp in self.c.groups),
                      f"Items at the first meeting include {m.kw}.", self.para(r, 1)]
            return self.note(r, lines, 150, 380)
        return body

    def public_group_statement(self, g, m, when):
        def body(r):
            lines = [say(r, "[Press statement|News|For immediate release]"), f"{g.name}",
                     say(r, "{leader}, Leader of the {name}, said: \"[Residents deserve better on {kw}.|We support the plans for {kw} but want the costs published.|We will keep pressing for answers on {kw}.]\"",
                         leader=cllr(r, g.leader), name=g.name, kw=m.kw),
                     say(r, "The group [will table a motion at the next Council meeting|has written to the Chief Executive] on {d}.", d=T.d_med(when + timedelta(days=14))),
                     f"Contact: {g.leader.email}"]
            return self.note(r, lines, 80, 260)
        return body

    def public_news_story(self, g, m, when):
        def body(r):
            lines = [say(r, "[{town} Chronicle|{town} Post|Local news]", town=self.c.town), f"Council row over {m.title}",
                     say(r, "Councillors from the {name} [walked out of|clashed at] the Council meeting on {d} over {kw}.", name=g.name, d=T.d_med(when), kw=m.kw),
                     say(r, "[In an e-mail seen by this paper|According to a leaked e-mail], the group's whip told colleagues to vote against the plans. {whip} declined to comment.", whip=cllr(r, g.whip)),
                     say(r, "A council spokesperson said: \"[The decision was taken properly.|Members had full information.]\"")]
            return self.note(r, lines, 80, 260)
        return body

    def public_blog_post(self, g, m, when):
        def body(r):
            who = r.choice(g.members)
            lines = [say(r, "[Posted by|From the desk of] {who}, councillor for {ward}", who=cllr(r, who), ward=who.ward),
                     say(r, "At the {name} meeting [last week|before Council] we agreed our line on {kw}. I cannot say what was said there, [but I can explain my vote|but here is why I voted as I did].", name=g.name, kw=m.kw),
                     self.public_body(m, r), say(r, "[Comments are welcome below.|Let me know what you think.]")]
            return self.note(r, lines, 80, 260)
        return body
