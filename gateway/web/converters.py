"""Route converters: path parameters bounded, so an id out of range matches no route (404), never a 500."""

from werkzeug.routing import IntegerConverter, ValidationError


class BoundedInt(IntegerConverter):
    """`<int:...>` in every route: ASCII digits naming a row id the database can hold (an Integer column,
    2^31-1 on PostgreSQL), else no route matches and the answer is 404, never a database error's 500."""

    regex = r"[0-9]+"
    MAX = 2**31 - 1

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        bound = self.MAX if max is None or max > self.MAX else max
        super().__init__(map, fixed_digits, min, bound, signed=False)

    def to_python(self, value: str) -> int:
        if len(value) > len(str(self.MAX)):
            raise ValidationError()
        return super().to_python(value)
