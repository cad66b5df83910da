"""The JSON API's declarations and its OpenAPI document, generated from them.

Each API view declares its inputs (`Field`) and answers (`Answer`) in one `Operation`; the same
declarations parse the request and describe it. `openapi_document` walks the application's
url_map, so a route that exists is in the document, declared or not.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from gateway.web.api_models import REF_TEMPLATE, Error, components
from gateway.web.converters import BoundedInt

OPENAPI_VERSION = "3.1.0"
MEDIA_JSON = "application/json"
_RULE_ARGUMENT = re.compile(r"<(?:(?P<converter>[A-Za-z_]\w*)(?:\([^)]*\))?:)?(?P<name>[A-Za-z_]\w*)>")


class FieldError(ValueError):
    """An input that is missing or has the wrong type; the message names the field."""

    def __init__(self, name: str, problem: str):
        self.field = name
        super().__init__(f"{name}: {problem}")


class BodyError(ValueError):
    """A request body that is not a JSON object."""


@dataclass(frozen=True)
class Field:
    """One query parameter or JSON body member: its type, limits and meaning."""

    name: str
    type: str = "string"   # string | integer | boolean | date | moment (ISO date or date-time) | integers | strings
    description: str = ""
    required: bool = False
    enum: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    default: object = None
    items: object = None          # records: the api_models class each item is described by
    nullable: bool = False        # a JSON null is a value (in a partial body: "clear it")

    def schema(self) -> dict:
        if self.type == "records":
            schema = {"type": "array", "items": {"$ref": REF_TEMPLATE.format(model=self.items.__name__)}}
        elif self.type in ("integer", "boolean"):
            schema = {"type": self.type}
        elif self.type in ("integers", "strings"):
            schema = {"type": "array", "items": {"type": "integer" if self.type == "integers" else "string"}}
        elif self.type == "date":
            schema = {"type": "string", "format": "date"}
        elif self.type == "moment":
            schema = {"type": "string", "description": "An ISO 8601 date or date-time (UTC unless it has an offset)"}
        else:
            schema = {"type": "string"}
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.default is not None:
            schema["default"] = self.default.isoformat() if isinstance(self.default, date) else self.default
        if self.nullable:
            schema = {"anyOf": [schema, {"type": "null"}]}
        return schema

    def parse(self, value, from_text: bool):
        """The checked value: `from_text` for a query string, else a decoded JSON value."""
        if value is None or (from_text and value == ""):
            if self.required:
                raise FieldError(self.name, "required")
            return self.default
        if self.type == "integer":
            value = self._integer(value, from_text)
        elif self.type == "boolean":
            if from_text or not isinstance(value, bool):
                raise FieldError(self.name, "must be true or false")
        elif self.type == "records":
            # each item's fields are checked by the use-case, which names the wrong one
            if from_text or not isinstance(value, list) or any(not isinstance(v, dict) for v in value):
                raise FieldError(self.name, "must be a list of objects")
        elif self.type in ("integers", "strings"):
            kind = int if self.type == "integers" else str
            # bool is an int to isinstance; `true` is no paragraph
            if from_text or not isinstance(value, list) or any(type(v) is not kind for v in value):
                raise FieldError(self.name, f"must be a list of {'whole numbers' if kind is int else 'strings'}")
        elif not isinstance(value, str):
            raise FieldError(self.name, "must be a string")
        elif self.type == "date":
            value = _iso_date(self.name, value)
        elif self.type == "moment":
            value = _iso_moment(self.name, value)
        else:
            if self.required and not value.strip():
                raise FieldError(self.name, "required")
            if self.max_length is not None and len(value) > self.max_length:
                raise FieldError(self.name, f"at most {self.max_length} characters")
        if self.enum and value not in self.enum:
            raise FieldError(self.name, f"must be one of {', '.join(map(str, self.enum))}")
        return value

    def _integer(self, value, from_text: bool) -> int:
        if from_text:
            if not re.fullmatch(r"[+-]?\d{1,9}", value.strip()):
                raise FieldError(self.name, "must be a whole number")
            value = int(value)
        elif isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(self.name, "must be a whole number")
        if self.minimum is not None and value < self.minimum:
            raise FieldError(self.name, f"must be {self.minimum} or more")
        if self.maximum is not None and value > self.maximum:
            raise FieldError(self.name, f"must be {self.maximum} or less")
        return value


def _iso_date(name: str, text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(name, f"{text[:40]!r} is not an ISO date (YYYY-MM-DD)") from None


def _iso_moment(name: str, text: str) -> str:
    """A date as given, or a date-time as UTC in the audit log's own format (so strings compare)."""
    text = text.strip()
    if len(text) == 10:
        return _iso_date(name, text).isoformat()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FieldError(name, f"{text[:40]!r} is not an ISO date or date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_query(fields, args) -> dict:
    return {f.name: f.parse(args.get(f.name), from_text=True) for f in fields}


def parse_body(fields, raw: bytes, partial: bool = False) -> dict:
    """The declared members of a JSON object body, checked; unknown members are ignored.

    `partial` (PATCH): only the members present, a null kept as None where the field is nullable."""
    try:
        data = json.loads(raw) if raw and raw.strip() else None
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise BodyError("The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BodyError("The body must be a JSON object.")
    if partial:
        return {f.name: None if data[f.name] is None and f.nullable else f.parse(data[f.name], from_text=False)
                for f in fields if f.name in data}
    return {f.name: f.parse(data.get(f.name), from_text=False) for f in fields}


@dataclass(frozen=True)
class Answer:
    """One response of an operation: a model of `api_models` (or an inline JSON schema), or other media."""

    description: str
    schema: type | dict | None = None
    media: dict | None = None        # media type -> schema, for answers that are not JSON
    headers: dict | None = None      # header name -> description


@dataclass(frozen=True)
class Operation:
    endpoint: str
    method: str
    summary: str
    description: str = ""
    public: bool = False              # no bearer token needed
    roles: tuple = ()                 # any one of these (`member` is the account kind)
    query: tuple = ()
    body: tuple | None = None         # JSON object members; None: no body
    partial: bool = False             # PATCH: the body holds only the members to change
    path: dict = field(default_factory=dict)   # path parameter -> description
    answers: dict = field(default_factory=dict)
    tags: tuple = ()


def _ref(schema):
    """A model class as a reference to its component; an inline schema as it is."""
    return {"$ref": REF_TEMPLATE.format(model=schema.__name__)} if isinstance(schema, type) else schema


ERROR_ANSWERS = {
    400: Answer("A parameter or the body is wrong; the message and `field` name it", Error),
    401: Answer("No bearer token, or one that is unknown, revoked or expired", Error,
                headers={"WWW-Authenticate": "Bearer"}),
    403: Answer("The account's role may not do this", Error),
    500: Answer("Something went wrong; it has been logged (never a trace)", Error),
    503: Answer("The audit log cannot be written, or the database cannot be reached, so the request is refused "
                "(with Retry-After)", Error),
}


def openapi_path(rule: str, prefix: str) -> tuple[str, list[tuple[str, str]]]:
    """A werkzeug rule as an OpenAPI path under `prefix`, with its (name, converter) parameters."""
    params = [(m["name"], m["converter"] or "default") for m in _RULE_ARGUMENT.finditer(rule)]
    path = _RULE_ARGUMENT.sub(lambda m: "{" + m["name"] + "}", rule)
    if prefix and path.startswith(prefix):
        path = path[len(prefix):] or "/"
    return path, params


def _operation_object(op: Operation, params: list[tuple[str, str]]) -> dict:
    parameters = [{
        "name": name, "in": "path", "required": True,
        "description": op.path.get(name, name.replace("_", " ")),
        "schema": ({"type": "integer", "minimum": 0, "maximum": BoundedInt.MAX} if converter == "int"
                   else {"type": "string"}),
    } for name, converter in params]
    parameters += [{
        "name": f.name, "in": "query", "required": f.required, "description": f.description or f.name,
        "schema": f.schema(),
    } for f in op.query]
    answers = dict(op.answers)
    if op.query or op.body is not None:
        answers.setdefault(400, ERROR_ANSWERS[400])
    if not op.public:
        answers.setdefault(401, ERROR_ANSWERS[401])
    if op.roles:
        answers.setdefault(403, ERROR_ANSWERS[403])
    answers.setdefault(500, ERROR_ANSWERS[500])
    answers.setdefault(503, ERROR_ANSWERS[503])
    responses = {}
    for status in sorted(answers):
        answer = answers[status]
        response = {"description": answer.description}
        if answer.media:
            response["content"] = {media: {"schema": _ref(schema)} for media, schema in answer.media.items()}
        elif answer.schema is not None:
            response["content"] = {MEDIA_JSON: {"schema": _ref(answer.schema)}}
        if answer.headers:
            response["headers"] = {name: {"description": text, "schema": {"type": "string"}}
                                   for name, text in answer.headers.items()}
        responses[str(status)] = response
    obj = {"operationId": op.endpoint, "summary": op.summary, "responses": responses}
    if op.description:
        obj["description"] = op.description
    if op.tags:
        obj["tags"] = list(op.tags)
    if parameters:
        obj["parameters"] = parameters
    if op.body is not None:
        obj["requestBody"] = {"required": True, "content": {MEDIA_JSON: {"schema": {
            "type": "object",
            "properties": {f.name: {**f.schema(), **({"description": f.description} if f.description else {})}
                           for f in op.body},
            **({"minProperties": 1} if op.partial else {}),
            **({"required": [f.name for f in op.body if f.required]} if any(f.required for f in op.body) else {}),
        }}}}
    if op.public:
        obj["security"] = []
    elif op.roles:
        obj["x-roles"] = list(op.roles)
    return obj


def openapi_document(app, blueprint, operations: dict, title: str, version: str) -> dict:
    """The OpenAPI document for every route of `blueprint` in `app`, from the routes' declarations."""
    prefix = blueprint.url_prefix or ""
    paths: dict = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.split(".", 1)[0] != blueprint.name:
            continue
        path, params = openapi_path(rule.rule, prefix)
        endpoint = rule.endpoint.split(".", 1)[1]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op = operations.get((endpoint, method))
            if op is None:  # a route added without a declaration still appears, and says so
                view = app.view_functions[rule.endpoint]
                op = Operation(endpoint, method, (view.__doc__ or endpoint).strip().splitlines()[0],
                               answers={200: Answer("Undeclared: see the view")})
            paths.setdefault(path, {})[method.lower()] = _operation_object(op, params)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version,
                 "description": "Bearer tokens from POST /tokens; every answer about a document comes from the "
                                "gateway's one decision service, and is audited before anything is returned. "
                                "A document hidden from the caller answers 404, exactly as one that does not exist."},
        "servers": [{"url": prefix or "/"}],
        "paths": paths,
        "components": {
            "schemas": components(sorted({Error, *(a.schema for op in operations.values()
                                                   for a in op.answers.values() if isinstance(a.schema, type))},
                                         key=lambda model: model.__name__)),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "A token from POST /tokens"}},
        },
        "security": [{"bearerAuth": []}],
    }
