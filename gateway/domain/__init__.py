"""The council's data and what is done with it; no Flask imports here."""
