"""The forms of the councillor, Proper Officer and administration pages (labels and messages in plain English).

State-changing forms are FlaskForms, so each carries its CSRF token; filter forms read GET
arguments and change nothing, so they have none.
"""

from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.utils import unset_value
from wtforms.widgets import CheckboxInput, ListWidget

from gateway.domain.documents import FLAGS
from gateway.web.dates import DATE_PARTS, date_from_parts, uk_date

PARAGRAPHS = {
    1: "Information relating to any individual",
    2: "Information likely to reveal the identity of an individual",
    3: "Financial or business affairs of any particular person (including the council)",
    4: "Labour relations consultations or negotiations",
    5: "Legal professional privilege",
    6: "A proposed notice, order or direction under an enactment",
    7: "Prevention, investigation or prosecution of crime",
}
FLAG_LABELS = {
    "monitoring_officer_correspondence": "Monitoring Officer's correspondence",
    "employee_matter": "About a particular employee",
    "third_party_personal_data": "Personal data of third parties",
    "contract_terms": "Terms proposed in contract negotiations (paragraph 3)",
}
CAPACITIES = [("councillor", "As a councillor, for my council duties"),
              ("private", "In a private capacity, as a member of the public")]


class Date(Field):
    """A date in the GOV.UK pattern: Day, Month and Year boxes (`<name>-day`, `-month`, `-year`; the macro
    `date_input` draws them). A single `<name>` value (an old link, a bookmark) may be in any UK form:
    12/10/2026, 12-10-2026, 12 Oct 2026, 12 October 2026 or 2026-10-12."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        given = formdata if formdata is not None else {}
        self.parts = {part: (given.get(f"{self.name}-{part}") or "").strip()[:20] for part in DATE_PARTS}
        super().process(formdata, data, extra_filters)
        if not any(self.parts.values()) and isinstance(self.data, date):
            self.parts = {"day": str(self.data.day), "month": str(self.data.month), "year": str(self.data.year)}

    def process_data(self, value):
        self.data = value

    def process_formdata(self, valuelist):
        self.data = None
        if any(self.parts.values()):
            self.raw_data = [" ".join(self.parts.values())]   # so Optional() sees something was typed
            self.data = date_from_parts(self.label.text, **self.parts)
        elif valuelist and valuelist[0].strip():
            self.data = uk_date(self.label.text, valuelist[0])

    def _value(self):
        return self.data.isoformat() if isinstance(self.data, date) else ""


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms' choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UnsignedForm(FlaskForm):
    """A GET form of filters: no CSRF token (it changes nothing), values from the query string."""

    class Meta:
        csrf = False


def _not_after(other: str):
    def check(form, field):
        start = form[other].data
        if start and field.data and field.data < start:
            raise ValidationError("The ‘to’ date must be the same as or after the ‘from’ date")
    return check


class SearchForm(UnsignedForm):
    q = StringField("Search for", validators=[Optional(), Length(max=200, message="Use 200 characters or fewer")])
    committee = SelectField("Committee", choices=[], validate_choice=False, default="")
    date_from = Date("Meetings from", validators=[Optional()])
    date_to = Date("Meetings to", validators=[Optional(), _not_after("date_from")])
    paragraph = SelectField("Exempt information", choices=options([("", "Any")] + [
        (str(n), f"Paragraph {n}: {label}") for n, label in PARAGRAPHS.items()]), default="")
    status = SelectField("Status", choices=options([("", "Any"), ("published", "Published"),
                                                           ("embargoed", "Embargoed"), ("draft", "Draft")]),
                         default="")
    page = IntegerField("Page", validators=[Optional(), NumberRange(min=1, max=10000)], default=1)


class RequestForm(FlaskForm):
    reason = TextAreaField(
        "Why do you need this document?",
        validators=[DataRequired(message="Enter why you need this document for your duties"),
                    Length(max=2000, message="Use 2,000 characters or fewer")])
    capacity = RadioField("In what capacity are you asking?", choices=options(CAPACITIES), default="councillor",
                          validators=[InputRequired(message="Choose the capacity you are asking in")])
    needed_by = Date("When do you need it by? (optional)", validators=[Optional()])
    # Set by the page offered after a refusal: asking again at once because of new information.
    new_information = HiddenField(default="")


class DownloadForm(FlaskForm):
    purpose = StringField(
        "What will you use the copy for?",
        validators=[DataRequired(message="Enter what you will use the copy for"),
                    Length(max=200, message="Use 200 characters or fewer")])
    capacity = HiddenField(default="councillor")


class DisputeForm(FlaskForm):
    grounds = TextAreaField(
        "Why is the refusal wrong?",
        validators=[DataRequired(message="Enter why the refusal is wrong"),
                    Length(max=4000, message="Use 4,000 characters or fewer")])


class AdjudicationForm(FlaskForm):
    outcome = RadioField("Your decision", choices=options([("grant", "Grant access"), ("deny", "Refuse access")]),
                         validators=[InputRequired(message="Choose whether to grant or refuse access")])
    # choices: the Proper Officer's standard reasons (services.standard_reasons), set by the page
    standard_reason = SelectField("A standard reason (optional)", choices=[], coerce=lambda v: int(v) if v else None,
                                  validate_choice=False, default=None)
    reasons = TextAreaField(
        "Written reasons",
        validators=[Length(max=4000, message="Use 4,000 characters or fewer")])
    # A grant's last day, or a refusal's (after it the member may ask again with a new reason).
    until = Date("Until (optional)", validators=[Optional()])

    def validate_reasons(self, field):
        if not (field.data or "").strip() and self.standard_reason.data is None:
            raise ValidationError("Enter your written reasons or pick a standard reason: the member will see them")


class WithdrawalForm(FlaskForm):
    reasons = TextAreaField(
        "Why is the access withdrawn?",
        validators=[DataRequired(message="Enter why the access is withdrawn: the member will see it"),
                    Length(max=4000, message="Use 4,000 characters or fewer")])


class DisputeOutcomeForm(FlaskForm):
    result = RadioField("The committee's decision", choices=options([
        ("upheld", "Upheld: the member is granted access from now"),
        ("dismissed", "Dismissed: the refusal stands")]),
        validators=[InputRequired(message="Choose whether the committee upheld or dismissed the dispute")])
    committee = SelectField("Which committee decided", choices=[], validate_choice=False,
                            validators=[DataRequired(message="Choose the committee that decided the dispute")])
    reasons = TextAreaField(
        "The committee's reasons",
        validators=[DataRequired(message="Enter the committee's reasons"),
                    Length(max=4000, message="Use 4,000 characters or fewer")])
    until = Date("Access until (optional)", validators=[Optional()])

    def validate_until(self, field):
        if field.data and self.result.data == "dismissed":
            raise ValidationError("Leave ‘access until’ empty when the dispute is dismissed")


class ReviewForm(FlaskForm):
    action = RadioField("Your review", choices=options([
        ("release", "Release: the document is public from a date"),
        ("extend", "Extend: review the exemption again on a later date"),
        ("keep", "Keep: the exemption still outweighs disclosure")]),
        validators=[InputRequired(message="Choose release, extend or keep")])
    on = Date("Date (optional for keep)", validators=[Optional()])
    reasons = TextAreaField(
        "Reasons (the public-interest test)",
        validators=[DataRequired(message="Enter your reasons: why the exemption still applies, or why it no longer "
                                         "outweighs disclosure"),
                    Length(max=4000, message="Use 4,000 characters or fewer")])


class ReclassifyForm(FlaskForm):
    exempt_paragraphs = MultiCheckboxField("Schedule 12A paragraphs", coerce=int,
                                    choices=options((n, f"{n}: {label}") for n, label in PARAGRAPHS.items()))
    party_group = SelectField("Internal to a party group", choices=[], validate_choice=False)
    flags = MultiCheckboxField("Other labels", choices=options((f, FLAG_LABELS.get(f, f)) for f in FLAGS))
    needs_review = BooleanField("Keep it for review (the Proper Officer is not yet sure)")
    reasons = TextAreaField(
        "Reasons for the change",
        validators=[DataRequired(message="Enter why the classification changes"),
                    Length(max=4000, message="Use 4,000 characters or fewer")])


class CouncilUploadForm(FlaskForm):
    file = FileField("Council file", validators=[
        FileRequired(message="Choose a council file to upload"),
        FileAllowed(["yaml", "yml", "json"], message="The council file must be YAML (.yaml, .yml) or JSON (.json)")])


class ApplyCouncilForm(FlaskForm):
    """Confirms a checked upload: names the staged file (its SHA-256), so exactly what was shown is loaded."""

    staged = HiddenField(validators=[InputRequired(message="Upload the council file again")])
    name = HiddenField()


class PolicyForm(FlaskForm):
    text = TextAreaField("Policy lines", validators=[
        DataRequired(message="Enter the policy lines"), Length(max=100_000, message="The policy is too long")])
    note = StringField("Why are you changing the policy?", validators=[
        DataRequired(message="Enter why you are changing the policy"),
        Length(max=500, message="Use 500 characters or fewer")])


class ConfirmForm(FlaskForm):
    """A button that changes state: only its CSRF token."""


class AuditFilterForm(UnsignedForm):
    event = SelectField("Event", choices=[], validate_choice=False, default="")
    actor = StringField("Who (account id)", validators=[Optional(), Length(max=100)])
    document = StringField("Document id", validators=[Optional(), Length(max=100)])
    since = Date("From date", validators=[Optional()])
    page = IntegerField("Page", validators=[Optional(), NumberRange(min=1, max=100000)], default=1)


SEAT_ROLES = [("", "Not on it"), ("member", "Member"), ("chair", "Chair"), ("vice_chair", "Vice-chair"),
              ("substitute", "Substitute")]
INTEREST_KINDS = [("", "Choose a kind"), ("pecuniary", "Pecuniary"), ("professional", "Professional"),
                  ("other", "Other")]


class MemberForm(FlaskForm):
    """One member's council-file fields. The fields only carry what was typed: the member use-case checks them
    exactly as the council file is checked, and its message is put on the field it names."""

    # a browser always sends it: a POST without it is no edit of this form (it would clear every field)
    sent = HiddenField(default="1", validators=[InputRequired(message="The form was not sent whole: open it again")])
    group = SelectField("Party group", choices=[], validate_choice=False)
    ward = StringField("Ward")
    email = StringField("Email address for notices")
    portfolio_holder = MultiCheckboxField("Portfolio holder for", choices=[], validate_choice=False)
    opposition_spokesperson = MultiCheckboxField("Opposition spokesperson for", choices=[], validate_choice=False)


def member_form(committees, groups, portfolios, matters, interests: int, data=None) -> MemberForm:
    """A MemberForm with a role choice per committee (`seat_<n>`) and a row per interest (`interest_<n>_...`),
    the existing `interests` ones with a remove box, then one empty row to add an interest."""

    class Form(MemberForm):
        pass

    for n, (_ident, name) in enumerate(committees):
        setattr(Form, f"seat_{n}", SelectField(name, choices=options(SEAT_ROLES), validate_choice=False))
    matter_choices = options([("", "Choose a matter")] + list(matters))
    for n in range(interests + 1):
        number = f"Interest {n + 1}" if n < interests else "New interest"
        setattr(Form, f"interest_{n}_kind", SelectField(f"{number}: kind", choices=options(INTEREST_KINDS),
                                                        validate_choice=False))
        setattr(Form, f"interest_{n}_matter", SelectField(f"{number}: matter", choices=matter_choices,
                                                          validate_choice=False))
        setattr(Form, f"interest_{n}_description", StringField(f"{number}: description"))
        if n < interests:
            setattr(Form, f"interest_{n}_remove", BooleanField(f"Remove interest {n + 1}"))
    form = Form(data=data)   # a POST's form data wins over `data`
    form.group.choices = options([("", "Not in a group")] + list(groups))
    form.portfolio_holder.choices = options(portfolios)
    form.opposition_spokesperson.choices = options(portfolios)
    return form
