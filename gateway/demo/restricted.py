"""Restricted papers in the forms councils publish them, each the paper's own restriction.

ModernGov "Reasons restricted" pages and "Document is Restricted" sheets, CMIS-like notices, report
front sheets, public-interest-test checklists, Part 2 / Part B / Part II reports, confidential
appendices and "Exempt – para 5" headers; in England, Welsh (in English and in Welsh) and pre-2006
numbering; and papers restricted under a numbering with no England equivalent, or with no paragraph
at all, whose true label is ``needs_review`` with no paragraph. The content comes from the Part 2
topics of ``documents.Generator.topic``, so paragraphs and flags stay those of the content.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import numberings as N
from . import text as T
from .wording import numbers, paragraph_word, say, slip

# The order forms come round in; unmapped ones are a fifth of the mix.
FORMS = ["moderngov", "restricted_sheet", "unmapped", "cmis", "checklist", "welsh", "part_two", "front_sheet",
         "unmapped", "appendix", "old", "short", "moderngov", "welsh", "unmapped"]
WELSH = ["welsh_english", "welsh_language", "bilingual"]
UNMAPPED = ["standards_england", "scotland", "bare_notice", "checklist_blank", "standards_wales", "act_1960",
            "checklist_part"]
SIGNAL = {"welsh": "welsh", "old": "old", "unmapped": "standards"}

# Why a paper is withheld, in Welsh, per England paragraph (the justification of Welsh-language pages).
WHY_CY = {
    1: "Mae'r adroddiad yn cynnwys gwybodaeth bersonol am unigolyn a enwir.",
    2: "Byddai cyhoeddi'r adroddiad yn debygol o ddatgelu pwy yw'r unigolyn a wnaeth y gwyn.",
    3: "Mae'r adroddiad yn cynnwys gwybodaeth fasnachol sensitif; byddai ei chyhoeddi yn niweidio sefyllfa'r Cyngor yn y trafodaethau.",
    4: "Mae'r adroddiad yn ymwneud â thrafodaethau gyda'r undebau llafur sydd heb ddod i ben.",
    5: "Mae'r adroddiad yn cynnwys cyngor cyfreithiol sy'n destun braint broffesiynol gyfreithiol.",
    6: "Mae'r adroddiad yn datgelu bod y Cyngor yn bwriadu cyflwyno hysbysiad neu wneud gorchymyn.",
    7: "Mae'r adroddiad yn ymwneud ag ymchwiliad i drosedd honedig.",
}
FLAG_CY = {
    "employee_matter": "Mae'n ymwneud â chyflogai penodol i'r Cyngor.",
    "third_party_personal_data": "Mae'n cynnwys manylion personol aelod o'r cyhoedd.",
    "contract_terms": "Mae'n nodi telerau a gynigir mewn trafodaethau am gontract.",
}
CHECK_FOR = ["Would disclosure help residents take part in debate on a current issue?",
             "Would disclosure explain why the Council reached its decision?",
             "Would disclosure show how public money is being spent?",
             "Would disclosure bear on public health or safety?",
             "Would disclosure reveal poor or improper decision-making?"]
CHECK_AGAINST = ["Would disclosure harm the Council's commercial position without informing the public?",
                 "Would disclosure harm a person or company without informing the public?",
                 "Would disclosure breach a duty of confidence or the data protection principles?",
                 "Would disclosure give a misleading picture because the matter is unresolved?",
                 "Would disclosure prejudice negotiations that are still going on?"]


class RestrictedForms:
    """Mixed into ``documents.Generator``: plans one restricted paper in a real form."""

    def restricted(self, j: int):
        form = FORMS[j % len(FORMS)]
        rounds = j // len(FORMS)
        if form == "unmapped":
            return self.unmapped(UNMAPPED[self.count("unmapped") % len(UNMAPPED)])
        name = self.TOPICS[(j * 5 + rounds) % len(self.TOPICS)]
        t = self.topic(name, rounds)
        when = self.meeting(t["committee"])
        extra = {}
        if form == "welsh":
            form = WELSH[self.count("welsh") % len(WELSH)]
        elif form == "old":
            when = date(self.rng.randint(1996, 2005), self.rng.randint(1, 12), self.rng.randint(1, 28))
            when -= timedelta(days=max(0, when.weekday() - 4))      # committees of the time met on weekdays
            t["cited"] = N.old_paragraphs(name, t["paras"], "contract_terms" in t["flags"])
        welsh_body = form in WELSH      # papers of a Welsh partner: no meeting of this council
        if form != "old" and not welsh_body and self.rng.random() < 0.25:
            extra["review_on"] = when + timedelta(days=365 * self.rng.randint(1, 3))
        sig = SIGNAL.get(form.split("_")[0], "explicit")
        plan = {"moderngov": self.moderngov_page, "welsh_english": self.moderngov_page, "welsh_language": self.welsh_page,
                "bilingual": self.welsh_page, "old": self.moderngov_page, "restricted_sheet": self.restricted_sheet,
                "cmis": self.cmis_notice, "front_sheet": self.front_sheet, "checklist": self.checklist,
                "part_two": self.part_two, "appendix": self.confidential_appendix, "short": self.short_marking}[form]
        body = plan(t, when, form)
        meta = self.meta(t["service"], None if welsh_body else t["committee"], None if welsh_body else when, "private",
                         [t["m"]], **extra)
        return (f"restricted:{form}:{name}", self.restricted_title(t, form), meta, (t["paras"], None, t["flags"]), sig, body)

    def restricted_title(self, t, form) -> str:
        return {"moderngov": f"Reasons restricted: {t['title']}", "welsh_english": f"Reasons restricted: {t['title']}",
                "welsh_language": f"Rhesymau dros gyfyngu: {t['title']}", "bilingual": f"Exempt item / Eitem eithriedig: {t['title']}",
                "old": f"Archive: {t['title']}", "checklist": f"Public interest test: {t['title']}",
                "appendix": f"Confidential appendix: {t['title']}"}.get(form, t["title"])

    # ------------------------------------------------------------------ statements
    def cite(self, r, paras, part=None) -> str:
        """'paragraph(s) 3, 7 of Part 1 of Schedule 12A to the Local Government Act 1972', in this council's ways."""
        s = self.style
        return slip(r, say(r, "{pw} {nums} of {part} of Schedule 12A {of_to} {act}", pw=paragraph_word(r, len(paras)),
                           nums=numbers(r, paras), part=part or s.pick(r, "part"), of_to=s.pick(r, "of_to"),
                           act=s.pick(r, "act")), s.slip_rate)

    def why(self, r, t) -> str:
        return say(r, "[The item concerns|This item is about|Subject:] {kw}. {why}. [The public interest in maintaining the exemption outweighs the public interest in disclosing the information|On balance, withholding the information is in the public interest|Disclosure would not be in the public interest][ at this time| while the matter is unresolved|].",
                   kw=t["m"].kw, why=T.cap(t["why"]))

    def explanation(self, r, cited, descs) -> list[str]:
        out = ["Explanation of Reasons"]
        for p in cited:
            out += [f"- By Virtue of Paragraph {p}", T.cap(descs[p])]
            if descs is T.PARA_DESC and p == 3 or descs is N.OLD_DESC and p == 7:
                out.append(say(r, "[Condition:|Qualification:] information is not exempt if it must be registered under the Companies Acts, the Charities Acts or the law on friendly, industrial and provident or building societies."))
            if r.random() < 0.6:
                out.append(say(r, "[Public interest test applies|The public interest test applies to this paragraph|Information is exempt only while the public interest in withholding it outweighs the public interest in disclosing it]."))
        return out

    # ------------------------------------------------------------------ ModernGov pages
    def moderngov_page(self, t, when, form):
        style = self.style

        def body(r):
            if form == "old":
                cited, descs, part = t["cited"], N.OLD_DESC, say(r, "[Part I|Part 1]")
                top = [say(r, "[This site is an archive of papers from before 2006.|Archived meeting papers|Archive: papers of meetings held before March 2006]"),
                       f"{self.cm[t['committee']].name}, {T.d_long(when)}"]
                act_note = [say(r, "[Schedule 12A was inserted by the Local Government (Access to Information) Act 1985.|(Access to Information Act 1985)|]")]
            elif form == "welsh_english":
                cited, descs, part = N.wales(t["paras"]), {p + N.WALES_OFFSET: d for p, d in T.PARA_DESC.items()}, "Part 4"
                top, act_note = [say(r, "[Joint committee papers received from a Welsh partner authority|Papers of the cross-border joint committee]")], []
            else:
                cited, descs, part, top, act_note = t["paras"], T.PARA_DESC, None, [], []
            lines = [*top, style.pick(r, "item_heading"), t["title"], "By virtue of " + self.cite(r, cited, part) + ".",
                     *act_note, *self.explanation(r, cited, descs), style.pick(r, "justification"), self.why(r, t)]
            return self.note(r, [x for x in lines if x], 90, 400)
        return body

    def welsh_page(self, t, when, form):
        cited = N.wales(t["paras"])

        def body(r):
            ps = numbers(r, cited)
            statement = say(r, "[Yn rhinwedd paragraff(au)|Yn rhinwedd paragraffau|Yn unol â pharagraff(au)|Yn unol â pharagraff] {ps} [Rhan 4 o|o Ran 4 o] Atodlen 12A [i Ddeddf|Deddf|o Ddeddf] Llywodraeth Leol 1972.", ps=ps)
            if form == "welsh_language":
                lines = [say(r, "[Rhesymau dros gyfyngu|Rhesymau wedi'u cyfyngu|Eitem gyfyngedig]"), f"{t['title']} ({t['m'].kw})",
                         slip(r, statement, self.style.slip_rate), "Esboniad o'r rhesymau"]
                for p in cited:
                    lines += [f"- Yn rhinwedd paragraff {p}", N.WALES_CY[p], "Mae prawf budd y cyhoedd yn berthnasol."]
                lines += [say(r, "[Cyfiawnhad dros gyfyngu|Cyfiawnhad]"), " ".join([*(WHY_CY[p] for p in t["paras"]), *(FLAG_CY[f] for f in t["flags"])]),
                          "Ar hyn o bryd mae budd y cyhoedd o gadw'r wybodaeth yn gyfrinachol yn drech na budd y cyhoedd o'i datgelu."]
            else:   # an English interface around a Welsh statement, then both languages
                lines = [say(r, "[Reasons restricted / Rhesymau dros gyfyngu|Exempt information / Gwybodaeth eithriedig]"), t["title"], statement,
                         "By virtue of " + self.cite(r, cited, "Part 4") + ".", "Explanation of Reasons"]
                for p in cited:
                    lines += [f"- By Virtue of Paragraph {p} / Yn rhinwedd paragraff {p}", T.cap(T.PARA_DESC[p - N.WALES_OFFSET]), N.WALES_CY[p]]
                lines += ["Reason restricted justification / Cyfiawnhad", self.why(r, t), " ".join(WHY_CY[p] for p in t["paras"])]
            return self.note(r, lines, 120, 400)
        return body

    # ------------------------------------------------------------------ front sheets and notices, then the report
    def exempt_report(self, r, t, when, statement, top=()):
        """The Part 2 report itself, under a statement of its own restriction."""
        m = t["m"]
        who = self.person(r) if t["person"] else ""
        return self.report(r, title=t["title"], committee=self.cm[t["committee"]], when=when, author=self.author_for(t), m=m,
                            statement=statement, extra_top=top, purpose=f"To seek a decision about {m.kw}.",
                            details=t["details"](r, who), recs=t["recs"], body_pages=1, n_appx=r.choice([0, 1]))

    def restricted_sheet(self, t, when, form):
        def body(r):
            sheet = [say(r, "[Document is Restricted|This document is restricted|DOCUMENT IS RESTRICTED]"),
                     say(r, "[Agenda Item {n}|Item {n}|]", n=r.randint(8, 19)), "By virtue of " + self.cite(r, t["paras"]) + ".",
                     say(r, "[Description|Description of exempt information|Category]:"),
                     *[T.cap(T.PARA_DESC[p]) for p in t["paras"]],
                     *T.public_interest(r, t["why"]), self.style.pick(r, "justification") + ":", self.why(r, t)]
            return [*self.note(r, sheet, 400, 500), *self.exempt_report(r, t, when, [])]
        return body

    def cmis_notice(self, t, when, form):
        def body(r):
            p = t["paras"]
            st = [say(r, "[RESTRICTED|Restricted Document|CONFIDENTIAL – RESTRICTED ITEM]"),
                  say(r, "[NOT FOR PUBLICATION|Not for publication] – [this report|this item] [contains|includes] exempt information [as defined in|within the meaning of|under] ") + self.cite(r, p) + ".",
                  say(r, "[Exempt information category|Category of exempt information|Exemption category]: ") + "; ".join(f"{x} – {T.PARA_SHORT[x]}" for x in p),
                  say(r, "[Reason|Reason for exemption]: ") + T.cap(t["why"]) + "."]
            return self.exempt_report(r, t, when, st)
        return body

    def front_sheet(self, t, when, form):
        def body(r):
            com = self.cm[t["committee"]]
            st = [f"Report to: {com.name}", f"Date of meeting: {T.d_med(when)}", f"Title: {t['title']}",
                  say(r, "Wards affected: [All|None specific|{ward}]", ward=r.choice(self.c.wards)),
                  say(r, "[Is the report confidential or exempt?|Exempt from publication?|Confidential / exempt:] [Yes|Yes – the whole report] – {pw} {nums}[ of Schedule 12A|]",
                      pw=paragraph_word(r, len(t["paras"])), nums=numbers(r, t["paras"])),
                  say(r, "[Reason|Reason for exemption]: ") + T.cap(t["why"]) + "."]
            return self.exempt_report(r, t, when, st)
        return body

    def part_two(self, t, when, form):
        def body(r):
            st = [self.style.pick(r, "part_two") + say(r, "[ – NOT FOR PUBLICATION| (exempt)| – confidential|: exempt information]"),
                  say(r, "[Exempt information:|This report is exempt under|Exempt by virtue of] ") + self.cite(r, t["paras"]) + "."]
            return self.exempt_report(r, t, when, st)
        return body

    def short_marking(self, t, when, form):
        def body(r):
            nums = numbers(r, t["paras"])
            st = [say(r, "[Exempt – para {n}|EXEMPT (paras {n})|Exempt: Sch 12A para {n}|Exempt item – paragraph {n}|Exempt - Para {n}]", n=nums)]
            return self.exempt_report(r, t, when, st)
        return body

    def confidential_appendix(self, t, when, form):
        def body(r):
            letter = r.choice("ABCD")
            who = self.person(r) if t["person"] else ""
            lines = [self.c.name, say(r, "[CONFIDENTIAL APPENDIX {l}|Confidential Appendix {l}|EXEMPT APPENDIX {l}|Appendix {l} (confidential)]", l=letter),
                     f"to the report on {t['title']} ({self.cm[t['committee']].name}, {T.d_med(when)})",
                     say(r, "[Not for publication|NOT FOR PUBLICATION|Exempt from publication] – ") + self.cite(r, t["paras"]) + ".",
                     *t["details"](r, who), self.para(r, 2)]
            return self.note(r, lines, 200, 400)
        return body

    def checklist(self, t, when, form, category=None):
        """A public interest test record for one report; ``category`` overrides the paragraphs (blank, "Part 2")."""
        def body(r):
            if category is None:
                cat = r.choice([f"Paragraph {numbers(r, t['paras'])} – " + "; ".join(T.PARA_DESC[p] for p in t["paras"]),
                                f"{numbers(r, t['paras'])}, " + T.cap(T.PARA_DESC[t["paras"][0]]),
                                f"{paragraph_word(r, len(t['paras']))} {numbers(r, t['paras'])}"])
            else:
                cat = category
            lines = [say(r, "PUBLIC INTEREST TEST[ – CHECKLIST|: RECORD OF CONSIDERATION|]"), f"Schedule 12A, {self.style.pick(r, 'act')}",
                     say(r, "[Name of report|Report title]: ") + t["title"], f"Committee: {self.cm[t['committee']].name}",
                     f"Date: {T.d_med(when)}", say(r, "[Category of exemption applied|Exemption relied on|Paragraph of Schedule 12A]: ") + cat,
                     # the reason shows the content's paragraph, so a checklist that names none gives none
                     say(r, "[Reason|Why the information is sensitive]: ") + T.cap(t["why"]) + "." if category is None else "",
                     say(r, "[Factors in favour of disclosure|Reasons to disclose]")]
            lines += [f"{q} {r.choice(['No', 'No', 'Possibly', 'Yes'])}" for q in r.sample(CHECK_FOR, 4)]
            lines += [say(r, "[Factors in favour of withholding|Reasons to withhold]")]
            lines += [f"{q} {r.choice(['Yes', 'Yes', 'No', 'Tick'])}" for q in r.sample(CHECK_AGAINST, 4)]
            lines += [say(r, "[Conclusion|Recommendation]: [the public interest in maintaining the exemption outweighs the public interest in disclosure|the report should be considered in private].") + f" ({t['m'].kw})",
                      f"Completed by: {self.author_for(t).title}"]
            return self.note(r, [x for x in lines if x], 200, 420)
        return body

    # ------------------------------------------------------------------ restricted, but no England paragraph fits
    def unmapped(self, variant: str):
        rng, c = self.rng, self.c
        if variant in ("checklist_blank", "checklist_part", "bare_notice"):
            t = self.topic(rng.choice(["disposal", "tender", "grant", "counsel"]), 0)
            when = self.meeting(t["committee"])
            if variant == "bare_notice":
                def body(r):
                    lines = [self.style.pick(r, "item_heading"), f"{t['title']} ({t['m'].kw})",
                             say(r, "[NOT FOR PUBLICATION|Not for publication|RESTRICTED – NOT FOR PUBLICATION]"), self.style.pick(r, "justification")]
                    return self.note(r, lines, 60, 200)
            else:
                body = self.checklist(t, when, "checklist", "" if variant == "checklist_blank" else rng.choice(["Part 2", "Part II", "Part B"]))
            title = f"Public interest test: {t['title']}" if variant != "bare_notice" else f"Reasons restricted: {t['title']}"
            return (f"restricted:unmapped:{variant}", title, self.meta(t["service"], t["committee"], when, "private", [t["m"]]),
                    ([], None, [], True), "explicit", body)
        if variant in ("standards_england", "standards_wales"):
            wales = variant == "standards_wales"
            table = N.STANDARDS_WALES if wales else N.STANDARDS_ENGLAND
            cited = sorted(rng.sample(list(table), rng.randint(1, 2)))
            when = date(rng.randint(2008, 2011), rng.randint(1, 12), rng.randint(1, 28)) if not wales else self.meeting("standards")
            subject = rng.choice(c.members)
            title = f"Standards hearing: complaint about {subject.name}"

            def body(r):
                lines = [self.style.pick(r, "item_heading"), title, "By virtue of " + self.cite(r, cited, "Part 4" if wales else None) + ".",
                         "Explanation of Reasons", *[x for p in cited for x in (f"- By Virtue of Paragraph {p}", table[p])],
                         self.style.pick(r, "justification"),
                         say(r, "The [Hearings|Assessment] Sub-Committee will [consider|deliberate on] a complaint [referred to it|about a member's conduct] before reaching its finding. [It will meet in private.|]")]
                return self.note(r, lines, 90, 300)
            return (f"restricted:unmapped:{variant}", title, self.meta("legal", "standards", when, "private"), ([], None, [], True), "standards", body)
        if variant == "scotland":
            cited = sorted(rng.sample(list(N.SCOTLAND_7A), 2))
            m = self.matter("supplier", "waste", "leisure")
            title = f"Joint board: {m.title}"

            def body(r):
                lines = ["Reasons restricted", title, f"Papers of a joint board with a Scottish partner council concerning {m.kw}.",
                         say(r, "[Exempt information as described in|By virtue of] {pw} {nums} of Schedule 7A [of|to] the Local Government (Scotland) Act 1973.",
                             pw=paragraph_word(r, 2), nums=numbers(r, cited)),
                         "Explanation of Reasons", *[x for p in cited for x in (f"- By Virtue of Paragraph {p}", N.SCOTLAND_7A[p])]]
                return self.note(r, lines, 90, 300)
            return ("restricted:unmapped:scotland", title, self.meta(m.service, None, None, None, [m]), ([], None, [], True), "standards", body)
        # act_1960: a parish council's confidential paper
        parish = f"{rng.choice(c.wards)} Parish Council"
        when = self.meeting("council")
        title = f"{parish}: confidential item"

        def body(r):
            lines = [parish, say(r, "[CONFIDENTIAL|Confidential item|PRIVATE AND CONFIDENTIAL]"),
                     say(r, "[To be considered|For consideration] with the press and public excluded [under|by virtue of] section 1(2) of {act}, [the business being of a confidential nature|because publicity would be prejudicial to the public interest by reason of the confidential nature of the business].",
                         act=N.ACT_1960),
                     say(r, "Lease of the [pavilion|community hall|allotment site]: the Clerk reports on the [offers received|terms discussed with the prospective tenant] and the Council is asked to agree its position."),
                     f"Meeting of {T.d_long(when)}.", self.para(r, 2)]
            return self.note(r, lines, 90, 300)
        return ("restricted:unmapped:act_1960", title, self.meta("democratic"), ([], None, [], True), "standards", body)
