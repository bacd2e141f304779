"""Case codes that are not taken yet.

A code is the node's country and seven random letters of a 32-letter alphabet (see
`models.new_case_code`): 32^7 codes, so 100,000 codes drawn at once collide with a chance
of about one in seven, and a million nearly always. Whoever makes codes in bulk (an import,
a synthetic node) draws them here; a single registration checks its one code.
"""

from __future__ import annotations

import secrets

from seawall.cases.models import CODE_ALPHABET, VictimCase, case_code_prefix, new_case_code

# A byte modulo 32 picks a letter of the 32-letter alphabet uniformly (256 = 8 x 32).
_CODE_LETTERS = bytes((CODE_ALPHABET * 8).encode())
_TRANSLATE = bytes.maketrans(bytes(range(256)), _CODE_LETTERS)


def taken_codes() -> set[str]:
    """Every code of the node; one read costs less than asking about each new code."""
    return set(VictimCase.objects.filter(code__startswith=case_code_prefix()).values_list("code", flat=True))


def unused_case_codes(count: int, taken: set[str] | None = None) -> list[str]:
    """`count` distinct codes not in `taken` (by default, the node's codes). A caller that
    draws in chunks reads `taken_codes()` once and passes that set each time: the new codes
    are added to it, so no chunk repeats another's."""
    if taken is None:
        taken = taken_codes()
    prefix = case_code_prefix()
    chosen: list[str] = []
    while len(chosen) < count:
        needed = count - len(chosen)
        letters = secrets.token_bytes(7 * needed).translate(_TRANSLATE).decode()
        for i in range(0, 7 * needed, 7):
            code = prefix + letters[i:i + 7]
            if code not in taken:
                taken.add(code)
                chosen.append(code)
    return chosen


def unused_case_code() -> str:
    """One new code for a registration, checked against the node."""
    while True:
        code = new_case_code()
        if not VictimCase.objects.filter(code=code).exists():
            return code
