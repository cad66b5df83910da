"""Public papers that mention exempt information without being exempt: true label public.

Decision records, minutes and agendas that record or propose excluding the press and public for
another item, notices of private business, press releases about a decision whose appendix was
confidential, annual reviews of exempt reports, and texts that recite the law (constitutions and
guidance listing the categories, the Welsh public-interest clause, access to information rules, the
history of the standards paragraphs, a parish council's 1960 Act resolution). None states anything
about itself.
"""

from __future__ import annotations

from datetime import timedelta

from . import numberings as N
from . import text as T
from .wording import numbers, paragraph_word, say

FORMS = ["decision_record", "minutes_exclusion", "agenda_exclusion", "private_notice", "press_release",
         "categories_guidance", "welsh_guidance", "access_rules", "exempt_review", "standards_history",
         "parish_minutes"]


class MentionForms:
    """Mixed into ``documents.Generator``: plans one public paper that mentions exemption."""

    def mention(self, j: int):
        form = FORMS[j % len(FORMS)]
        return getattr(self, f"mention_{form}")()

    def public_meta(self, cid, when, matters):
        return self.meta("democratic", cid, when, "public", matters, portfolio=False)

    def exclusion(self, r, items) -> str:
        """A motion or resolution to exclude the press and public for other items: [(item number, England paragraphs)]."""
        nums = [n for n, _ in items]
        paras = sorted({p for _, ps in items for p in ps})
        which = say(r, "[item|Agenda Item No.|item number] {n}", n=numbers(r, nums)) if len(nums) == 1 else \
            say(r, "[items|Agenda Items Nos.] {n}", n=numbers(r, nums))
        involve = "[it involves|the business involves]" if len(nums) == 1 else "[they involve|the business involves]"
        return say(r, "That[ under section 100A(4) of the Local Government Act 1972|, under S100(A)(4) of the Local Government Act 1972,|] {pp} be excluded [from the meeting |]for {which} on the grounds that " + involve + " the likely disclosure of exempt information as defined in {cite}[ and that the public interest in maintaining the exemption outweighs the public interest in disclosing the information|, the public interest test having been applied|].",
                   pp=self.style.pick(r, "press_public"), which=which, cite=self.cite(r, paras))

    def private_items(self, cid, k):
        items = self.items_for(cid, k)
        return [(m, self.item_paras(m)) for m in items]

    # ------------------------------------------------------------------ records of other items' exclusion
    def mention_decision_record(self):
        cid = self.rng.choice(["cabinet", "cabinet", "audit", "licensing"])
        when = self.meeting(cid, "past")
        items = self.private_items(cid, 1) or self.private_items("cabinet", 1)
        title = f"Decision: exclusion of the press and public, {self.cm[cid].name}, {T.d_med(when)}"

        def body(r):
            m, paras = items[0]
            n = r.randint(9, 21)
            lines = [say(r, "[Issue - decisions|Decision details|Record of decision]"),
                     say(r, "[Exclusion of the press and public|Exclusion of Press and Public|Access to information]"),
                     f"Decision maker: {self.cm[cid].name}", say(r, "Decision status: [Recommendations approved|Approved|Noted]"),
                     say(r, "Is key decision?: No"), "Decision:", self.exclusion(r, [(n, paras)]),
                     f"Item {n} concerned {m.kw}; its report is not published.",
                     f"Date of decision: {when.strftime('%d/%m/%Y')}", f"Publication date: {(when + timedelta(days=2)).strftime('%d/%m/%Y')}"]
            return self.note(r, lines, 80, 300)
        return ("mention:decision_record", title, self.public_meta(cid, when, [items[0][0]]), ([], None, []), None, body)

    def mention_minutes_exclusion(self):
        cid = self.rng.choice(["cabinet", "council", "planning", "audit"])
        when = self.meeting(cid, "past")
        items = self.private_items(cid, 2) or self.private_items("cabinet", 2)
        com = self.cm[cid]
        title = f"Minutes of the {com.name}, {T.d_med(when)} (extract)"

        def body(r):
            n = r.randint(6, 14)
            lines = [self.c.name, f"{com.name} – minutes of {T.d_long(when)}", f"{n}. Exclusion of the press and public",
                     self.style.pick(r, "resolved") + " " + self.exclusion(r, [(n + 1 + i, ps) for i, (_m, ps) in enumerate(items)])]
            for i, (m, _ps) in enumerate(items):
                lines += [f"{n + 1 + i}. {m.title}",
                          say(r, "[{part} – SUMMARY|Summary of exempt item|Part B summary]. The {body} considered the exempt report of the {author} concerning {kw}. [Full details are recorded in the exempt minute.|The exempt minute is held separately.|] {res} That the recommendations in the exempt report be approved.",
                              part=self.style.pick(r, "part_two"), body="Council" if cid == "council" else r.choice(["meeting", com.name]), author=self.officer_for(m).title, kw=m.kw,
                              res=self.style.pick(r, "resolved"))]
            lines.append(say(r, "The meeting [closed|ended] at [8.05pm|9.20pm|12.40pm]."))
            return self.note(r, lines, 120, 380)
        return ("mention:minutes_exclusion", title, self.public_meta(cid, when, [m for m, _ in items]), ([], None, []), None, body)

    def mention_agenda_exclusion(self):
        cid = self.rng.choice(["cabinet", "licensing", "appointments", "planning"])
        when = self.meeting(cid, "future")
        items = self.private_items(cid, 2) or self.private_items("cabinet", 2)
        com = self.cm[cid]
        title = f"{com.name} agenda, {T.d_med(when)}: exclusion of the press and public"

        def body(r):
            n = r.randint(8, 15)
            lines = [self.c.name, f"{com.name}, {T.d_long(when)}",
                     say(r, "[PART ONE – ITEMS TO BE CONSIDERED IN PUBLIC|Part 1 – public items|PUBLIC ITEMS]"),
                     f"{n - 1}. " + say(r, "[Minutes of the previous meeting|Public questions|Work programme]"),
                     f"{n}. " + say(r, "[Exclusion of the press and public|To consider the exclusion of the press and public|Chair to move:]"),
                     say(r, "[The {body} will be asked to resolve:|Chair to move:|Draft motion:|Recommended:]", body=r.choice(["Committee", "Cabinet", "meeting"])),
                     self.exclusion(r, [(n + 1 + i, ps) for i, (_m, ps) in enumerate(items)]),
                     say(r, "[Item|Agenda item] | [Paragraph|Description of exempt information]")]
            for i, (m, ps) in enumerate(items):
                lines.append(f"{n + 1 + i} | {paragraph_word(r, len(ps))} {numbers(r, ps)}: " + "; ".join(T.PARA_SHORT[p] for p in ps))
            lines += [say(r, "[Pursuant to paragraph 10 of Part 2 of Schedule 12A, the public interest test has been applied.|Any resolution is made under regulation 4(2)(b) of the 2012 Executive Arrangements Regulations where the meeting is of the executive.|]"),
                      self.style.pick(r, "part_two") + " – " + say(r, "[items not for publication|exempt items|private items]")]
            for i, (m, ps) in enumerate(items):
                lines.append(f"{n + 1 + i}. {m.title} – report of the {self.officer_for(m).title} concerning {m.kw}.")
            return self.note(r, lines, 150, 400)
        return ("mention:agenda_exclusion", title, self.public_meta(cid, when, [m for m, _ in items]), ([], None, []), None, body)

    def mention_private_notice(self):
        when = self.meeting("cabinet", "future")
        items = self.private_items("cabinet", self.rng.randint(2, 3))
        title = f"Notice of intention to hold part of the Cabinet meeting in private, {T.d_med(when)}"

        def body(r):
            lines = [self.c.name, say(r, "[Notice of intention to conduct business in private|Notice of private business|Private meeting notice]"),
                     say(r, "Under regulation 5 of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, [notice is given|the Council gives notice] that the Cabinet intends to consider the items below in private on {d}.", d=T.d_long(when)),
                     "Item | Reason for considering in private"]
            for m, ps in items:
                lines.append(f"{m.title} ({m.kw}) | {paragraph_word(r, len(ps))} {numbers(r, ps)} of Schedule 12A: " + "; ".join(T.PARA_SHORT[p] for p in ps))
            lines += [say(r, "[Representations about why an item should be considered in public may be sent to|Anyone may object to an item being taken in private by writing to] {dem} by {d}.",
                          dem=self.staff("dem").email, d=T.d_med(when - timedelta(days=7)))]
            return self.note(r, lines, 100, 350)
        return ("mention:private_notice", title, self.public_meta("cabinet", None, [m for m, _ in items]), ([], None, []), None, body)

    def mention_press_release(self):
        m = self.matter("disposal", "supplier", "leisure", "waste", "regeneration")
        when = self.meeting("cabinet", "past")
        holder = self.c.holder.get(m.portfolio) or self.c.leader
        title = f"News release: Cabinet agrees next steps on {m.title}"

        def body(r):
            lines = [say(r, "[News release|Press release|For immediate release]"), f"{T.d_med(when + timedelta(days=1))}", title.split(": ", 1)[1],
                     f"The Cabinet of {self.c.name} has agreed the next steps for {m.kw}. {self.public_body(m, r)}",
                     say(r, "[A confidential appendix|One appendix|The appendix setting out the bids], which contains commercially sensitive information, was considered in private [under paragraph 3 of Schedule 12A|because it is exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972|]; the decision itself is public."),
                     f"{holder.name}, {r.choice(['Cabinet member', 'portfolio holder'])}, said: \"{r.choice(['This is good news for residents.', 'We have listened to what people told us.', 'This secures the service for years to come.'])}\"",
                     say(r, "[Notes to editors|Ends]"), f"Media enquiries: {self.staff('dem').phone}"]
            return self.note(r, lines, 120, 320)
        return ("mention:press_release", title, self.public_meta(None, None, [m]), ([], None, []), None, body)

    def mention_exempt_review(self):
        when = self.meeting("audit")
        items = self.private_items("cabinet", 4)
        title = "Annual review of exempt reports"

        def body(r):
            lines = [self.c.name, f"Audit and Governance Committee – {T.d_long(when)}", f"Report title: {title}",
                     "1. Purpose", say(r, "To review reports considered in private [over the past year|since the last review] and to [release those no longer exempt|agree which can now be published]."),
                     "Date | Report | Paragraph | Recommendation"]
            for m, ps in items:
                lines.append(f"{T.d_short(when - timedelta(days=r.randint(60, 360)))} | {m.title} ({m.kw}) | {numbers(r, ps)} | "
                             + r.choice(["Release", "Continue to withhold", "Release with redactions"]))
            lines += ["2. Recommendation", "That the reports marked 'Release' be published on the Council's website.", self.para(r, 2)]
            return self.note(r, lines, 150, 380)
        return ("mention:exempt_review", title, self.public_meta("audit", when, [m for m, _ in items]), ([], None, []), None, body)

    # ------------------------------------------------------------------ texts that recite the law
    def mention_categories_guidance(self):
        title = self.rng.choice(["Constitution, Part 4: access to information – exempt information",
                                 "Guidance for members: confidential and exempt information"])

        def body(r):
            plain = r.random() < 0.5
            lines = [self.c.name, title, say(r, "The categories of exempt information [are set out in|are those of] Part 1 of Schedule 12A to {act}[, as amended in 2006|]. [They are:|In summary:]", act=self.style.pick(r, "act"))]
            for p in range(1, 8):
                lines.append(f"{p}. " + T.cap(N.PLAIN[p] if plain else T.PARA_DESC[p]) + ".")
            lines += ["Qualifications (Part 2 of the Schedule)",
                      say(r, "Information within paragraph 3 is not exempt if it must be registered [with Companies House or the Charity Commission|under the Companies or Charities Acts]."),
                      say(r, "Information within any of paragraphs 1 to 7, and not excluded by paragraph 8 or 9 above, is exempt only [if and for so long as|while] the public interest in maintaining the exemption outweighs the public interest in disclosing it (paragraph 10)."),
                      say(r, "[Members may see exempt papers for a meeting they attend, except where the Proper Officer withholds paragraphs 1, 2, 4, 5 or 7 information, or contract terms under paragraph 3.|Members have extra rights of access under section 100F.]"),
                      self.para(r, 2)]
            return self.note(r, lines, 200, 420)
        return ("mention:categories_guidance", title, self.meta("democratic"), ([], None, []), None, body)

    def mention_welsh_guidance(self):
        title = "Access to information in Wales: guidance for joint committee members"

        def body(r):
            lines = [title,
                     say(r, "In Wales the exempt categories are paragraphs 12 to 18 of Part 4 of Schedule 12A; they match paragraphs 1 to 7 of Part 1, which apply in England."),
                     say(r, "Information falling within paragraphs 12 to 15, 17 and 18 is exempt only while the public interest in maintaining the exemption outweighs the public interest in disclosure; paragraph 16 (legal privilege) [is treated the same way in practice|is also subject to that test]."),
                     say(r, "[Yng Nghymru|Yng nghynghorau Cymru], paragraffau 12 i 18 o Ran 4 o Atodlen 12A yw'r categorïau o wybodaeth eithriedig."),
                     "Mae paragraffau 12 i 15, 17 a 18 yn amodol ar brawf budd y cyhoedd.",
                     say(r, "A standards committee in Wales may also rely on paragraphs 18A to 18C when it considers a referred complaint."),
                     self.para(r, 2)]
            return self.note(r, lines, 150, 380)
        return ("mention:welsh_guidance", title, self.meta("democratic"), ([], None, []), None, body)

    def mention_access_rules(self):
        title = "Access to Information Procedure Rules"

        def body(r):
            rules = [("Scope", "These rules apply to all meetings of the Council, the Cabinet and committees."),
                     ("Rights to attend meetings", "Members of the public may attend all meetings, subject only to the exceptions in these rules."),
                     ("Notice of meetings", "The Council will give at least five clear working days' notice of any meeting."),
                     ("Exclusion of access by the public", say(r, "The public must be excluded where confidential information would otherwise be disclosed, and may be excluded by resolution where exempt information [would|is likely to] be disclosed; the resolution must identify the item and the paragraph of Schedule 12A.")),
                     ("Exempt information", "Exempt information means information in the categories of Schedule 12A, subject to the public interest test."),
                     ("Members' additional rights", "A member may inspect any document held by the Council containing material relating to business to be transacted, unless it discloses exempt information of a kind the Proper Officer may withhold."),
                     ("Private meetings of the executive", "Twenty-eight clear days' notice is given of any intention to hold part of an executive meeting in private.")]
            lines = [self.c.name, title]
            for i, (head, text) in enumerate(r.sample(rules, len(rules)), 1):
                lines += [f"{i}. {head}", text]
            lines.append(self.para(r, 2))
            return self.note(r, lines, 180, 420)
        return ("mention:access_rules", title, self.meta("democratic"), ([], None, []), None, body)

    def mention_standards_history(self):
        title = "Standards arrangements: note on private hearings"

        def body(r):
            lines = [self.c.name, title,
                     say(r, "Between 2008 and 2012 standards committees in England could also rely on paragraphs 7A, 7B and 7C of Schedule 12A, which covered [confidential information, national security and the committee's deliberations|information held in confidence, national security and deliberations on a finding]."),
                     "Those paragraphs fell away when the Localism Act 2011 abolished the old standards regime. Hearings now rely on paragraphs 1 and 2 where a person's information is discussed.",
                     "In Wales the equivalent paragraphs are 18A to 18C, which still apply.",
                     self.para(r, 2)]
            return self.note(r, lines, 150, 380)
        return ("mention:standards_history", title, self.meta("legal"), ([], None, []), None, body)

    def mention_parish_minutes(self):
        parish = f"{self.rng.choice(self.c.wards)} Parish Council"
        when = self.meeting("council", "past")
        title = f"{parish}: minutes of {T.d_med(when)}"

        def body(r):
            n = r.randint(8, 12)
            lines = [parish, f"Minutes of the meeting held on {T.d_long(when)} in the village hall",
                     f"{n - 1}. Planning applications", say(r, "The Council [had no objection to|supported] the applications listed."),
                     f"{n}. Exclusion of the press and public",
                     say(r, "RESOLVED that, [in view of the confidential nature of the business about to be transacted|as publicity would be prejudicial to the public interest], the press and public be excluded for item {k} under section 1(2) of {act}.",
                         k=n + 1, act=N.ACT_1960),
                     f"{n + 1}. Pavilion lease", "The Council agreed its position; the decision will be reported when the lease is signed."]
            return self.note(r, lines, 100, 300)
        return ("mention:parish_minutes", title, self.meta("democratic"), ([], None, []), None, body)
