"""Seed-varied wording: alternatives in templates, paragraph lists, a council's house style, slips.

Councils write one statement many ways, and each council has habits. ``HouseStyle`` orders the
alternatives of each phrase per seed (a council favours some, uses the rest now and then), and
every document draws its own phrasing, so a classifier tuned on one seed meets new wording on
another. Only bodies use these (they draw from the document's own ``Random``): labels never depend
on wording.
"""

from __future__ import annotations

import random
import re

_ALTERNATIVES = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def say(r: random.Random, template: str, **fields) -> str:
    """Expand ``[a|b|c]`` alternatives (innermost first, so they nest; ``[a|]`` may drop a), then fill ``{fields}``."""
    text = template
    while True:
        expanded = _ALTERNATIVES.sub(lambda m: r.choice(m.group(1).split("|")), text)
        if expanded == text:
            break
        text = expanded
    return text.format(**fields) if fields else text


def numbers(r: random.Random, nums) -> str:
    """A list of paragraph numbers as councils write them: "3", "3 and 5", "1, 2 & 3", "1 to 3", "1-3", "3,5"."""
    nums = [str(n) for n in nums]
    if len(nums) == 1:
        return nums[0]
    forms = [", ".join(nums[:-1]) + " and " + nums[-1], ", ".join(nums[:-1]) + " & " + nums[-1],
             ", ".join(nums), ",".join(nums)]
    if len(nums) >= 3 and all(a.isdigit() and b.isdigit() and int(b) == int(a) + 1 for a, b in zip(nums, nums[1:])):
        forms += [f"{nums[0]} to {nums[-1]}", f"{nums[0]}-{nums[-1]}", f"{nums[0]} - {nums[-1]}"]
    return r.choice(forms)


def paragraph_word(r: random.Random, n: int) -> str:
    return r.choice(["paragraph(s)", "paragraph", "para", "Paragraph"]) if n == 1 else \
        r.choice(["paragraph(s)", "paragraphs", "paras", "Paragraphs"])


# Slips seen in published pages: run-together words and a dropped space.
SLIPS = [("12A of", "12Aof"), ("paragraph(s) ", "paragraph(s)"), ("Schedule 12A", "Schedule12A"),
         ("Act 1972", "Act1972"), ("Part 1 ", "Part1 "), ("exempt information", "exempt  information")]


def slip(r: random.Random, text: str, rate: float) -> str:
    """Now and then, one slip of the kind councils' pages carry."""
    if r.random() >= rate:
        return text
    found = [(a, b) for a, b in SLIPS if a in text]
    if not found:
        return text
    a, b = r.choice(found)
    return text.replace(a, b, 1)


# The phrases a council has habits about; HouseStyle orders each list per seed.
PHRASES = {
    "act": ["the Local Government Act 1972", "the Local Government Act 1972 (as amended)", "the Local Government Act, 1972",
            "the LGA 1972"],
    "of_to": ["of", "to"],
    "part": ["Part 1", "Part I", "Part One"],
    "item_heading": ["Reasons restricted", "Anticipated reasons for restriction", "Reason for restriction",
                     "Restricted item"],
    "justification": ["Reason restricted justification", "Justification", "Reasons for restriction",
                      "Justification for restriction"],
    "part_two": ["PART 2", "Part B", "PART II", "Part II", "PART B", "Private Part 2"],
    "press_public": ["the press and public", "the public and press", "the public", "members of the press and public"],
    "resolved": ["RESOLVED –", "RESOLVED:", "RESOLVED -", "Resolved:", "It was RESOLVED:"],
}


class HouseStyle:
    """One council's habits: for each phrase, its alternatives in the order this council favours them."""

    def __init__(self, seed: int):
        r = random.Random(f"house-style|{seed}")
        self.order = {key: r.sample(options, len(options)) for key, options in PHRASES.items()}
        self.slip_rate = r.choice([0.1, 0.2, 0.3])

    def pick(self, r: random.Random, key: str) -> str:
        """Mostly the favourite, sometimes the others (each half as likely as the one before)."""
        options = self.order[key]
        return r.choices(options, [2.0 ** -i for i in range(len(options))])[0]
