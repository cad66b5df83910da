"""The one error type for bad input: it names the file, the entry and the field."""


class InputError(ValueError):
    def __init__(self, file, entry: str | None, field: str | None, problem: str):
        self.file, self.entry, self.field, self.problem = str(file), entry, field, problem
        where = ": ".join(part for part in (self.file, entry, field and f"field '{field}'") if part)
        super().__init__(f"{where}: {problem}")
