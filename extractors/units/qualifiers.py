"""What may follow the nouns of generic units and belongs to them: the kind of body ("các cơ quan
chức năng", "các cơ quan tham mưu, quản lý nhà nước"), a closing qualifier ("khác", "trực thuộc"), the
area ("trên địa bàn tỉnh"), and the place after a locality word ("tỉnh Hà Giang")."""

from __future__ import annotations

from kehoach.extractors.units.words import is_title, locality_at

# Words that say what kind of bodies generic units are, longest first: official terms, not a field.
_KINDS_OF_BODIES = (
    ["truyền", "thông", ",", "báo", "chí"], ["thông", "tấn", ",", "báo", "chí"], ["thành", "viên"],
    ["sự", "nghiệp", "công", "lập"], ["chức", "năng"], ["chuyên", "môn"], ["báo", "chí"], ["truyền", "thông"],
)
# Kinds that are verbs as well ("các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh ..."): a kind only
# right after the noun and where no object follows ("các cơ quan tham mưu, quản lý nhà nước thuộc Bộ").
_VERB_KINDS = (["quản", "lý", "nhà", "nước"], ["tham", "mưu"])
_AFTER_VERB_KIND = frozenset({",", "và", "thuộc", "trực", "giúp", ";", ".", ":", ")"})


def place_end(words: list[str], lows: list[str], j: int) -> int:
    """The end of a locality at words[j] with the place name after it ("tỉnh Hà Giang")."""
    end = j + locality_at(lows, j)
    while end < len(words) and is_title(words[end]) and words[end].isalpha():
        end += 1
    return end


def qualified(lows: list[str], j: int) -> int:
    """How many words at lows[j] qualify generic units before the sentence goes on: "khác" ("các sở,
    ban, ngành khác"), "thành viên" (of a front), a kind of body ("các cơ quan chức năng", "các cơ quan
    truyền thông, báo chí"), or "trực thuộc" closing a clause ("các tổ chức chính trị - xã hội trực
    thuộc")."""
    if j < len(lows) and lows[j] == "khác":
        return 0 if lows[j + 1 : j + 2] == ["nhau"] else 1  # not "các cơ quan khác nhau" (various)
    kind = kind_of_body(lows, j)
    if kind:
        return kind
    after = j + 2
    if lows[j : after] == ["trực", "thuộc"] and (after == len(lows) or not lows[after].isalnum()):
        return 2
    return 0


def kind_of_body(lows: list[str], j: int, *, verbs: bool = False) -> int:
    """How many words at lows[j] say what kind of body generic units are ("chức năng", "chuyên môn"),
    also several joined by "," or "và" ("các cơ quan tham mưu, quản lý nhà nước"); with `verbs`, right
    after the noun, the kinds that are verbs as well count where no object follows them."""
    end = j
    while True:
        kind = _kind_at(lows, end, verbs)
        if not kind:
            return end - j
        end += kind
        if end + 1 < len(lows) and lows[end] in (",", "và") and _kind_at(lows, end + 1, verbs):
            end += 1
        else:
            return end - j


def _kind_at(lows: list[str], j: int, verbs: bool) -> int:
    for kind in _KINDS_OF_BODIES:
        if lows[j : j + len(kind)] == kind:
            return len(kind)
    if verbs:
        for kind in _VERB_KINDS:
            after = j + len(kind)
            if lows[j:after] == kind and (after == len(lows) or lows[after] in _AFTER_VERB_KIND):
                return len(kind)
    return 0


def in_area(words: list[str], lows: list[str], j: int) -> int:
    """How many words at words[j] place generic units in an area: "(đóng) trên địa bàn (tỉnh ...)"."""
    k = j + (j < len(lows) and lows[j] == "đóng")
    if lows[k : k + 3] != ["trên", "địa", "bàn"]:
        return 0
    k += 3
    return (place_end(words, lows, k) if locality_at(lows, k) else k) - j
