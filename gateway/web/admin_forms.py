"""The forms of IT's account pages and of the Proper Officer's dashboard, Decided tab and standard reasons.

The fields carry what was typed; the services check it (as the council file is checked) and their message
is put on the field it names.
"""

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from gateway.domain.council_file import OFFICER_ROLES
from gateway.web.forms import Date, MultiCheckboxField, UnsignedForm, options

ROLE_LABELS = {"proper_officer": "Proper Officer", "deputy_proper_officer": "Deputy Proper Officer (acts on the queue)",
               "officer": "Officer", "admin": "IT administrator", "auditor": "Auditor"}


class AddAccountForm(FlaskForm):
    kind = RadioField("Kind of account", choices=options([("member", "A councillor"), ("officer", "An officer")]),
                      default="member", validators=[InputRequired(message="Choose a councillor or an officer")])
    id = StringField("Username (the account's id)")
    name = StringField("Full name")
    email = StringField("Email address for notices (optional)")
    group = SelectField("Party group (councillors)", choices=[], validate_choice=False)
    ward = StringField("Ward (councillors, optional)")
    roles = MultiCheckboxField("Roles (officers)", choices=options(
        (role, ROLE_LABELS.get(role, role)) for role in OFFICER_ROLES))
    service = StringField("Service (officers, optional)")


OUTCOME_CHOICES = [("", "Any"), ("granted", "Granted"), ("denied", "Refused")]
ON_TIME_CHOICES = [("", "Any"), ("yes", "On time"), ("no", "Late")]


class DecidedFilterForm(UnsignedForm):
    decider = SelectField("Decided by", choices=[], validate_choice=False, default="")
    outcome = SelectField("Outcome", choices=options(OUTCOME_CHOICES), default="")
    on_time = SelectField("On time", choices=options(ON_TIME_CHOICES), default="")
    member = SelectField("Member", choices=[], validate_choice=False, default="")
    since = Date("Decided from", validators=[Optional()])
    until = Date("Decided to", validators=[Optional()])


class StandardReasonForm(FlaskForm):
    title = StringField("Short name (what you pick from)",
                        validators=[Length(max=100, message="Use 100 characters or fewer")])
    text = TextAreaField("The reason, as the member will read it",
                         validators=[Length(max=5000, message="Use 5,000 characters or fewer")])
